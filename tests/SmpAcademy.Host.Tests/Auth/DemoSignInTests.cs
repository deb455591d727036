using System.Net;
using System.Net.Http.Json;
using SmpAcademy.Host.Auth;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>Minting a token for any name and role exists only in demo mode, and demo mode only on loopback.</summary>
public class DemoSignInTests
{
    [TestCase("http://127.0.0.1:5080")]
    [TestCase("http://localhost:5080;http://[::1]:5080")]
    [TestCase("")]
    public void Demo_mode_starts_on_loopback(string urls) =>
        Assert.DoesNotThrow(() => DemoSignIn.EnsureSafe(TestSettings.Of((DemoSignIn.Setting, "true"), ("urls", urls))));

    [TestCase("urls", "http://0.0.0.0:8080")]
    [TestCase("urls", "http://127.0.0.1:5080;http://*:8080")]
    [TestCase("urls", "http://+:8080")]
    [TestCase("urls", "http://academy.example:80")]
    [TestCase("http_ports", "8080")]
    [TestCase("Kestrel:Endpoints:Public:Url", "http://10.0.0.5:8080")]
    public void Demo_mode_refuses_any_other_bind(string key, string value)
    {
        var refusal = Assert.Throws<DemoSignInException>(() => DemoSignIn.EnsureSafe(TestSettings.Of((DemoSignIn.Setting, "true"), (key, value))))!;
        Assert.That(refusal.Message, Does.StartWith("demo sign-in mints a token for any name and role, so it only runs on a loopback address"));
    }

    [Test]
    public void Demo_mode_beside_a_real_identity_provider_is_refused() =>
        Assert.That(Assert.Throws<DemoSignInException>(() => DemoSignIn.EnsureSafe(TestSettings.Of((DemoSignIn.Setting, "true"), ("Auth:Authority", "https://id.example"))))!.Message,
            Does.Contain("choose one"));

    [Test]
    public void Without_demo_mode_any_bind_is_allowed_and_the_flag_turns_it_on()
    {
        Assert.DoesNotThrow(() => DemoSignIn.EnsureSafe(TestSettings.Of(("urls", "http://0.0.0.0:8080"))));
        Assert.That(DemoSignIn.Arguments(["--urls", "http://127.0.0.1:5080", "--demo"]), Is.EqualTo(new[] { "--urls", "http://127.0.0.1:5080", "--Smp:DemoSignIn=true" }));
    }

    [Test]
    public async Task The_host_in_demo_mode_on_a_public_address_does_not_start_and_says_why()
    {
        var data = Directory.CreateTempSubdirectory("smp-demo-public-");
        try
        {
            var (code, output) = await HostRun.RunToExitAsync(
                new Dictionary<string, string> { ["Smp__DataDirectory"] = data.FullName, ["ConnectionStrings__Postgres"] = TestDatabase.ConnectionString, ["Smp__Schema"] = TestDatabase.NewSchema() },
                "--urls", "http://0.0.0.0:0", "--demo");
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("SmpAcademy did not start: demo sign-in mints a token for any name and role, so it only runs on a loopback address, and http://0.0.0.0:0 is not one"));
            Assert.That(File.Exists(Path.Combine(data.FullName, "dev-signing.key")), Is.False, "no issuer key was even made");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}

/// <summary>A host started without demo mode: nobody can mint a token, and nothing needing one is served anonymously.</summary>
public class NoDemoSignInTests : HostFixture
{
    protected override bool DemoSignIn => false;

    [Test]
    public async Task There_is_no_token_endpoint_and_no_way_in_without_a_providers_token()
    {
        var client = Anonymous();
        var minted = await client.PostAsJsonAsync("/api/dev/tokens", new TokenRequest("mallory", "admin"));
        Assert.That(minted.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed));
        Assert.That((await client.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await client.PostAsync("/api/audit/checkpoints", null)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "what needs no sign-in is still served");
        Assert.That(File.Exists(Path.Combine(DataDirectory, "dev-signing.key")), Is.False);
    }
}

/// <summary>Hygiene of the demo host itself: its key, its answers' headers, the ids it accepts and the addresses it signs.</summary>
public class HostHygieneTests : HostFixture
{
    [Test]
    public async Task A_user_id_with_a_trailing_newline_is_refused()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/dev/tokens", new TokenRequest("ada\n", "trainee"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_issuer_key_is_readable_by_its_owner_only()
    {
        await TokenAsync("ada", "trainee");
        Assert.That(File.GetUnixFileMode(Path.Combine(DataDirectory, "dev-signing.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [TestCase("/api/programs")]
    [TestCase("/health/live")]
    [TestCase("/")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await (await SignInAsync("ada", "trainee")).GetAsync(path);
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }), path);
        Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }), path);
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'"), path);
        Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }), path);
    }

    [Test]
    public async Task Free_text_is_capped_and_the_cap_is_said()
    {
        var ada = await SignInAsync("hy", "trainee");
        await ada.EnrollAsync("hy");
        var session = await ada.StartSessionAsync("hy");
        var essay = new string('x', Domain.Audit.StoredValues.MaxTextLength + 1);
        var refused = await (await ada.PostAsJsonAsync($"/api/sessions/{session}/abandon", new { reason = essay })).ProblemAsync(HttpStatusCode.BadRequest, "text-too-long");
        Assert.That(refused, Is.EqualTo("the reason is 2,001 characters long; at most 2,000"));
        await (await ada.PostAsJsonAsync($"/api/sessions/{session}/abandon", new { reason = essay[1..] })).JsonAsync(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task A_forged_Host_header_does_not_reach_the_signed_status_list()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Host = "evil.example";
        var list = await (await client.GetAsync("/api/bodies/smp-guild/status-list")).JsonAsync(HttpStatusCode.OK);
        Assert.That(list.ToJsonString(), Does.Not.Contain("evil.example"));
        Assert.That((string)list["id"]!, Does.EndWith("/api/bodies/smp-guild/status-list"));
    }
}
