using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SmpAcademy.Host.Hosting;

/// <summary>
/// Behind a reverse proxy every caller arrives from the proxy's address, so per-address allowances would be shared by
/// everyone. <c>Smp:TrustedProxies</c> lists the proxies (addresses or CIDR networks, separated by ';' or ','): from
/// them, and only from them, X-Forwarded-For names the client (one hop) and X-Forwarded-Proto its scheme. Without the
/// setting the headers are ignored, so nobody dodges a limit by writing them. Signed output never depends on either:
/// it uses <see cref="PublicUrl"/>.
/// </summary>
public static class TrustedProxies
{
    public const string Setting = "Smp:TrustedProxies";

    /// <summary>The proxies and networks to trust; empty when none is set.</summary>
    /// <exception cref="StartupRefusedException">An entry that is neither an IP address nor a CIDR network.</exception>
    public static (IReadOnlyList<IPAddress> Proxies, IReadOnlyList<System.Net.IPNetwork> Networks) Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in (configuration[Setting] ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
                networks.Add(network);
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
                proxies.Add(address);
            else
                throw new StartupRefusedException($"{Setting} lists '{entry}', which is neither an IP address nor a network such as 10.0.0.0/8");
        }

        return (proxies, networks);
    }

    public static void UseSmpTrustedProxies(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var (proxies, networks) = Read(app.Configuration);
        if (proxies.Count == 0 && networks.Count == 0)
            return;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(proxy);
        foreach (var network in networks)
            options.KnownIPNetworks.Add(network);
        app.UseForwardedHeaders(options);
    }
}
