using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.Auth;

/// <summary>
/// JWT bearer tokens. With Auth:Authority set, any OIDC issuer (tokens carry "sub" and "role"). In demo mode only
/// (<see cref="DemoSignIn"/>), the built-in development issuer signs tokens with a key kept in the data folder.
/// With neither, no token is accepted: the host serves only what needs no sign-in.
/// </summary>
public static class AuthSetup
{
    public static void AddSmpAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var authority = builder.Configuration["Auth:Authority"];
        var audience = builder.Configuration["Auth:Audience"] ?? DevIssuer.Audience;
        DemoSignIn.EnsureSafe(builder.Configuration);
        var devIssuer = DemoSignIn.IsOn(builder.Configuration) ? DevIssuer.Load(HostDatabase.DataDirectory(builder.Configuration)) : null;
        if (devIssuer is not null)
            builder.Services.AddSingleton(devIssuer);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
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
                ValidAudience = audience,
                NameClaimType = "sub",
                RoleClaimType = "role",
            };
            if (devIssuer is null)
            {
                if (!string.IsNullOrEmpty(authority))
                    options.Authority = authority;
                return;
            }

            options.TokenValidationParameters.ValidIssuer = DevIssuer.Issuer;
            options.TokenValidationParameters.IssuerSigningKey = devIssuer.Key;
        });
        builder.Services.AddAuthorization();
    }
}
