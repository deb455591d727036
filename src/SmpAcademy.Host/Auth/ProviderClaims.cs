using System.Security.Claims;

namespace SmpAcademy.Host.Auth;

/// <summary>
/// How an identity provider's tokens name the user, role and body, and which of its role values mean which of ours.
/// Providers differ (Keycloak's "roles", Entra's "roles" with "Trainee", a custom "smp_role"), so the names are
/// settings: <c>Auth:Claims:Subject</c>, <c>:Role</c>, <c>:Body</c> (defaults sub, role, body) and
/// <c>Auth:Roles:&lt;their value&gt;=&lt;ours&gt;</c>. Our four role names are always understood, in any case.
/// Everything past sign-in reads only the mapped claims (<see cref="Caller"/>).
/// </summary>
public sealed record ProviderClaims(string Subject, string Role, string Body, IReadOnlyDictionary<string, string> Roles)
{
    public const string Section = "Auth";

    public static ProviderClaims Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var roles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in Auth.Roles.All)
            roles[role] = role;
        foreach (var mapping in configuration.GetSection($"{Section}:Roles").GetChildren())
        {
            if (!Auth.Roles.All.Contains(mapping.Value))
                throw new Hosting.StartupRefusedException($"{Section}:Roles:{mapping.Key} is '{mapping.Value}': it must be one of {string.Join(", ", Auth.Roles.All)}");
            roles[mapping.Key] = mapping.Value!;
        }

        return new(Name(configuration, "Subject", "sub"), Name(configuration, "Role", "role"), Name(configuration, "Body", Caller.BodyClaim), roles);
    }

    private static string Name(IConfiguration configuration, string key, string fallback) =>
        configuration[$"{Section}:Claims:{key}"] is { Length: > 0 } name ? name : fallback;

    /// <summary>
    /// The provider's user as ours: sub, role and body under our names, and nothing else. A token whose role values
    /// map to none of ours signs in without a role, so every endpoint refuses it and <c>/api/me</c> says why.
    /// </summary>
    public ClaimsPrincipal Map(ClaimsPrincipal provider, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var identity = new ClaimsIdentity(authenticationType, "sub", "role");
        if (provider.FindFirst(Subject)?.Value is { Length: > 0 } subject)
            identity.AddClaim(new Claim("sub", subject));
        var given = provider.FindAll(Role).Select(c => c.Value).ToList();
        if (given.Select(v => Roles.GetValueOrDefault(v)).FirstOrDefault(r => r is not null) is { } role)
            identity.AddClaim(new Claim("role", role));
        else
            identity.AddClaim(new Claim(UnmappedRoleClaim, given.Count == 0 ? $"no '{Role}' claim" : $"'{Role}' is {string.Join(", ", given.Select(v => $"'{v}'"))}"));
        if (provider.FindFirst(Body)?.Value is { Length: > 0 } body)
            identity.AddClaim(new Claim(Caller.BodyClaim, body));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>What the provider sent instead of a role we know, for the refusal.</summary>
    public const string UnmappedRoleClaim = "smp-unmapped-role";
}
