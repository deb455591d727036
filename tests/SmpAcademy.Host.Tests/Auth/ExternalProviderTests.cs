using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>
/// The host behind a real OpenID Connect provider (oidc-provider on http://127.0.0.1, as a local provider would be),
/// whose tokens name the role "Trainee" under a claim of its own and the body under another: the settings map them,
/// and the cross-role rules then hold for its users as for any.
/// </summary>
public class ExternalProviderTests : HostFixture
{
    private readonly int _port = OidcProvider.FreePort();
    private OidcProvider _provider = null!;

    protected override bool DemoSignIn => false;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Auth__Authority"] = $"http://127.0.0.1:{_port}",
        ["Auth__AllowHttp"] = "true",
        ["Auth__Claims__Role"] = "smp_role",
        ["Auth__Claims__Body"] = "org",
        ["Auth__Roles__platform-operator"] = "admin",
    };

    [OneTimeSetUp]
    public async Task StartProvider() => _provider = await OidcProvider.StartAsync(_port, new Dictionary<string, JsonObject>
    {
        ["ada"] = new() { ["smp_role"] = "Trainee" },
        ["ivy"] = new() { ["smp_role"] = "Instructor" },
        ["root"] = new() { ["smp_role"] = new JsonArray("staff", "platform-operator") },
        ["gus"] = new() { ["smp_role"] = "auditor", ["org"] = "smp-guild" },
        ["vic"] = new() { ["smp_role"] = "visitor" },
    });

    [OneTimeTearDown]
    public async Task StopProvider() => await _provider.DisposeAsync();

    private async Task<HttpClient> AsAsync(string user)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _provider.TokenAsync(user));
        return client;
    }

    [Test]
    public async Task The_providers_users_sign_in_with_their_roles_mapped_and_the_access_rules_hold()
    {
        var ada = await AsAsync("ada");
        var me = await (await ada.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((string?)me["userId"], (string?)me["role"]), Is.EqualTo(("ada", "trainee")), "'Trainee' is our trainee");
        await ada.EnrollAsync("ada");
        var session = await ada.StartSessionAsync("ada");
        await (await ada.PostAsJsonAsync($"/api/sessions/{session}/dots", Api.Dot(10, 10))).JsonAsync(HttpStatusCode.OK);

        var ivy = await AsAsync("ivy");
        await (await ivy.GetAsync($"/api/sessions/{session}")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var root = await AsAsync("root");
        Assert.That((string?)(await (await root.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK))["role"], Is.EqualTo("admin"), "the first value that maps: platform-operator");
        await (await root.PostAsJsonAsync("/api/trainees/ada/instructors", new { instructorId = "ivy" })).JsonAsync(HttpStatusCode.NoContent);
        await (await ivy.GetAsync($"/api/sessions/{session}")).JsonAsync(HttpStatusCode.OK);
        await (await ivy.PostAsJsonAsync($"/api/sessions/{session}/dots", Api.Dot(12, 12))).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var gus = await AsAsync("gus");
        Assert.That((string?)(await (await gus.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK))["body"], Is.EqualTo("smp-guild"), "the body from the provider's 'org'");
    }

    [Test]
    public async Task A_role_that_maps_to_none_of_ours_is_told_so_and_may_do_nothing()
    {
        var vic = await AsAsync("vic");
        Assert.That(await (await vic.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Forbidden, "no-role"), Does.Contain("'smp_role' is 'visitor'").And.Contain("Auth:Roles"));
        await (await vic.PostAsJsonAsync("/api/trainees/vic/enrollment", new { programId = "smp-practitioner" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await vic.GetAsync("/api/audit/candidates")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_token_the_provider_did_not_sign_is_refused_and_the_probes_answer_over_an_http_authority()
    {
        var token = await _provider.TokenAsync("ada");
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1][..^4]}AAAA.{parts[2]}";
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        Assert.That((await client.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await Anonymous().GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Anonymous().PostAsJsonAsync("/api/dev/tokens", new { userId = "x", role = "admin" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no demo issuer beside a provider");
    }
}

/// <summary>Provider settings the host could not honestly run with refuse the start, before anything runs.</summary>
public class ProviderSettingsTests
{
    [Test]
    public void An_http_authority_needs_the_one_setting_that_says_it_is_local()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => ProviderSettings.Read(TestSettings.Of(("Auth:Authority", "http://id.example"))));
        Assert.That(refused!.Message, Does.Contain("Auth__AllowHttp=true"));
        Assert.That(ProviderSettings.Read(TestSettings.Of(("Auth:Authority", "http://127.0.0.1:9000"), ("Auth:AllowHttp", "true")))?.AllowHttp, Is.True);
        Assert.That(ProviderSettings.Read(TestSettings.Of(("Auth:Authority", "https://id.example")))?.Audience, Is.EqualTo("smpacademy"));
        Assert.That(ProviderSettings.Read(TestSettings.Of()), Is.Null);
    }

    [TestCase("Auth:Roles:Staff", "superuser", "must be one of")]
    [TestCase("Auth:ClockSkewSeconds", "3600", "0 to 600")]
    [TestCase("Auth:Authority", "id.example", "issuer URL")]
    public void Bad_provider_settings_refuse_the_start(string key, string value, string said)
    {
        var settings = TestSettings.Of(("Auth:Authority", "https://id.example"), (key, value)); // a later pair replaces the authority
        Assert.That(() => ProviderSettings.Read(settings), Throws.TypeOf<StartupRefusedException>().With.Message.Contains(said));
    }
}
