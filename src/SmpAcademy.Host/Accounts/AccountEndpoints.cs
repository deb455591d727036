using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using SmpAcademy.Domain;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Problems;
using SmpAcademy.Host.RateLimiting;

namespace SmpAcademy.Host.Accounts;

public sealed record PasswordSignIn(string UserId, string Password);

public sealed record FirstAdminSetup(string Code, string UserId, string Password);

public sealed record SignedIn(string UserId, string Role, string? Body);

/// <summary>Password sign-in and first-admin setup for embedded accounts (<see cref="AccountSetup"/>).</summary>
public static partial class AccountEndpoints
{
    public const string PasswordPath = "/auth/password";
    public const string SetupPath = "/auth/setup";

    public static void MapAccountEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!AccountSetup.IsOn(app.Configuration))
            return;

        app.MapPost(PasswordPath, async Task<Results<Ok<SignedIn>, ProblemHttpResult>> (PasswordSignIn request, HttpContext http, PasswordCheck check) =>
            {
                if (CrossSite(http) is { } crossSite)
                    return crossSite;
                var (account, refusal) = await check.SignInAsync(request.UserId, request.Password);
                return account is null ? Problem.From(refusal!) : await SignInAsync(http, account);
            })
            .AllowAnonymous().RequireRateLimiting(Allowances.SignInPolicy).WithTags("Auth")
            .ProducesProblem(StatusCodes.Status403Forbidden).WithName("PasswordSignIn").WithSummary("Sign in with an account's password: a session cookie (HttpOnly, server-side); locks out after repeated failures");

        app.MapPost(SetupPath, async Task<Results<Ok<SignedIn>, ProblemHttpResult>> (FirstAdminSetup request, HttpContext http, UserManager<Account> users, SetupCode setup, IDocumentStore store, TimeProvider clock) =>
            {
                if (CrossSite(http) is { } crossSite)
                    return crossSite;
                if (!setup.Matches(request.Code))
                    return Problem.From(Refusal.Forbidden("bad-setup-code", "that is not this host's setup code (it is printed at start, and in setup-code in the data folder, until the first admin exists)"));
                if (!UserIdPattern().IsMatch(request.UserId ?? ""))
                    return Problem.BadInput("bad-user-id", BadUserId);
                var account = new Account { Id = request.UserId!, Role = Roles.Admin, CreatedAt = clock.GetUtcNow(), CreatedBy = "setup" };
                if (await WeakPasswordAsync(users, account, request.Password) is { } weak)
                    return weak;

                await using (var session = store.LightweightSession())
                {
                    session.Insert(new SetupCode.FirstAdmin { AdminId = account.Id, At = account.CreatedAt });
                    try
                    {
                        await session.SaveChangesAsync();
                    }
                    catch (JasperFx.DocumentAlreadyExistsException)
                    {
                        setup.Close();
                        return Problem.From(Refusal.Conflict("setup-done", "the first admin already exists: ask an admin for an invitation"));
                    }
                }

                var created = await users.CreateAsync(account, request.Password!);
                if (!created.Succeeded)
                {
                    // Reopen setup: a marker with no admin behind it would lock the install out for good.
                    await using var undo = store.LightweightSession();
                    undo.Delete<SetupCode.FirstAdmin>(SetupCode.FirstAdmin.Key);
                    await undo.SaveChangesAsync();
                    return Problem.BadInput("bad-account", string.Join("; ", created.Errors.Select(e => e.Description)));
                }
                setup.Close();
                return await SignInAsync(http, account);
            })
            .AllowAnonymous().RequireRateLimiting(Allowances.SignInPolicy).WithTags("Auth")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithName("FirstAdminSetup").WithSummary("A fresh install's first admin, with the one-time setup code printed at start; refused once an admin exists");
    }

    public const string BadUserId = "a user name is 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit";

    // \z, not $: "$" also matches before a final newline.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,63}\z")]
    public static partial Regex UserIdPattern();

    /// <summary>The password checked by Identity's validators, before anything is stored.</summary>
    public static async Task<ProblemHttpResult?> WeakPasswordAsync(UserManager<Account> users, Account account, string? password)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (password is not { Length: > 0 and <= 256 })
            return Problem.BadInput("weak-password", $"a password is {AccountSetup.MinimumPasswordLength} to 256 characters");
        var failures = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, account, password);
            failures.AddRange(result.Errors.Select(e => e.Description));
        }

        return failures.Count == 0 ? null : Problem.BadInput("weak-password", string.Join(" ", failures));
    }

    internal static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> SignInAsync(HttpContext http, Account account)
    {
        await http.SignInAsync(BrowserSignIn.CookieScheme, AccountSetup.PrincipalOf(account),
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = DateTimeOffset.UtcNow.Add(AccountSetup.Session) });
        return TypedResults.Ok(new SignedIn(account.Id, account.Role, account.Body));
    }

    /// <summary>A sign-in form posted from another site's page would sign this browser in as someone else (login CSRF).</summary>
    internal static ProblemHttpResult? CrossSite(HttpContext http) =>
        http.Request.Headers.Origin.Count > 0 && !SameOriginCheck.FromHere(http, Hosting.PublicUrl.Configured(http.RequestServices.GetRequiredService<IConfiguration>()))
            ? Problem.From(Refusal.Forbidden(SameOriginCheck.Code, $"a sign-in from origin '{http.Request.Headers.Origin}' is not from this host's pages"))
            : null;
}
