using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using SmpAcademy.Domain;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Problems;
using SmpAcademy.Host.RateLimiting;

namespace SmpAcademy.Host.Accounts;

/// <summary>The account's password, asked again before a passkey is added: a stolen session cannot plant a lasting way in.</summary>
public sealed record PasskeyCreation(string Password);

/// <summary>
/// Passkeys (WebAuthn) for embedded accounts, checked by ASP.NET Core Identity's passkey handler: an account holder
/// adds, lists and removes their own; anyone may sign in with one. Each ceremony's state is taken once
/// (<see cref="PasskeyChallenges"/>), and the browser's origin must be this host's (<c>Smp:PublicUrl</c>'s when set).
/// </summary>
public static class PasskeyEndpoints
{
    public const string SignInPath = "/auth/passkey";

    public const int MostPerAccount = 10;

    public const int NameLength = 64;

    public static void MapPasskeyEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!AccountSetup.IsOn(app.Configuration))
            return;
        var own = app.MapGroup("/api/account/passkeys").RequireAuthorization().WithTags("Accounts");

        own.MapGet("/", async Task<Results<Ok<IReadOnlyList<PasskeyView>>, ProblemHttpResult>> (HttpContext http, IQuerySession query) =>
                AccountOf(http) is not { } userId ? NotAnAccount()
                    : TypedResults.Ok<IReadOnlyList<PasskeyView>>([.. (await query.Query<Passkey>().Where(p => p.UserId == userId).OrderBy(p => p.CreatedAt).ToListAsync()).Select(PasskeyView.Of)]))
            .WithName("ListPasskeys").WithSummary("The signed-in account's passkeys: names and dates, never keys");

        own.MapPost("/options", async Task<Results<Ok<PasskeyOptions>, ProblemHttpResult>> (PasskeyCreation request, HttpContext http, PasswordCheck check, IPasskeyHandler<Account> passkeys, PasskeyChallenges challenges, IQuerySession query) =>
            {
                if (AccountOf(http) is not { } userId)
                    return NotAnAccount();
                var (account, refusal) = await check.SignInAsync(userId, request.Password);
                if (account is null)
                    return Problem.From(refusal!);
                if (await query.Query<Passkey>().CountAsync(p => p.UserId == userId) >= MostPerAccount)
                    return Problem.From(Refusal.Conflict("too-many-passkeys", $"an account has at most {MostPerAccount} passkeys: remove one first"));
                var options = await passkeys.MakeCreationOptionsAsync(new PasskeyUserEntity { Id = account.Id, Name = account.Id, DisplayName = account.Id }, http);
                await challenges.StartAsync(http, account.Id, options.AttestationState ?? "");
                return TypedResults.Ok(new PasskeyOptions(JsonDocument.Parse(options.CreationOptionsJson).RootElement));
            })
            .RequireRateLimiting(Allowances.SignInPolicy)
            .WithName("PasskeyCreationOptions").WithSummary("With the account's password again: the options for the browser to make a passkey (good for 5 minutes, once)");

        own.MapPost("/", async Task<Results<Created<PasskeyView>, ProblemHttpResult>> (PasskeyRegistration request, HttpContext http, IPasskeyHandler<Account> passkeys, PasskeyChallenges challenges, UserManager<Account> users) =>
            {
                if (AccountOf(http) is not { } userId)
                    return NotAnAccount();
                var name = (request.Name ?? "").Trim();
                if (name.Length > NameLength || name.Any(char.IsControl))
                    return Problem.BadInput("bad-passkey-name", $"a passkey's name is at most {NameLength} characters, without control characters");
                if (await challenges.TakeAsync(http, userId) is not { } state)
                    return Stale();
                var attested = await passkeys.PerformAttestationAsync(new PasskeyAttestationContext { HttpContext = http, CredentialJson = request.Credential.GetRawText(), AttestationState = state });
                if (!attested.Succeeded || attested.UserEntity.Id != userId)
                    return Problem.From(Refusal.Forbidden("bad-passkey", $"the browser's new passkey was not accepted: {attested.Failure?.Message ?? "it is for another account"}"));
                if (await users.FindByIdAsync(userId) is not { } account)
                    return NotAnAccount();
                if (await users.FindByPasskeyIdAsync(attested.Passkey.CredentialId) is not null)
                    return Problem.From(Refusal.Conflict("passkey-taken", "that passkey is already registered"));
                attested.Passkey.Name = name.Length > 0 ? name : $"Passkey of {DateTimeOffset.UtcNow:yyyy-MM-dd}";
                await users.AddOrUpdatePasskeyAsync(account, attested.Passkey);
                // As stored: a new passkey has its own creation time and has not signed anyone in yet.
                return TypedResults.Created((string?)null, new PasskeyView(Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Encode(attested.Passkey.CredentialId), attested.Passkey.Name, attested.Passkey.CreatedAt, null));
            })
            .WithName("AddPasskey").WithSummary("Keep the passkey the browser made with the options just given; a new ceremony for each");

        own.MapDelete("/{passkeyId}", async Task<Results<NoContent, ProblemHttpResult>> (string passkeyId, HttpContext http, IDocumentSession session) =>
            {
                if (AccountOf(http) is not { } userId)
                    return NotAnAccount();
                var passkey = await session.LoadAsync<Passkey>(passkeyId);
                if (passkey?.UserId != userId)
                    return Problem.From(Refusal.NotFound("no-passkey", "this account has no passkey of that id"));
                session.Delete(passkey);
                await session.SaveChangesAsync();
                return TypedResults.NoContent();
            })
            .WithName("RemovePasskey").WithSummary("Remove one of the signed-in account's passkeys: it signs nobody in again");

        app.MapPost($"{SignInPath}/options", async Task<Results<Ok<PasskeyOptions>, ProblemHttpResult>> (HttpContext http, IPasskeyHandler<Account> passkeys, PasskeyChallenges challenges) =>
            {
                if (AccountEndpoints.CrossSite(http) is { } crossSite)
                    return crossSite;
                // No user named: the browser offers whichever of its passkeys are for this host.
                var options = await passkeys.MakeRequestOptionsAsync(null, http);
                await challenges.StartAsync(http, null, options.AssertionState ?? "");
                return TypedResults.Ok(new PasskeyOptions(JsonDocument.Parse(options.RequestOptionsJson).RootElement));
            })
            .AllowAnonymous().RequireRateLimiting(Allowances.SignInPolicy).WithTags("Auth")
            .WithName("PasskeySignInOptions").WithSummary("The options for the browser to sign in with a passkey (good for 5 minutes, once)");

        app.MapPost(SignInPath, async Task<Results<Ok<SignedIn>, ProblemHttpResult>> (PasskeySignIn request, HttpContext http, IPasskeyHandler<Account> passkeys, PasskeyChallenges challenges, UserManager<Account> users) =>
            {
                if (AccountEndpoints.CrossSite(http) is { } crossSite)
                    return crossSite;
                if (await challenges.TakeAsync(http, null) is not { } state)
                    return Stale();
                var asserted = await passkeys.PerformAssertionAsync(new PasskeyAssertionContext { HttpContext = http, CredentialJson = request.Credential.GetRawText(), AssertionState = state });
                if (!asserted.Succeeded)
                    return Problem.From(Refusal.Forbidden("bad-passkey", $"that passkey did not sign you in: {asserted.Failure.Message}"));
                if (asserted.User.Disabled)
                    return Problem.From(Refusal.Forbidden("disabled", "this account is disabled: ask an admin"));
                await users.AddOrUpdatePasskeyAsync(asserted.User, asserted.Passkey); // its new signature count
                return await AccountEndpoints.SignInAsync(http, asserted.User);
            })
            .AllowAnonymous().RequireRateLimiting(Allowances.SignInPolicy).WithTags("Auth")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("PasskeySignIn").WithSummary("Sign in with a passkey's answer to the options just given: a session cookie, as with a password");
    }

    /// <summary>The account behind a session of this host's own; a provider's session or a token has none here.</summary>
    private static string? AccountOf(HttpContext http) =>
        SessionCheck.AccountOf(http.User)?.UserId;

    private static ProblemHttpResult NotAnAccount() =>
        Problem.From(Refusal.Forbidden("not-an-account", "passkeys are for this host's own accounts, signed in with their password"));

    private static ProblemHttpResult Stale() =>
        Problem.From(Refusal.Forbidden("no-passkey-ceremony", "there is no passkey request to answer: it was answered already, it expired, or it was for someone else; start again"));
}
