using System.Diagnostics;
using System.Globalization;

namespace SmpAcademy.LocalServers.Hosts;

/// <summary>How a host process is started: the built SmpAcademy.Host.dll with these settings as its whole configuration.</summary>
public static class HostStartInfo
{
    // Settings of the host's own that a parent process may carry (a test process sets some for its in-process hosts).
    private static readonly string[] HostSettingPrefixes = ["Smp__", "Orleans__", "ConnectionStrings__", "Auth__"];

    /// <summary>
    /// <c>dotnet hostDll arguments…</c> with output redirected, the parent's own host settings removed from its
    /// environment, <paramref name="settings"/> set, and the Orleans ports of <paramref name="ports"/>.
    /// </summary>
    public static ProcessStartInfo For(string hostDll, IReadOnlyDictionary<string, string> settings, HostPorts ports, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(hostDll))!,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var inherited in start.Environment.Keys.Where(k => HostSettingPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToArray())
            start.Environment.Remove(inherited);
        foreach (var (name, value) in settings)
            start.Environment[name] = value;
        start.Environment["Orleans__SiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = ports.Gateway.ToString(CultureInfo.InvariantCulture);
        return start;
    }
}
