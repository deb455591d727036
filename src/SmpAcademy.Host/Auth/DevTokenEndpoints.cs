using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SmpAcademy.Curriculum;
using SmpAcademy.Host.Problems;
using SmpAcademy.Host.RateLimiting;

namespace SmpAcademy.Host.Auth;

/// <param name="Body">Auditors only: the certification body they audit for.</param>
public sealed record TokenRequest(string UserId, string Role, int? Hours = null, string? Body = null);

public sealed record TokenResponse(string Token, string UserId, string Role, DateTimeOffset ExpiresAt, string? Body = null);

/// <summary>Mints tokens for demo users; only there in demo mode (<see cref="DemoSignIn"/>).</summary>
public static partial class DevTokenEndpoints
{
    public static void MapDevTokenEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<DevIssuer>() is null)
            return;
        app.MapPost("/api/dev/tokens", Results<Ok<TokenResponse>, ProblemHttpResult> (TokenRequest request, DevIssuer issuer, CurriculumCatalog curriculum, TimeProvider clock) =>
            {
                if (string.IsNullOrWhiteSpace(request.UserId) || !UserIdPattern().IsMatch(request.UserId))
                    return Problem.BadInput("bad-user-id", "userId is 1–64 letters, digits, '.', '_' or '-'");
                if (!Roles.All.Contains(request.Role))
                    return Problem.BadInput("bad-role", $"role is one of {string.Join(", ", Roles.All)}");
                var bodies = curriculum.BodyIds;
                if (request.Role == Roles.Auditor && !bodies.Contains(request.Body))
                    return Problem.BadInput("bad-body", $"an auditor audits for one certification body: body is one of {string.Join(", ", bodies)}");
                if (request.Role != Roles.Auditor && request.Body is not null)
                    return Problem.BadInput("bad-body", "only auditors belong to a certification body");
                var lifetime = TimeSpan.FromHours(Math.Clamp(request.Hours ?? 8, 1, 24 * 30));
                var now = clock.GetUtcNow();
                var token = issuer.Mint(request.UserId, request.Role, lifetime, now, request.Body);
                return TypedResults.Ok(new TokenResponse(token, request.UserId, request.Role, now + lifetime, request.Body));
            })
            .WithName("MintDevToken").WithTags("Auth")
            .WithSummary("Development issuer: a signed token for a demo user and role (trainee, instructor, auditor with body, admin)")
            .AllowAnonymous().RequireRateLimiting(Allowances.SignInPolicy);
    }

    // \z, not $: "$" also matches before a final newline, which would let "ada\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex UserIdPattern();
}
