using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Problems;
using SmpAcademy.Host.RateLimiting;

namespace SmpAcademy.Host.Accounts;

/// <summary>Admins invite people with one-time links; the invited choose their user name and password.</summary>
public static class InvitationEndpoints
{
    public const string AcceptPath = "/auth/accept";

    /// <summary>How long a link stays good.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static void MapInvitationEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!AccountSetup.IsOn(app.Configuration))
            return;
        var admin = app.MapGroup("/api/admin").RequireAuthorization().WithTags("Accounts");

        admin.MapPost("/invitations", async Task<Results<Created<InvitationIssued>, ProblemHttpResult>> (InvitationRequest request, HttpContext http, IDocumentStore store, CurriculumCatalog curriculum, TimeProvider clock) =>
            {
                var caller = Caller.Of(http.User);
                if (!caller.IsAdmin)
                    return Problem.Forbidden("only an admin may invite people");
                if (RoleGrant.Check(request.Role, request.BodyId, curriculum) is { } refusal)
                    return Problem.From(refusal);

                var secret = SimpleBase.Base32.Crockford.Encode(RandomNumberGenerator.GetBytes(20));
                var now = clock.GetUtcNow();
                var invitation = new Invitation { Id = Hash(secret), Role = request.Role, Body = request.BodyId, InvitedBy = caller.UserId, CreatedAt = now, ExpiresAt = now + Lifetime };
                await using var session = store.LightweightSession();
                session.Insert(invitation);
                await session.SaveChangesAsync();
                var issued = new InvitationIssued($"/#invite={secret}", invitation.Role, invitation.Body, invitation.ExpiresAt);
                return TypedResults.Created((string?)null, issued);
            })
            .WithName("InviteAccount").WithSummary("A one-time link (good for 7 days) with which one person makes an account of this role; shown once, only its hash is kept");

        app.MapPost(AcceptPath, async Task<Results<Ok<SignedIn>, ProblemHttpResult>> (InvitationAcceptance request, HttpContext http, UserManager<Account> users, IDocumentStore store, TimeProvider clock) =>
            {
                if (AccountEndpoints.CrossSite(http) is { } crossSite)
                    return crossSite;
                var unusable = Problem.From(Refusal.Forbidden("bad-invitation", "that invitation link is not good: it was used, it expired, or it was never issued; ask an admin for a new one"));
                if (request.Invite is not { Length: > 0 and < 100 })
                    return unusable;
                await using var session = store.LightweightSession();
                var invitation = await session.LoadAsync<Invitation>(Hash(request.Invite));
                if (invitation is null || invitation.UsedBy is not null || invitation.ExpiresAt <= clock.GetUtcNow())
                    return unusable;
                if (!AccountEndpoints.UserIdPattern().IsMatch(request.UserId ?? ""))
                    return Problem.BadInput("bad-user-id", AccountEndpoints.BadUserId);
                var account = new Account { Id = request.UserId!, Role = invitation.Role, Body = invitation.Body, CreatedAt = clock.GetUtcNow(), CreatedBy = invitation.InvitedBy };
                if (await AccountEndpoints.WeakPasswordAsync(users, account, request.Password) is { } weak)
                    return weak;
                if (await users.FindByIdAsync(account.Id) is not null)
                    return Problem.From(Refusal.Conflict("user-name-taken", $"the user name '{account.Id}' is taken: choose another"));

                // Spend the invitation first (optimistic concurrency: a second use of the same link fails here).
                invitation.UsedBy = account.Id;
                session.Update(invitation);
                try
                {
                    await session.SaveChangesAsync();
                }
                catch (JasperFx.ConcurrencyException)
                {
                    return unusable;
                }

                var created = await users.CreateAsync(account, request.Password!);
                if (!created.Succeeded)
                {
                    // The name was taken meanwhile: give the link back so its holder can choose another.
                    await using var undo = store.LightweightSession();
                    invitation.UsedBy = null;
                    undo.Store(invitation);
                    await undo.SaveChangesAsync();
                    return Problem.From(Refusal.Conflict("user-name-taken", string.Join("; ", created.Errors.Select(e => e.Description))));
                }

                return await AccountEndpoints.SignInAsync(http, account);
            })
            .AllowAnonymous().RequireRateLimiting(Allowances.SignInPolicy).WithTags("Auth")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("AcceptInvitation").WithSummary("Make the account an invitation link is for, with a user name and password of one's own, and sign in");
    }

    private static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret.Trim().ToUpperInvariant())));
}
