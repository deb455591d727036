namespace SmpAcademy.Host.Auth;

/// <summary>
/// An external OpenID Connect provider whose bearer tokens the API takes: <c>Auth:Authority</c> (its issuer URL),
/// <c>Auth:Audience</c>, <c>Auth:ClockSkewSeconds</c> (60) and the claim names (<see cref="ProviderClaims"/>).
/// An http:// authority would fetch the token-signing keys over plain HTTP, so it is refused at start unless
/// <c>Auth:AllowHttp=true</c> says it is a provider on this machine or a private network.
/// </summary>
public sealed record ProviderSettings(Uri Authority, string Audience, bool AllowHttp, TimeSpan ClockSkew, ProviderClaims Claims)
{
    /// <summary>Null when no provider is set.</summary>
    /// <exception cref="Hosting.StartupRefusedException">Settings the host could not honestly run with.</exception>
    public static ProviderSettings? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string Section = ProviderClaims.Section;
        if (configuration[$"{Section}:Authority"] is not { Length: > 0 } authority)
            return null;
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new Hosting.StartupRefusedException($"{Section}:Authority is '{authority}': it must be the provider's issuer URL, https://…");
        var allowHttp = configuration.GetValue($"{Section}:AllowHttp", false);
        if (uri.Scheme == "http" && !allowHttp)
            throw new Hosting.StartupRefusedException(
                $"{Section}:Authority is {authority}: over plain HTTP anyone on the way could swap the keys tokens are checked with. "
                + $"Use the provider's https:// address, or set {Section}:AllowHttp=true (Auth__AllowHttp=true) for a provider on this machine");
        var skew = configuration.GetValue($"{Section}:ClockSkewSeconds", 60);
        if (skew is < 0 or > 600)
            throw new Hosting.StartupRefusedException($"{Section}:ClockSkewSeconds is {skew}: 0 to 600");
        return new(uri, configuration[$"{Section}:Audience"] is { Length: > 0 } audience ? audience : DevIssuer.Audience, allowHttp,
            TimeSpan.FromSeconds(skew), ProviderClaims.Read(configuration));
    }
}
