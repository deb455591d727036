using System.Net;

namespace SmpAcademy.Host.Auth;

/// <summary>
/// Demo sign-in (<c>POST /api/dev/tokens</c>: a token for any name and role, admin included) exists only when asked
/// for (<c>Smp:DemoSignIn=true</c>, or <c>--demo</c> on the command line) and only on a loopback bind: anyone who can
/// reach it can make themselves admin. Asked for on any other address, the host does not start.
/// </summary>
public static class DemoSignIn
{
    public const string Setting = "Smp:DemoSignIn";
    public const string Flag = "--demo";

    public static bool IsOn(IConfiguration configuration) => configuration.GetValue(Setting, false);

    /// <summary>The command line with <c>--demo</c> turned into its setting, for <see cref="WebApplication.CreateBuilder(string[])"/>.</summary>
    public static string[] Arguments(string[] args) =>
        args.Contains(Flag, StringComparer.Ordinal) ? [.. args.Where(a => a != Flag), $"--{Setting}=true"] : args;

    /// <exception cref="DemoSignInException">Demo sign-in is on and the host would listen beyond loopback, or beside a real identity provider.</exception>
    public static void EnsureSafe(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsOn(configuration))
            return;
        if (!string.IsNullOrEmpty(configuration["Auth:Authority"]))
            throw new DemoSignInException("demo sign-in and an identity provider (Auth:Authority) are both set: choose one");
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        if (!string.IsNullOrEmpty(configuration["http_ports"] ?? configuration["https_ports"]))
            urls = urls.Append("http://*:" + (configuration["http_ports"] ?? configuration["https_ports"]));
        foreach (var url in urls.Where(u => !IsLoopback(u)))
        {
            throw new DemoSignInException(
                $"demo sign-in mints a token for any name and role, so it only runs on a loopback address, and {url} is not one. "
                + "Bind to 127.0.0.1 (or localhost) for a demo, or connect an identity provider (Auth__Authority) to serve others");
        }
    }

    private static bool IsLoopback(string url)
    {
        var host = Uri.TryCreate(url.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Host
            : "";
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}

/// <summary>Demo sign-in was asked for where it is not safe; the host does not start.</summary>
public sealed class DemoSignInException(string message) : Hosting.StartupRefusedException(message);
