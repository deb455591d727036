using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Host.RateLimiting;
using SmpAcademy.Host.Tests.Live;

namespace SmpAcademy.Host.Tests.RateLimiting;

/// <summary>
/// The default allowances, as a script would meet them: each kind of call, repeated until refused, gets 429 with
/// Retry-After and a "rate-limited" problem (a hub error over SignalR), and the refused call changes nothing. One
/// caller's allowance is theirs: another caller goes on.
/// </summary>
public class RateLimitTests : HostFixture
{
    private readonly Dictionary<string, string> _tokens = [];

    protected override bool OnKestrel => true;

    protected override double RateLimitScale => 1;

    /// <summary>Every token the tests need, before the sign-in test uses up this address's allowance.</summary>
    [OneTimeSetUp]
    public async Task SignInEveryone()
    {
        foreach (var (user, role, body) in new[] { ("rl-ann", "trainee", null), ("rl-bea", "trainee", null), ("rl-cid", "trainee", null), ("rl-dee", "trainee", null), ("rl-gus", "auditor", "smp-guild") })
            _tokens[user] = await TokenAsync(user, role, body);
    }

    private HttpClient As(string user)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", _tokens[user]);
        return client;
    }

    /// <summary>Enrolled, whichever test came first.</summary>
    private static async Task EnrolledAsync(HttpClient client, string trainee)
    {
        var response = await client.PostAsJsonAsync($"/api/trainees/{trainee}/enrollment", new { programId = "smp-practitioner" });
        if (response.StatusCode != HttpStatusCode.NoContent)
            await response.ProblemAsync(HttpStatusCode.Conflict, "already-enrolled");
    }

    /// <summary>Sends until the first refusal; the answers before it, and the refusal, which must come within <paramref name="most"/> tries.</summary>
    private static async Task<(int Accepted, HttpResponseMessage Refused)> UntilRefusedAsync(int most, Func<int, Task<HttpResponseMessage>> send)
    {
        for (var i = 0; i < most; i++)
        {
            var response = await send(i);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return (i, response);
            Assert.That(response.IsSuccessStatusCode, Is.True, $"call {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Fail($"{most} calls in a row and none refused");
        throw new InvalidOperationException();
    }

    private static async Task<string> AssertRateLimitedAsync(HttpResponseMessage refused)
    {
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "Retry-After in seconds");
        return await refused.ProblemAsync(HttpStatusCode.TooManyRequests, RateLimitSetup.Code);
    }

    [Test]
    public async Task Minting_demo_tokens_from_one_address_is_refused_after_the_burst()
    {
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        var (accepted, refused) = await UntilRefusedAsync(Allowances.DefaultSignIn.Burst + 5,
            i => anonymous.PostAsJsonAsync("/api/dev/tokens", new { userId = $"script-{i}", role = "admin" }));
        Assert.That(accepted, Is.LessThanOrEqualTo(Allowances.DefaultSignIn.Burst - _tokens.Count + 1));
        Assert.That(await AssertRateLimitedAsync(refused), Does.Contain("sign-ins from this address"));

        // No proxy is trusted here: claiming to be another client in X-Forwarded-For changes nothing.
        using var spoofed = new HttpRequestMessage(HttpMethod.Post, "/api/dev/tokens") { Content = JsonContent.Create(new { userId = "script-spoof", role = "admin" }) };
        spoofed.Headers.Add("X-Forwarded-For", "203.0.113.99");
        Assert.That((await anonymous.SendAsync(spoofed)).StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task Starting_sessions_is_refused_after_the_burst_and_another_trainee_goes_on()
    {
        var bea = As("rl-bea");
        await EnrolledAsync(bea, "rl-bea");
        var (accepted, refused) = await UntilRefusedAsync(Allowances.DefaultSessions.Burst + 5,
            _ => bea.PostAsJsonAsync("/api/trainees/rl-bea/sessions", new { exerciseId = "random-fill" }));
        Assert.That(accepted, Is.InRange(Allowances.DefaultSessions.Burst, Allowances.DefaultSessions.Burst + 1));
        Assert.That(await AssertRateLimitedAsync(refused), Does.Contain("sessions started"));
        var profile = await (await bea.GetAsync("/api/trainees/rl-bea")).JsonAsync(HttpStatusCode.OK);
        Assert.That(profile["sessions"]!.AsArray(), Has.Count.EqualTo(accepted), "the refused start opened nothing");

        var cid = As("rl-cid");
        await EnrolledAsync(cid, "rl-cid");
        Assert.That(await cid.StartSessionAsync("rl-cid"), Is.Not.Empty, "another trainee's allowance is their own");
    }

    [Test]
    public async Task Placing_dots_over_HTTP_is_refused_past_the_allowance_and_the_refused_dot_is_not_recorded()
    {
        var ann = As("rl-ann");
        await EnrolledAsync(ann, "rl-ann");
        var session = await ann.StartSessionAsync("rl-ann");
        var (accepted, refused) = await UntilRefusedAsync(2_000,
            i => ann.PostAsJsonAsync($"/api/sessions/{session}/dots", Api.Dot(10 + (i % 80), 10 + ((i / 80) % 80))));
        Assert.That(accepted, Is.GreaterThanOrEqualTo(Allowances.DefaultDots.Burst));
        Assert.That(await AssertRateLimitedAsync(refused), Does.Contain("dot placements"));
        var view = await (await ann.GetAsync($"/api/sessions/{session}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)view["dotCount"]!, Is.EqualTo(accepted));
    }

    [Test]
    public async Task Placing_dots_over_the_hub_is_refused_past_the_allowance_in_the_same_words()
    {
        var cid = As("rl-cid");
        await EnrolledAsync(cid, "rl-cid");
        var session = Guid.Parse(await cid.StartSessionAsync("rl-cid"));
        await using var hand = Watcher.Connect(BaseAddress, "/hubs/trainee", _tokens["rl-cid"]);
        await hand.StartAsync();
        HubException? refused = null;
        var accepted = 0;
        for (; accepted < 2_000 && refused is null; accepted++)
        {
            try
            {
                await hand.InvokeAsync<Grains.Contracts.ScoredDot>("PlaceDot", session, new Domain.Scoring.DotPlacement(10 + (accepted % 80), 10 + ((accepted / 80) % 80), "1RL-0.25", 0.5, 0.3), null);
            }
            catch (HubException e)
            {
                refused = e;
                accepted--;
            }
        }

        Assert.That(refused?.Message, Does.Contain("rate-limited: too many dot placements"));
        Assert.That(accepted, Is.GreaterThanOrEqualTo(Allowances.DefaultDots.Burst));
        var view = await (await cid.GetAsync($"/api/sessions/{session}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)view["dotCount"]!, Is.EqualTo(accepted), "the refused dot is not recorded");
    }

    [Test]
    public async Task Audit_exports_are_refused_after_the_burst()
    {
        var ann = As("rl-ann");
        await EnrolledAsync(ann, "rl-ann");
        await (await ann.PostAsJsonAsync("/api/trainees/rl-ann/applications", new { bodyId = "smp-guild" })).JsonAsync(HttpStatusCode.NoContent);
        var gus = As("rl-gus");
        var (accepted, refused) = await UntilRefusedAsync(Allowances.DefaultExports.Burst + 3, _ => gus.GetAsync("/api/audit/candidates/rl-ann/bundle"));
        Assert.That(accepted, Is.InRange(Allowances.DefaultExports.Burst, Allowances.DefaultExports.Burst + 1));
        Assert.That(await AssertRateLimitedAsync(refused), Does.Contain("audit exports"));
    }

    [Test]
    public async Task A_body_larger_than_a_full_batch_is_refused_before_it_is_read_and_changes_nothing()
    {
        var dee = As("rl-dee");
        await EnrolledAsync(dee, "rl-dee");
        var session = await dee.StartSessionAsync("rl-dee");
        var essay = new string('a', 3_000_000);
        var refused = await dee.PostAsync($"/api/sessions/{session}/abandon", Api.RawJson($$"""{"reason":"{{essay}}"}"""));
        Assert.That(await refused.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too-large"), Does.Contain("2,000,000 bytes"));
        var view = await (await dee.GetAsync($"/api/sessions/{session}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)view["status"]!, Is.EqualTo("active"));
    }

    [Test]
    public async Task Anonymous_certificate_checks_are_refused_after_the_burst()
    {
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        var (accepted, refused) = await UntilRefusedAsync(Allowances.DefaultVerifications.Burst + 10,
            _ => anonymous.PostAsJsonAsync("/api/credentials/verify", new { type = new[] { "VerifiableCredential" } }));
        Assert.That(accepted, Is.InRange(Allowances.DefaultVerifications.Burst, Allowances.DefaultVerifications.Burst + 2));
        Assert.That(await AssertRateLimitedAsync(refused), Does.Contain("certificate checks"));
    }
}
