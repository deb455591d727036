using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Host.Auth;

namespace SmpAcademy.Host.Accounts;

/// <summary>
/// Embedded accounts: the default when neither an identity provider (<c>Auth:Authority</c>) nor demo sign-in is set.
/// ASP.NET Core Identity (its password hasher and lockout) on the same PostgreSQL, through Marten (<see cref="AccountStore"/>);
/// a password sign-in opens the same server-side cookie session as the provider's redirect sign-in.
/// </summary>
public static class AccountSetup
{
    /// <summary>How long a password sign-in lasts; it does not slide.</summary>
    public static readonly TimeSpan Session = TimeSpan.FromHours(8);

    public const int MinimumPasswordLength = 12;

    public const int FailuresBeforeLockout = 5;

    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    public static bool IsOn(IConfiguration configuration) =>
        !DemoSignIn.IsOn(configuration) && string.IsNullOrEmpty(configuration?[$"{ProviderClaims.Section}:Authority"]);

    public static void AddSmpAccounts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsOn(builder.Configuration))
            return;
        builder.Services.ConfigureMarten(options =>
        {
            options.Schema.For<Account>();
            options.Schema.For<SetupCode.FirstAdmin>();
            options.Schema.For<Invitation>();
            options.Schema.For<Passkey>();
            options.Schema.For<PasskeyChallenges.Pending>();
        });
        builder.Services.AddIdentityCore<Account>(options =>
            {
                // Length, not character classes (NIST SP 800-63B): a long passphrase is the strong one.
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequireDigit = options.Password.RequireLowercase = options.Password.RequireUppercase = options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = FailuresBeforeLockout;
                options.Lockout.DefaultLockoutTimeSpan = Lockout;
                options.Lockout.AllowedForNewUsers = true;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789._-";
            })
            .AddUserStore<AccountStore>();
        builder.Services.AddScoped<IPasskeyHandler<Account>, PasskeyHandler<Account>>();
        builder.Services.AddScoped<PasskeyChallenges>();
        var publicUrl = Hosting.PublicUrl.Configured(builder.Configuration);
        builder.Services.Configure<IdentityPasskeyOptions>(options =>
        {
            // The passkey is for the public name, not whatever Host a request came with.
            options.ServerDomain = publicUrl?.Host;
            options.ValidateOrigin = context => ValueTask.FromResult(!context.CrossOrigin && context.TopOrigin is null &&
                SameOriginCheck.IsOurs(context.HttpContext, publicUrl, context.Origin));
        });
        builder.Services.AddSingleton<OpenConnections>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OpenConnections>());
        builder.Services.Configure<HubOptions>(options => options.AddFilter<OpenConnections>());
        builder.Services.AddSingleton<SetupCode>();
        builder.Services.AddSingleton<AccountDirectory>();
        builder.Services.AddScoped<PasswordCheck>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SetupCode>());
        builder.Services.PostConfigure<CookieAuthenticationOptions>(BrowserSignIn.CookieScheme, options =>
            options.Events.OnValidatePrincipal = SessionCheck.ValidateAsync);
    }

    /// <summary>The session's user: our three claims, nothing else.</summary>
    public static ClaimsPrincipal PrincipalOf(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(BrowserSignIn.CookieScheme, "sub", "role");
        identity.AddClaim(new Claim("sub", account.Id));
        identity.AddClaim(new Claim("role", account.Role));
        if (account.Body is { } body)
            identity.AddClaim(new Claim(Caller.BodyClaim, body));
        identity.AddClaim(new Claim(SessionCheck.StampClaim, account.SecurityStamp ?? ""));
        return new ClaimsPrincipal(identity);
    }
}
