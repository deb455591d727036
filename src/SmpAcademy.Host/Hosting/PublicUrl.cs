using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SmpAcademy.Host.Hosting;

/// <summary>
/// The platform's own address in everything it signs or exports: a certificate's revocation-list URL, the status
/// list's id, xAPI account home pages and IRIs. <c>Smp:PublicUrl</c> when set (what a deployment behind a proxy sets),
/// else the first address the server listens on. Never a request's Host header, which any caller chooses.
/// </summary>
public sealed class PublicUrl(IConfiguration configuration, IServer server)
{
    public const string Setting = "Smp:PublicUrl";

    private Uri? _base;

    /// <summary>Absolute, without a trailing slash in its text form.</summary>
    public Uri Base => _base ??= Resolve();

    /// <summary>An absolute URL under the public address, e.g. <c>/api/bodies/x/status-list</c>.</summary>
    public string Of(string path) => Base.AbsoluteUri.TrimEnd('/') + path;

    /// <summary>The configured address, checked before anything starts; null when none is set.</summary>
    /// <exception cref="StartupRefusedException">Set, but not an absolute http(s) URL without a query or fragment.</exception>
    public static Uri? Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[Setting] is not { Length: > 0 } configured)
            return null;
        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri
            : throw new StartupRefusedException($"{Setting} must be an absolute http(s) URL without a query, e.g. https://academy.example; it is '{configured}'");
    }

    private Uri Resolve()
    {
        if (Configured(configuration) is { } configured)
            return configured;

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is null)
            return new Uri("http://localhost");
        // A wildcard bind names no host a client could use: the machine itself is the honest answer.
        var host = listening.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
        return new Uri(host);
    }
}
