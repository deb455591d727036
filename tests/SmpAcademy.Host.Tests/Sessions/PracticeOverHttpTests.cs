using System.Net;
using System.Net.Http.Json;

namespace SmpAcademy.Host.Tests.Sessions;

public class PracticeOverHttpTests : HostFixture
{
    [Test]
    public async Task A_trainee_enrolls_practises_a_session_and_sees_the_scored_history()
    {
        var ada = await SignInAsync("ada", "trainee");
        await ada.EnrollAsync("ada");
        var session = await ada.StartSessionAsync("ada", "depth-ladder");

        var one = await (await ada.PostAsJsonAsync($"/api/sessions/{session}/dots", Api.Dot(10, 10))).JsonAsync(HttpStatusCode.OK);
        Assert.That((long)one["sequence"]!, Is.EqualTo(1));
        Assert.That((double)one["depthScore"]!, Is.EqualTo(100));
        var batch = await (await ada.PostAsJsonAsync($"/api/sessions/{session}/dots/batch", new[] { Api.Dot(10.1, 10), Api.Dot(30, 30, depth: 1.3) })).JsonAsync(HttpStatusCode.OK);
        Assert.That(batch.AsArray().Select(d => (long)d!["sequence"]!), Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(batch[0]!["flags"]!.AsArray().Select(f => (string)f!), Does.Contain("merge"));
        Assert.That(batch[1]!["flags"]!.AsArray().Select(f => (string)f!), Does.Contain("blowout-risk"));

        await (await ada.PostAsync($"/api/sessions/{session}/complete", null)).JsonAsync(HttpStatusCode.NoContent);

        var view = await (await ada.GetAsync($"/api/sessions/{session}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)view["status"]!, Is.EqualTo("completed"));
        Assert.That(view["dots"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That((int)view["summary"]!["dots"]!, Is.EqualTo(3));

        var progress = await (await ada.GetAsync("/api/trainees/ada/progress")).JsonAsync(HttpStatusCode.OK);
        var entry = progress["sessions"]!.AsArray().Single()!;
        Assert.That((string)entry["status"]!, Is.EqualTo("completed"));
        Assert.That((bool)entry["passed"]!, Is.False);
        Assert.That(entry["unmet"]!.AsArray().Select(u => (string)u!), Has.Some.Contains("3 dots, needs 300"));
    }

    private static IEnumerable<TestCaseData> BadDots()
    {
        yield return new TestCaseData(Api.Dot(10, 140), "outside-skin", "outside the skin").SetName("outside the skin");
        yield return new TestCaseData(Api.Dot(10, 10, depth: -0.1), "negative-depth", "negative").SetName("negative depth");
        yield return new TestCaseData(Api.Dot(10, 10, depth: 1.5), "too-deep", "beyond the skin's thickness").SetName("deeper than the skin");
        yield return new TestCaseData(Api.Dot(10, 10, shade: 1.2), "shade-out-of-range", "outside [0, 1]").SetName("shade above 1");
        yield return new TestCaseData(Api.Dot(10, 10, needle: "9RL"), "unknown-needle", "'9RL' is unknown").SetName("unknown needle");
    }

    [TestCaseSource(nameof(BadDots))]
    public async Task A_bad_dot_gets_a_problem_with_its_reason_and_changes_nothing(object dot, string code, string reason)
    {
        var who = "eve-" + Guid.NewGuid().ToString("N")[..6];
        var eve = await SignInAsync(who, "trainee");
        await eve.EnrollAsync(who);
        var session = await eve.StartSessionAsync(who);
        await (await eve.PostAsJsonAsync($"/api/sessions/{session}/dots", Api.Dot(50, 50))).JsonAsync(HttpStatusCode.OK);

        var detail = await (await eve.PostAsJsonAsync($"/api/sessions/{session}/dots", dot)).ProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.That(detail, Does.Contain(reason));
        var batchDetail = await (await eve.PostAsJsonAsync($"/api/sessions/{session}/dots/batch", new[] { Api.Dot(60, 60), dot })).ProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.That(batchDetail, Does.Contain(reason));

        var view = await (await eve.GetAsync($"/api/sessions/{session}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)view["dotCount"]!, Is.EqualTo(1), "nothing of a refused request is recorded");
    }

    [TestCase("{\"x\":10,", "Expected")]
    [TestCase("{\"needle\":\"1RL-0.25\"}", "missing required properties")]
    [TestCase("{\"x\":\"ten\",\"y\":1,\"needle\":\"1RL-0.25\",\"depthMm\":0.5,\"shade\":0.5}", "could not be converted")]
    public async Task An_unreadable_request_gets_a_problem_saying_what_is_wrong(string json, string reason)
    {
        var who = "fay-" + Guid.NewGuid().ToString("N")[..6];
        var fay = await SignInAsync(who, "trainee");
        await fay.EnrollAsync(who);
        var session = await fay.StartSessionAsync(who);

        var detail = await (await fay.PostAsync($"/api/sessions/{session}/dots", Api.RawJson(json))).ProblemAsync(HttpStatusCode.BadRequest, "unreadable-request");

        Assert.That(detail, Does.Contain(reason));
    }

    [Test]
    public async Task Rules_answer_with_conflicts_unknown_sessions_with_not_found()
    {
        var gus = await SignInAsync("gus", "trainee");
        Assert.That(await (await gus.PostAsJsonAsync("/api/trainees/gus/sessions", new { exerciseId = "depth-ladder" })).ProblemAsync(HttpStatusCode.Conflict, "not-enrolled"), Does.Contain("enroll"));
        await gus.EnrollAsync("gus");

        var first = await (await gus.PostAsJsonAsync("/api/trainees/gus/sessions", new { exerciseId = "three-session-course" })).JsonAsync(HttpStatusCode.Created);
        var course = (string)first["courseId"]!;
        await (await gus.PostAsync($"/api/sessions/{first["sessionId"]}/complete", null)).JsonAsync(HttpStatusCode.NoContent);
        await (await gus.PostAsJsonAsync($"/api/sessions/{first["sessionId"]}/dots", Api.Dot(1, 1))).ProblemAsync(HttpStatusCode.Conflict, "session-closed");

        var early = await (await gus.PostAsJsonAsync("/api/trainees/gus/sessions", new { exerciseId = "three-session-course", courseId = course })).ProblemAsync(HttpStatusCode.Conflict, "healing-interval");
        Assert.That(early, Does.Contain("7 course days"));
        await (await gus.PostAsJsonAsync($"/api/trainees/gus/courses/{course}/advance", new { days = 7 })).JsonAsync(HttpStatusCode.NoContent);
        var second = await (await gus.PostAsJsonAsync("/api/trainees/gus/sessions", new { exerciseId = "three-session-course", courseId = course })).JsonAsync(HttpStatusCode.Created);
        Assert.That((int)second["courseSessionNumber"]!, Is.EqualTo(2));

        await (await gus.GetAsync($"/api/sessions/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Test]
    public async Task The_session_list_row_is_current_as_soon_as_a_write_is_acknowledged()
    {
        var who = "hal-" + Guid.NewGuid().ToString("N")[..6];
        var hal = await SignInAsync(who, "trainee");
        await hal.EnrollAsync(who);
        var session = await hal.StartSessionAsync(who);
        await (await hal.PostAsJsonAsync($"/api/sessions/{session}/dots/batch", Enumerable.Range(0, 25).Select(i => Api.Dot(2 + (i * 3), 50)).ToArray())).JsonAsync(HttpStatusCode.OK);
        var active = (await (await hal.GetAsync($"/api/trainees/{who}/sessions")).JsonAsync(HttpStatusCode.OK)).AsArray().Single()!;
        Assert.That(((string?)active["status"], (int)active["dots"]!), Is.EqualTo(("active", 25)), "stored with the dots, not after them");
        await (await hal.PostAsync($"/api/sessions/{session}/pause", null)).JsonAsync(HttpStatusCode.NoContent);
        Assert.That((string?)(await (await hal.GetAsync($"/api/trainees/{who}/sessions")).JsonAsync(HttpStatusCode.OK))[0]!["status"], Is.EqualTo("paused"));
        await (await hal.PostAsync($"/api/sessions/{session}/resume", null)).JsonAsync(HttpStatusCode.NoContent);
        await (await hal.PostAsync($"/api/sessions/{session}/complete", null)).JsonAsync(HttpStatusCode.NoContent);

        var row = (await (await hal.GetAsync($"/api/trainees/{who}/sessions")).JsonAsync(HttpStatusCode.OK)).AsArray().Single(r => (string?)r!["status"] == "completed");
        Assert.That((string?)row!["endedAt"], Is.Not.Null);
        Assert.That((int)row!["dots"]!, Is.EqualTo(25));
        Assert.That((string)row["sessionId"]!, Is.EqualTo(session));
        await (await (await SignInAsync("nosy", "trainee")).GetAsync($"/api/trainees/{who}/sessions")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task The_checkpoint_public_key_is_published_and_stable()
    {
        var first = await (await Anonymous().GetAsync("/api/audit/public-key")).JsonAsync(HttpStatusCode.OK);
        var second = await (await Anonymous().GetAsync("/api/audit/public-key")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)first["algorithm"]!, Is.EqualTo("Ed25519"));
        Assert.That((string)first["publicKey"]!, Has.Length.EqualTo(64).And.EqualTo((string)second["publicKey"]!));
    }

    [Test]
    public async Task The_openapi_document_describes_the_api()
    {
        var document = await (await Anonymous().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (string?)o.Value!["operationId"])).ToArray();
        Assert.That(operations, Is.SupersetOf(new[] { "Enroll", "StartSession", "PlaceDot", "PlaceDots", "CompleteSession", "GetSession", "GetProgress", "ListSessions", "MintDevToken", "GetCheckpointPublicKey" }));
    }
}
