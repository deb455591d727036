using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmpAcademy.LocalServers;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>
/// A real OpenID Connect provider (npm <c>oidc-provider</c>, tests/interop/oidc.mjs) on loopback, issuing RS256 JWT
/// access tokens by the client-credentials grant: one client per user, each token carrying the claims given here.
/// </summary>
internal sealed class OidcProvider : IAsyncDisposable
{
    private readonly Process _node;

    private OidcProvider(Process node, int port) => (_node, Issuer) = (node, new Uri($"http://127.0.0.1:{port}"));

    public Uri Issuer { get; }

    /// <param name="users">Each user's id and the claims their tokens carry besides sub.</param>
    /// <param name="consoleRedirect">Also register the consoles' client "smp-console" (code + PKCE) redirecting here, with the provider's login pages.</param>
    public static async Task<OidcProvider> StartAsync(int port, IReadOnlyDictionary<string, JsonObject> users, Uri? consoleRedirect = null)
    {
        Interop.Require("oidc-provider");
        var interop = Interop.Directory;
        var clients = Path.Combine(Path.GetTempPath(), $"smp-oidc-clients-{port}.json");
        await File.WriteAllTextAsync(clients, new JsonArray([.. users.Select(u => new JsonObject { ["id"] = u.Key, ["claims"] = u.Value.DeepClone() })]).ToJsonString());
        var start = new ProcessStartInfo("node", ["oidc.mjs", port.ToString(System.Globalization.CultureInfo.InvariantCulture), clients])
        {
            WorkingDirectory = interop,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (consoleRedirect is not null)
            start.Environment["SMP_CONSOLE_REDIRECT"] = consoleRedirect.AbsoluteUri;
        var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _ = node.StandardError.ReadToEndAsync(); // its notices; read so the pipe never fills
        var ready = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready?.StartsWith("ready ", StringComparison.Ordinal) != true)
            Assert.Fail($"oidc-provider did not start: {ready}");
        return new OidcProvider(node, port);
    }

    public static int FreePort() => LoopbackPorts.Free();

    /// <summary>An access token for this user, from the provider's token endpoint.</summary>
    public async Task<string> TokenAsync(string user)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Issuer, "/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "api" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:secret")));
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _node.Kill(entireProcessTree: true);
        await _node.WaitForExitAsync();
        _node.Dispose();
    }
}
