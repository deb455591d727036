using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using SmpAcademy.Host.Auth;
using SmpAcademy.LocalServers;

namespace SmpAcademy.Host.Tests;

/// <summary>
/// One real host (minimal APIs, auth, Orleans silo, Marten). Settings go in through environment
/// variables because the host reads them before it is built; they are set just before it starts.
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private TestHost(int siloPort, ILoggerProvider? logs)
    {
        SiloPort = siloPort;
        _factory = new Factory(logs);
    }

    public int SiloPort { get; }

    // The extra settings the last host started with, cleared before the next starts.
    private static readonly HashSet<string> PreviousExtras = [];

    public Uri BaseAddress { get; private set; } = new("http://localhost");

    /// <param name="primarySiloPort">Join the cluster of the host with this silo port; null to be the primary.</param>
    /// <param name="demoSignIn">The demo issuer the tests sign in through; false for a host with none.</param>
    /// <param name="logs">Another place the host's logs go (a test reading them).</param>
    /// <param name="extra">More settings, as environment variables (Auth__Authority=…).</param>
    /// <param name="rateLimitScale">What every abuse allowance is multiplied by: fixtures sign in and write far faster than people, so 1,000 unless a test is about the limits.</param>
    public static TestHost Start(string schema, string dataDirectory, string connectionString, string curriculum, bool onKestrel, int? primarySiloPort = null, bool demoSignIn = true,
        double rateLimitScale = 1000, IReadOnlyDictionary<string, string>? extra = null, ILoggerProvider? logs = null)
    {
        var host = new TestHost(LoopbackPorts.Free(), logs);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Smp__Schema"] = schema,
            ["Smp__DataDirectory"] = dataDirectory,
            ["Smp__Curriculum"] = curriculum,
            ["Smp__DemoSignIn"] = demoSignIn ? "true" : "false",
            ["Smp__RateLimits__Scale"] = rateLimitScale.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__SiloPort"] = host.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__PrimarySiloPort"] = primarySiloPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // Extra settings (an identity provider's, a public URL) are this fixture's or none: never a previous fixture's left in the environment.
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("Auth__", StringComparison.Ordinal)).Concat(PreviousExtras))
            Environment.SetEnvironmentVariable(name, null);
        PreviousExtras.Clear();
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            settings[name] = value;
            PreviousExtras.Add(name);
        }
        foreach (var (name, value) in settings)
            Environment.SetEnvironmentVariable(name, value);
        if (onKestrel)
        {
            var port = LoopbackPorts.Free();
            host._factory.UseKestrel(port);
            host._factory.StartServer();
            host.BaseAddress = new Uri($"http://127.0.0.1:{port}");
        }
        else
        {
            _ = host._factory.Server;
        }

        return host;
    }

    public HttpClient CreateClient() => _factory.CreateClient();

    public async Task<string> TokenAsync(string userId, string role, string? body = null)
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/dev/tokens", new TokenRequest(userId, role, Body: body));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.Token;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        // Nor do they reach a host process a later test starts, which inherits this environment.
        foreach (var name in PreviousExtras)
            Environment.SetEnvironmentVariable(name, null);
    }

    // A subclass rather than WithWebHostBuilder: the factory that one returns does not take UseKestrel's port.
    private sealed class Factory(ILoggerProvider? logs) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            if (logs is not null)
                builder.ConfigureLogging(l => l.AddProvider(logs));
        }
    }
}
