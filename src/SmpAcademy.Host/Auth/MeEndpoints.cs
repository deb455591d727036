using Microsoft.AspNetCore.Http.HttpResults;
using SmpAcademy.Grains.Instructors;

namespace SmpAcademy.Host.Auth;

/// <param name="Trainees">Instructors: the trainees assigned to them; empty for everyone else.</param>
/// <param name="Account">Signed in with an account of this host's own, which can have passkeys (not a provider's or demo token).</param>
public sealed record Me(string UserId, string Role, string? Body, IReadOnlyList<string> Trainees, bool Account = false);

public static class MeEndpoints
{
    public static void MapMeEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/me", async Task<Results<Ok<Me>, ProblemHttpResult>> (HttpContext http, IGrainFactory grains) =>
            {
                var caller = Caller.Of(http.User);
                // Signed in, but the provider's role means none of ours: say so once, here, rather than 403 with no reason everywhere.
                if (!Roles.All.Contains(caller.Role))
                    return Problems.Problem.From(new Domain.Refusal(Domain.RefusalKind.Forbidden, "no-role",
                        $"signed in as '{caller.UserId}', but the identity provider's token gives no SmpAcademy role "
                        + $"({http.User.FindFirst(ProviderClaims.UnmappedRoleClaim)?.Value ?? "no role claim"}): an administrator maps it with Auth:Roles:<value>=trainee|instructor|auditor|admin"));
                var trainees = caller.Role == Roles.Instructor ? await grains.GetGrain<IInstructorGrain>(caller.UserId).GetTrainees() : [];
                return TypedResults.Ok(new Me(caller.UserId, caller.Role, caller.AuditedBody, trainees, Accounts.SessionCheck.AccountOf(http.User) is not null));
            })
            .RequireAuthorization().WithTags("Auth")
            .WithName("WhoAmI").WithSummary("The signed-in user, role and (auditors) body; instructors also get their assigned trainees");
    }
}
