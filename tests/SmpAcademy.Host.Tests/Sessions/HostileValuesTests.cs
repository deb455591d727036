using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Host.Sessions;
using SmpAcademy.Host.Tests.Live;

namespace SmpAcademy.Host.Tests.Sessions;

/// <summary>
/// Values PostgreSQL cannot keep as written: refused at the door with a reason (text), or read as what
/// PostgreSQL will store (−0 is 0). Either way nothing loops, and the session serves the next call at once.
/// </summary>
public class HostileValuesTests : HostFixture
{
    protected override bool OnKestrel => true;

    private async Task<(HttpClient Trainee, HttpClient Instructor, string Session, string Who)> SessionWithInstructorAsync()
    {
        var who = "h-" + Guid.NewGuid().ToString("N")[..6];
        var trainee = await SignInAsync(who, "trainee");
        await trainee.EnrollAsync(who);
        await (await (await SignInAsync("root", "admin")).PostAsJsonAsync($"/api/trainees/{who}/instructors", new { instructorId = "ivy" })).JsonAsync(HttpStatusCode.NoContent);
        return (trainee, await SignInAsync("ivy", "instructor"), await trainee.StartSessionAsync(who), who);
    }

    private static IEnumerable<TestCaseData> HostileTexts()
    {
        yield return new TestCaseData("nul \u0000 here", "a NUL character at position 4").SetName("NUL");
        yield return new TestCaseData("bell \u0007", "a control character (U+0007)").SetName("control character");
        yield return new TestCaseData("half \ud83d pair", "a lone surrogate at position 5").SetName("lone surrogate");
    }

    /// <summary>JSON string content with every character outside printable ASCII as \uXXXX, lone surrogates included (a serializer would replace them).</summary>
    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' and not ('"' or '\\') ? c.ToString() : $"\\u{(int)c:x4}"));

    [TestCaseSource(nameof(HostileTexts))]
    public async Task Hostile_text_is_refused_over_HTTP_with_its_reason_and_the_session_goes_on(string text, string reason)
    {
        var (trainee, ivy, session, _) = await SessionWithInstructorAsync();

        var abandon = await trainee.PostAsync($"/api/sessions/{session}/abandon", Api.RawJson($$"""{"reason":"{{Escaped(text)}}"}"""));
        Assert.That(await abandon.ProblemAsync(HttpStatusCode.BadRequest), Does.Contain(reason).Or.Contain("surrogate").Or.Contain("invalid"));
        var note = await ivy.PostAsync($"/api/sessions/{session}/annotations", Api.RawJson($$"""{"x":5,"y":5,"text":"{{Escaped(text)}}"}"""));
        Assert.That(await note.ProblemAsync(HttpStatusCode.BadRequest), Does.Contain(reason).Or.Contain("surrogate").Or.Contain("invalid"));

        var dot = await (await trainee.PostAsJsonAsync($"/api/sessions/{session}/dots", Api.Dot(10, 10))).JsonAsync(HttpStatusCode.OK);
        Assert.That((long)dot["sequence"]!, Is.EqualTo(1), "the session is served at once: no write loops");
        var view = await (await trainee.GetAsync($"/api/sessions/{session}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)view["status"]!, Is.EqualTo("active"));
        Assert.That(view["annotations"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Hostile_text_is_refused_over_the_hub_in_the_same_words()
    {
        var (_, _, session, _) = await SessionWithInstructorAsync();
        await using var ivy = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", await TokenAsync("ivy", "instructor"));

        var refused = (await Assert.ThrowsAsync<HubException>(() => ivy.Connection.InvokeAsync("Annotate", Guid.Parse(session), new { x = 1, y = 1, text = "a\u0000b" }, null)))!;

        Assert.That(refused.Message, Does.Contain("bad-text").And.Contain("a NUL character at position 1"));
    }

    [Test]
    public async Task Negative_zero_is_read_as_zero_over_HTTP_and_the_hub_so_the_history_stays_verifiable()
    {
        var (trainee, ivy, session, who) = await SessionWithInstructorAsync();
        var first = await (await trainee.PostAsync($"/api/sessions/{session}/dots", Api.RawJson("""{"x":-0,"y":10,"needle":"1RL-0.25","depthMm":0.5,"shade":0.6}"""))).JsonAsync(HttpStatusCode.OK);
        Assert.That((long)first["sequence"]!, Is.EqualTo(1));
        await (await ivy.PostAsync($"/api/sessions/{session}/annotations", Api.RawJson("""{"x":-0.0,"y":-0,"text":"corner"}"""))).JsonAsync(HttpStatusCode.NoContent);
        var hand = Watcher.Connect(BaseAddress, "/hubs/trainee", await TokenAsync(who, "trainee"));
        await hand.StartAsync();
        await hand.InvokeAsync<object>("PlaceDot", Guid.Parse(session), new DotPlacement(-0.0, 20, "1RL-0.25", 0.5, 0.6), null);
        await hand.DisposeAsync();

        var view = await (await trainee.GetAsync($"/api/sessions/{session}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(view["dots"]!.AsArray().Select(d => d!["x"]!.ToJsonString()), Is.All.EqualTo("0"), "stored and shown as 0, not -0");
        Assert.That(view["annotations"]![0]!["x"]!.ToJsonString(), Is.EqualTo("0"));

        await (await trainee.PostAsJsonAsync($"/api/trainees/{who}/applications", new { bodyId = "smp-guild" })).JsonAsync(HttpStatusCode.NoContent);
        var auditor = await SignInAsync("ada", "auditor", "smp-guild");
        var verdict = await (await auditor.GetAsync($"/api/audit/candidates/{who}/verification")).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)verdict["intact"]!, Is.True, verdict.ToJsonString());
    }
}
