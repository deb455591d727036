using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Host.Tests.Live;

namespace SmpAcademy.Host.Tests.Sessions;

public class GradingOverHttpTests : HostFixture
{
    protected override bool OnKestrel => true;

    private static readonly object Items = new Dictionary<string, double> { ["hairline naturalness"] = 70, ["temple symmetry"] = 80, ["soft transition zone"] = 60 };

    [Test]
    public async Task Assigned_instructors_coach_annotate_grade_and_moderate_and_everyone_else_is_refused()
    {
        var ana = await SignInAsync("ana", "trainee");
        await ana.EnrollAsync("ana");
        var admin = await SignInAsync("root", "admin");
        foreach (var who in new[] { "ivy", "max" })
            await (await admin.PostAsJsonAsync("/api/trainees/ana/instructors", new { instructorId = who })).JsonAsync(HttpStatusCode.NoContent);
        var ivy = await SignInAsync("ivy", "instructor");
        var max = await SignInAsync("max", "instructor");
        var zed = await SignInAsync("zed", "instructor");
        var session = await ana.StartSessionAsync("ana", "soft-hairline");
        await (await ana.PostAsJsonAsync($"/api/sessions/{session}/dots/batch", new[] { Api.Dot(80, 30), Api.Dot(90, 30), Api.Dot(100, 30) })).JsonAsync(HttpStatusCode.OK);

        await using var watcher = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", await TokenAsync("max", "instructor"));
        await watcher.WatchAsync(Guid.Parse(session));
        await (await ivy.PostAsJsonAsync($"/api/sessions/{session}/annotations", new { dotSequence = 2, text = "this one is too dark for the leading edge" })).JsonAsync(HttpStatusCode.NoContent);
        await (await ivy.PostAsJsonAsync($"/api/sessions/{session}/annotations", new { x = 5, y = 999, text = "?" })).ProblemAsync(HttpStatusCode.BadRequest, "bad-annotation");
        await (await zed.PostAsJsonAsync($"/api/sessions/{session}/annotations", new { x = 5, y = 5, text = "hi" })).ProblemAsync(HttpStatusCode.Forbidden, "not-assigned");
        await (await ana.PostAsJsonAsync($"/api/sessions/{session}/annotations", new { x = 5, y = 5, text = "hi" })).ProblemAsync(HttpStatusCode.Forbidden);

        await (await ivy.PostAsync($"/api/sessions/{session}/coaching-pause", null)).JsonAsync(HttpStatusCode.NoContent);
        Assert.That(await (await ana.PostAsJsonAsync($"/api/sessions/{session}/dots", Api.Dot(70, 30))).ProblemAsync(HttpStatusCode.Conflict, "session-paused"), Does.Contain("resume"), "a coaching pause is not a close");
        await (await ana.PostAsync($"/api/sessions/{session}/resume", null)).JsonAsync(HttpStatusCode.NoContent);

        await (await ivy.PostAsJsonAsync($"/api/sessions/{session}/grade", new { items = Items, verdict = "signed-off" })).ProblemAsync(HttpStatusCode.Conflict, "not-completed");
        await (await ana.PostAsync($"/api/sessions/{session}/complete", null)).JsonAsync(HttpStatusCode.NoContent);
        await (await zed.PostAsJsonAsync($"/api/sessions/{session}/grade", new { items = Items, verdict = "signed-off" })).ProblemAsync(HttpStatusCode.Forbidden, "not-assigned");
        await (await ivy.PostAsJsonAsync($"/api/sessions/{session}/grade", new { items = new { naturalness = 50 }, verdict = "signed-off" })).ProblemAsync(HttpStatusCode.BadRequest, "bad-grade");
        await (await ivy.PostAsJsonAsync($"/api/sessions/{session}/grade", new { items = Items, verdict = "sent-back", comment = "temple points are not symmetric" })).JsonAsync(HttpStatusCode.NoContent);
        await (await ivy.PostAsJsonAsync($"/api/sessions/{session}/grade", new { items = Items, verdict = "signed-off" })).ProblemAsync(HttpStatusCode.Conflict, "already-graded");
        await (await ivy.PostAsJsonAsync($"/api/sessions/{session}/moderation", new { agrees = true, reason = "me again" })).ProblemAsync(HttpStatusCode.Conflict, "own-grade");
        await (await max.PostAsJsonAsync($"/api/sessions/{session}/moderation", new { agrees = false, verdict = "signed-off", reason = "symmetry is within tolerance" })).JsonAsync(HttpStatusCode.NoContent);

        var view = await (await ana.GetAsync($"/api/sessions/{session}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((long)view["annotations"]![0]!["dotSequence"]!, Is.EqualTo(2));
        Assert.That((string)view["grade"]!["verdict"]!, Is.EqualTo("sent-back"));
        Assert.That((string)view["moderation"]!["verdict"]!, Is.EqualTo("signed-off"));
        Assert.That((string)view["moderation"]!["moderatorId"]!, Is.EqualTo("max"));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (watcher.Annotations.Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.That(watcher.Annotations.Select(a => (a.InstructorId, a.DotSequence)), Is.EqualTo(new[] { ("ivy", (long?)2) }), "annotations reach watchers live");
    }

    [Test]
    public async Task Grading_over_the_hub_follows_the_same_rules()
    {
        var bo = await SignInAsync("bo", "trainee");
        await bo.EnrollAsync("bo");
        await (await (await SignInAsync("root", "admin")).PostAsJsonAsync("/api/trainees/bo/instructors", new { instructorId = "ivy" })).JsonAsync(HttpStatusCode.NoContent);
        var session = Guid.Parse(await bo.StartSessionAsync("bo", "soft-hairline"));
        await using var ivy = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", await TokenAsync("ivy", "instructor"));

        await ivy.Connection.InvokeAsync("PauseForCoaching", session, null);
        var early = (await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => ivy.Connection.InvokeAsync("Grade", session, new { items = Items, verdict = "signed-off" }, null)))!;
        Assert.That(early.Message, Does.Contain("not-completed"));
        await using var bob = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", await TokenAsync("bo", "trainee"));
        var trainee = (await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => bob.Connection.InvokeAsync("Annotate", session, new { x = 1, y = 1, text = "self" }, null)))!;
        Assert.That(trainee.Message, Does.Contain("forbidden"));
    }
}
