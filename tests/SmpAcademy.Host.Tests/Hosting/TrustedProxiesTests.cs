using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using SmpAcademy.Host.Hosting;
using SmpAcademy.Host.RateLimiting;

namespace SmpAcademy.Host.Tests.Hosting;

/// <summary>
/// Behind a trusted proxy the per-address allowances are per client (X-Forwarded-For from the proxy); without the
/// setting the header is ignored, so writing it dodges nothing (RateLimitTests checks that side).
/// </summary>
public class TrustedProxiesTests : HostFixture
{
    protected override bool OnKestrel => true;

    protected override double RateLimitScale => 1;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Smp__TrustedProxies"] = "127.0.0.1; ::1" };

    private static IConfiguration Settings(string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TrustedProxies.Setting] = value }).Build();

    [TestCase("proxy.internal")]
    [TestCase("10.0.0.0/99")]
    [TestCase("10.0.0.1, 300.1.1.1")]
    public void An_entry_that_is_not_an_address_or_network_refuses_the_start(string value) =>
        Assert.That(() => TrustedProxies.Read(Settings(value)), Throws.TypeOf<StartupRefusedException>().With.Message.Contains("neither an IP address nor a network"));

    [Test]
    public void Addresses_and_networks_are_read()
    {
        var (proxies, networks) = TrustedProxies.Read(Settings("10.0.0.0/8; 192.168.1.2,::1"));
        Assert.That(proxies.Select(p => p.ToString()), Is.EqualTo(new[] { "192.168.1.2", "::1" }));
        Assert.That(networks.Select(n => n.ToString()), Is.EqualTo(new[] { "10.0.0.0/8" }));
    }

    [Test]
    public async Task Each_client_behind_the_proxy_has_its_own_sign_in_allowance()
    {
        using var proxy = new HttpClient { BaseAddress = BaseAddress };
        async Task<HttpResponseMessage> MintAsync(string client, int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dev/tokens") { Content = JsonContent.Create(new { userId = $"behind-{i}", role = "trainee" }) };
            request.Headers.Add("X-Forwarded-For", client);
            return await proxy.SendAsync(request);
        }

        var refused = false;
        for (var i = 0; i < Allowances.DefaultSignIn.Burst + 5 && !refused; i++)
            refused = (await MintAsync("203.0.113.7", i)).StatusCode == HttpStatusCode.TooManyRequests;
        Assert.That(refused, Is.True, "one client behind the proxy uses up its allowance");
        Assert.That((await MintAsync("203.0.113.7", 100)).StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That((await MintAsync("203.0.113.8", 101)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "another client behind the same proxy goes on");
    }
}
