using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SmpAcademy.EventStore.LocalDatabase;
using SmpAcademy.Host.Auth;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests;

/// <summary>
/// The real host (minimal APIs, auth, Orleans silo, Marten) on a fresh schema of the test database.
/// Settings go in through environment variables because the host reads them before it is built.
/// </summary>
public abstract class HostFixture
{
    private WebApplicationFactory<Program> _factory = null!;
    private string _dataDirectory = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "smp-host-test-" + Guid.NewGuid().ToString("N")[..8]);
        Environment.SetEnvironmentVariable("ConnectionStrings__Postgres", TestDatabase.ConnectionString);
        Environment.SetEnvironmentVariable("Smp__Schema", TestDatabase.NewSchema());
        Environment.SetEnvironmentVariable("Smp__DataDirectory", _dataDirectory);
        Environment.SetEnvironmentVariable("Smp__Curriculum", RepoPaths.Curriculum);
        Environment.SetEnvironmentVariable("Orleans__SiloPort", LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("Orleans__GatewayPort", LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
        _factory = new WebApplicationFactory<Program>();
        if (OnKestrel)
        {
            var port = LoopbackPorts.Free();
            _factory.UseKestrel(port);
            _factory.StartServer();
            BaseAddress = new Uri($"http://127.0.0.1:{port}");
        }
        else
        {
            _ = _factory.Server;
        }
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>True to serve over real Kestrel sockets on loopback (live tests), false for the in-memory test server.</summary>
    protected virtual bool OnKestrel => false;

    protected Uri BaseAddress { get; private set; } = new("http://localhost");

    protected HttpClient Anonymous() => _factory.CreateClient();

    protected async Task<string> TokenAsync(string userId, string role)
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/dev/tokens", new TokenRequest(userId, role));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.Token;
    }

    /// <summary>A client signed in through the development issuer as this user and role.</summary>
    protected async Task<HttpClient> SignInAsync(string userId, string role)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(userId, role));
        return client;
    }
}
