using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.Auth;

/// <summary>
/// JWT bearer tokens. With Auth:Authority set, any OIDC provider's (<see cref="ProviderSettings"/>), its claims mapped
/// to ours (<see cref="ProviderClaims"/>); with Auth:ClientId too, the consoles sign in through it by redirect and
/// hold a cookie session instead of a token (<see cref="BrowserSignIn"/>). In demo mode only (<see cref="DemoSignIn"/>), the built-in development
/// issuer signs tokens with a key kept in the data folder. With neither, the host's own accounts sign in with a
/// password into the same cookie session (<see cref="Accounts.AccountSetup"/>).
/// </summary>
public static class AuthSetup
{
    public static void AddSmpAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        DemoSignIn.EnsureSafe(builder.Configuration);
        var provider = ProviderSettings.Read(builder.Configuration);
        var browser = BrowserSignIn.Read(builder.Configuration);
        var devIssuer = DemoSignIn.IsOn(builder.Configuration) ? DevIssuer.Load(HostDatabase.DataDirectory(builder.Configuration)) : null;
        if (devIssuer is not null)
            builder.Services.AddSingleton(devIssuer);

        var accounts = Accounts.AccountSetup.IsOn(builder.Configuration);
        var auth = builder.Services.AddAuthentication(browser is null && !accounts ? JwtBearerDefaults.AuthenticationScheme : BrowserSignInSetup.EitherScheme);
        if (browser is not null)
            auth.AddBrowserSignIn(provider!, browser);
        if (accounts)
            auth.AddSessionCookie(Accounts.AccountSetup.Session);
        auth.AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on WebSockets: hubs take the token from the query string.
                OnMessageReceived = context =>
                {
                    if (context.HttpContext.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is { Count: > 0 } token)
                        context.Token = token;
                    return Task.CompletedTask;
                },
            };
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = provider?.Audience ?? DevIssuer.Audience,
                NameClaimType = "sub",
                RoleClaimType = "role",
            };
            if (provider is not null)
            {
                options.Authority = provider.Authority.AbsoluteUri.TrimEnd('/');
                options.RequireHttpsMetadata = !provider.AllowHttp;
                options.TokenValidationParameters.ClockSkew = provider.ClockSkew;
                options.Events.OnTokenValidated = context =>
                {
                    context.Principal = provider.Claims.Map(context.Principal!, JwtBearerDefaults.AuthenticationScheme);
                    return Task.CompletedTask;
                };
                return;
            }

            if (devIssuer is null)
                return;
            options.TokenValidationParameters.ValidIssuer = DevIssuer.Issuer;
            options.TokenValidationParameters.IssuerSigningKey = devIssuer.Key;
        });
        builder.Services.AddAuthorization();
    }
}
