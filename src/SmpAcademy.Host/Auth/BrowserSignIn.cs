using System.Globalization;

namespace SmpAcademy.Host.Auth;

/// <summary>
/// The consoles' sign-in through the identity provider: authorization code with PKCE, then a server-side cookie
/// session, so no token ever reaches page script, sessionStorage or a URL. On when <c>Auth:ClientId</c> names the
/// client registered at the provider (<see cref="ProviderSettings"/>); APIs and the CLI keep bearer tokens.
/// <c>Auth:ClientSecret</c> for a confidential client (none: a public one, PKCE alone), <c>Auth:Scopes</c> (space
/// separated, default "openid profile"; add the scope that carries the role claim), <c>Auth:SessionMinutes</c>
/// (how long a sign-in lasts, default 480, at most a day; it does not slide).
/// </summary>
public sealed record BrowserSignIn(string ClientId, string? ClientSecret, IReadOnlyList<string> Scopes, TimeSpan Session)
{
    public const string CookieScheme = "Cookies";
    public const string ProviderScheme = "Provider";
    public const string CookieName = "smp.session";
    public const string SignInPath = "/auth/signin";
    public const string SignOutPath = "/auth/signout";

    /// <summary>Null when no client id is set: the provider's tokens are then taken as bearer tokens only.</summary>
    /// <exception cref="Hosting.StartupRefusedException">A client id without a provider, or a session length out of range.</exception>
    public static BrowserSignIn? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string Section = ProviderClaims.Section;
        if (configuration[$"{Section}:ClientId"] is not { Length: > 0 } clientId)
            return null;
        if (string.IsNullOrEmpty(configuration[$"{Section}:Authority"]))
            throw new Hosting.StartupRefusedException($"{Section}:ClientId is set but {Section}:Authority is not: browser sign-in needs the provider's issuer URL");
        var minutes = configuration.GetValue($"{Section}:SessionMinutes", 480.0);
        if (minutes is <= 0 or > 1_440 || double.IsNaN(minutes))
            throw new Hosting.StartupRefusedException(string.Create(CultureInfo.InvariantCulture, $"{Section}:SessionMinutes is {minutes}: more than 0, at most 1440 (a day)"));
        var scopes = (configuration[$"{Section}:Scopes"] ?? "openid profile").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new(clientId, configuration[$"{Section}:ClientSecret"] is { Length: > 0 } secret ? secret : null,
            [.. scopes.Prepend("openid").Distinct(StringComparer.Ordinal)], TimeSpan.FromMinutes(minutes));
    }

    /// <summary>The request's credentials: a bearer token (header, or a hub socket's query) wins; else the session cookie.</summary>
    public static string SchemeFor(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var bearer = http.Request.Headers.Authorization.Count > 0
            || (http.Request.Path.StartsWithSegments("/hubs") && http.Request.Query.ContainsKey("access_token"));
        return !bearer && http.Request.Cookies.ContainsKey(CookieName) ? CookieScheme : Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme;
    }
}
