using SmpAcademy.Domain;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Host.Auth;

/// <summary>
/// A session cookie goes with every request the browser makes to this host, whichever page started it. So a write,
/// or a hub socket, that came with the cookie must come from this host's own pages: its <c>Origin</c> must be ours
/// (<c>Smp:PublicUrl</c>'s when set), else 403 <c>cross-site</c> and nothing is done. SameSite=Lax already keeps the
/// cookie off other sites' POSTs; this also covers sibling hosts of the same site. Bearer callers are not concerned:
/// a browser never sends a token on its own.
/// </summary>
public static class SameOriginCheck
{
    public const string Code = "cross-site";

    public static void UseSameOriginCheck(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var configured = Hosting.PublicUrl.Configured(app.Configuration);
        app.Use(async (http, next) =>
        {
            if (BrowserSignIn.SchemeFor(http) == BrowserSignIn.CookieScheme && Changes(http) && !FromHere(http, configured))
            {
                await Problems.Problem.From(new Refusal(RefusalKind.Forbidden, Code,
                    $"a signed-in browser's {http.Request.Method} from origin '{http.Request.Headers.Origin}' is not from this host's pages; nothing was done")).ExecuteAsync(http);
                return;
            }

            await next(http);
        });
    }

    private static bool Changes(HttpContext http) =>
        !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)) || http.WebSockets.IsWebSocketRequest;

    /// <summary>Whether the request's Origin is this host's (<c>Smp:PublicUrl</c>'s when set).</summary>
    public static bool FromHere(HttpContext http, Uri? configured)
    {
        ArgumentNullException.ThrowIfNull(http);
        return IsOurs(http, configured, http.Request.Headers.Origin.ToString());
    }

    /// <summary>Whether an origin (a request's header, or the one a browser signed into a passkey answer) is this host's.</summary>
    public static bool IsOurs(HttpContext http, Uri? configured, string? origin)
    {
        ArgumentNullException.ThrowIfNull(http);
        var ours = configured?.GetLeftPart(UriPartial.Authority) ?? $"{http.Request.Scheme}://{http.Request.Host}";
        return string.Equals(origin, ours, StringComparison.OrdinalIgnoreCase);
    }
}
