using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SmpAcademy.Host.RateLimiting;

namespace SmpAcademy.Host.Auth;

/// <summary>The schemes behind <see cref="BrowserSignIn"/>, its two endpoints, and what the sign-in page offers.</summary>
public static class BrowserSignInSetup
{
    /// <summary>Picks bearer or cookie per request (<see cref="BrowserSignIn.SchemeFor"/>): the default scheme when browser sign-in is on.</summary>
    public const string EitherScheme = "BearerOrCookie";

    public static void AddBrowserSignIn(this AuthenticationBuilder auth, ProviderSettings provider, BrowserSignIn browser)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(browser);
        auth.AddSessionCookie(browser.Session);
        auth.AddOpenIdConnect(BrowserSignIn.ProviderScheme, options =>
        {
            options.Authority = provider.Authority.AbsoluteUri.TrimEnd('/');
            options.RequireHttpsMetadata = !provider.AllowHttp;
            options.ClientId = browser.ClientId;
            options.ClientSecret = browser.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.ResponseMode = OpenIdConnectResponseMode.Query; // a top-level GET back: Lax cookies suffice, no cross-site form POST
            options.UsePkce = true;
            options.SignInScheme = BrowserSignIn.CookieScheme;
            options.SaveTokens = false; // the session is the cookie; the provider's tokens are not kept anywhere
            options.UseTokenLifetime = false;
            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = true; // providers put role claims in the id token or in userinfo
            options.ClaimActions.MapAll();
            options.Scope.Clear();
            foreach (var scope in browser.Scopes)
                options.Scope.Add(scope);
            options.TokenValidationParameters.NameClaimType = "sub";
            options.TokenValidationParameters.RoleClaimType = "role";
            options.TokenValidationParameters.ClockSkew = provider.ClockSkew;
            foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }

            options.Events.OnTicketReceived = context =>
            {
                context.Principal = provider.Claims.Map(context.Principal!, BrowserSignIn.CookieScheme);
                return Task.CompletedTask;
            };
            // A refused consent or a provider error: back to the sign-in page, which says what happened.
            options.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/?signin-error=" + Uri.EscapeDataString(context.Failure?.Message ?? "the identity provider refused the sign-in"));
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>
    /// The server-side cookie session both browser sign-ins open (the provider's redirect, an embedded account's
    /// password), and the scheme that picks it or a bearer token per request.
    /// </summary>
    public static void AddSessionCookie(this AuthenticationBuilder auth, TimeSpan session)
    {
        ArgumentNullException.ThrowIfNull(auth);
        var sessions = new BrowserSessions(TimeProvider.System);
        auth.Services.AddSingleton(sessions);
        auth.AddPolicyScheme(EitherScheme, "Bearer token or session cookie", options => options.ForwardDefaultSelector = BrowserSignIn.SchemeFor);
        auth.AddCookie(BrowserSignIn.CookieScheme, options =>
        {
            options.Cookie.Name = BrowserSignIn.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax; // sent on the provider's redirect back, never on another site's POST or socket
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = session;
            options.SlidingExpiration = false;
            options.SessionStore = sessions;
            // An API answers; it does not redirect a script's fetch to a sign-in page.
            options.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
        });
    }

    /// <summary>What the sign-in page offers on this host.</summary>
    /// <param name="Demo">The demo issuer (any name and role).</param>
    /// <param name="Provider">The identity provider's issuer, when one is set.</param>
    /// <param name="Browser">Whether the consoles sign in through it (redirect); otherwise only its bearer tokens are taken.</param>
    /// <param name="Accounts">This host's own accounts (password sign-in).</param>
    /// <param name="SetupOpen">No admin exists yet: the first one is made with the setup code printed at start.</param>
    public sealed record SignInOptions(bool Demo, string? Provider, bool Browser, bool Accounts = false, bool SetupOpen = false);

    public static void MapBrowserSignInEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var provider = ProviderSettings.Read(app.Configuration);
        var browser = BrowserSignIn.Read(app.Configuration);
        var accounts = Accounts.AccountSetup.IsOn(app.Configuration);
        var options = new SignInOptions(DemoSignIn.IsOn(app.Configuration), provider?.Authority.AbsoluteUri, browser is not null, accounts);
        app.MapGet("/api/signin-options", (IServiceProvider services) =>
                TypedResults.Ok(options with { SetupOpen = services.GetService<Accounts.SetupCode>()?.Code is not null }))
            .AllowAnonymous().WithTags("Auth")
            .WithName("SignInOptions").WithSummary("How this host's consoles sign in: its own accounts, demo issuer, identity provider redirect, or provider tokens only");
        if (browser is null && !accounts)
            return;
        app.MapPost(BrowserSignIn.SignOutPath, async Task<Results<NoContent, Ok<SignedOut>>> (HttpContext http) =>
            {
                var providerSession = browser is not null && http.User.Identity?.IsAuthenticated == true && BrowserSignIn.SchemeFor(http) == BrowserSignIn.CookieScheme;
                await http.SignOutAsync(BrowserSignIn.CookieScheme);
                return providerSession && await ProviderSignOutAsync(http) is { } url ? TypedResults.Ok(new SignedOut(url)) : TypedResults.NoContent();
            })
            .AllowAnonymous().WithTags("Auth").ProducesProblem(StatusCodes.Status403Forbidden).WithName("SignOut")
            .WithSummary("Ends the browser's session (its cookie); for a provider's session, also names the provider's end-session page to send the browser to (RP-initiated logout), so the next sign-in asks again; refused (403 cross-site) from another site's page");
        if (browser is null)
            return;
        app.MapGet(BrowserSignIn.SignInPath, () => TypedResults.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [BrowserSignIn.ProviderScheme]))
            .AllowAnonymous().RequireRateLimiting(Allowances.SignInPolicy).ExcludeFromDescription();
    }

    /// <summary>The provider's end-session URL (OpenID Connect RP-Initiated Logout) back to our sign-in page, or null when it has none.</summary>
    private static async Task<string?> ProviderSignOutAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIdConnectOptions>>().Get(BrowserSignIn.ProviderScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
        if (configuration.EndSessionEndpoint is not { Length: > 0 } endSession)
            return null;
        // Back to our public address, never the request's Host: the provider only returns to registered addresses anyway.
        var back = http.RequestServices.GetRequiredService<Hosting.PublicUrl>().Of("/");
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(endSession, new Dictionary<string, string?> { ["client_id"] = options.ClientId, ["post_logout_redirect_uri"] = back });
    }

    /// <param name="ProviderSignOut">Where the browser goes next to end its session at the identity provider too.</param>
    public sealed record SignedOut(string ProviderSignOut);

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
