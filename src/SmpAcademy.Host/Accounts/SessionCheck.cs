using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SmpAcademy.Host.Accounts;

/// <summary>
/// Each request on an account's session checks the account still stands as it did at sign-in: not gone, not
/// disabled, and the same security stamp (a role change or a disable gives it a new one). Otherwise the session ends
/// there, not at its expiry. One primary-key read per request, on the consoles' cookie only; bearer tokens do not pass here.
/// </summary>
public static class SessionCheck
{
    /// <summary>The claim that carries the account's security stamp into its session (kept server-side, like the rest of the ticket).</summary>
    public const string StampClaim = "smp:stamp";

    /// <summary>The account and security stamp behind a session of this host's own; null for a provider's session or a token.</summary>
    public static (string UserId, string Stamp)? AccountOf(ClaimsPrincipal? user) =>
        user?.FindFirst(StampClaim)?.Value is { } stamp ? (user.FindFirst("sub")?.Value ?? "", stamp) : null;

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (AccountOf(context.Principal) is not var (userId, stamp))
            return; // a provider's session: the provider owns its accounts
        await using var query = context.HttpContext.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
        var account = await query.LoadAsync<Account>(userId, context.HttpContext.RequestAborted);
        if (account is { Disabled: false } && account.SecurityStamp == stamp)
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}
