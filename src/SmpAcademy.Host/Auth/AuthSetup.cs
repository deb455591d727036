using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.Auth;

/// <summary>
/// JWT bearer tokens. With Auth:Authority set, any OIDC issuer (tokens carry "sub" and "role").
/// Without it, the built-in development issuer signs tokens with a key kept in the data folder.
/// </summary>
public static class AuthSetup
{
    public static void AddSmpAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var authority = builder.Configuration["Auth:Authority"];
        var audience = builder.Configuration["Auth:Audience"] ?? DevIssuer.Audience;
        if (string.IsNullOrEmpty(authority))
            builder.Services.AddSingleton(DevIssuer.Load(HostDatabase.DataDirectory(builder.Configuration)));

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = audience,
                NameClaimType = "sub",
                RoleClaimType = "role",
            };
            if (!string.IsNullOrEmpty(authority))
            {
                options.Authority = authority;
                return;
            }

            var issuer = DevIssuer.Load(HostDatabase.DataDirectory(builder.Configuration));
            options.TokenValidationParameters.ValidIssuer = DevIssuer.Issuer;
            options.TokenValidationParameters.IssuerSigningKey = issuer.Key;
        });
        builder.Services.AddAuthorization();
    }
}
