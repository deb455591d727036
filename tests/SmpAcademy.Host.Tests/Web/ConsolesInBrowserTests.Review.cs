using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmpAcademy.Host.Tests.Web;

public sealed partial class ConsolesInBrowserTests
{
    private static async Task<string> CompletedAttemptAsync(HttpClient trainee, string traineeId)
    {
        var session = await trainee.StartSessionAsync(traineeId);
        await (await trainee.PostAsJsonAsync($"/api/sessions/{session}/dots/batch", new[] { Api.Dot(10, 10), Api.Dot(20, 20) })).JsonAsync(HttpStatusCode.OK);
        await (await trainee.PostAsync($"/api/sessions/{session}/complete", null)).JsonAsync(HttpStatusCode.NoContent);
        return session;
    }

    [Test]
    public async Task The_grading_queue_says_what_each_attempt_needs_and_follows_new_completions()
    {
        var trainee = await SignInAsync("gia", "trainee");
        await trainee.EnrollAsync("gia");
        var admin = await SignInAsync("root", "admin");
        foreach (var instructor in new[] { "gus", "mia" })
            await (await admin.PostAsync("/api/trainees/gia/instructors", Api.RawJson($"{{\"instructorId\":\"{instructor}\"}}"))).JsonAsync(HttpStatusCode.NoContent);
        var graded = await CompletedAttemptAsync(trainee, "gia");
        await CompletedAttemptAsync(trainee, "gia");
        var gus = await SignInAsync("gus", "instructor");
        await (await gus.PostAsJsonAsync($"/api/sessions/{graded}/grade", new { items = new { }, verdict = "sent-back", comment = "Too sparse" })).JsonAsync(HttpStatusCode.NoContent);

        // Mia, the second instructor: the ungraded attempt comes first, then gus's grade, hers to moderate.
        var mia = await OpenConsoleAsync("mia", "instructor");
        await Expect(mia.Locator("#review-heading")).ToHaveTextAsync("To grade and moderate (1 to grade, 1 to moderate)");
        await Expect(mia.Locator("#review tr").Nth(0)).ToContainTextAsync("to grade");
        await Expect(mia.Locator("#review tr").Nth(1)).ToContainTextAsync("to moderate: sent back by gus");

        // Gus: his own grade awaits a second instructor; the ungraded attempt is his to grade.
        var gusPage = await OpenConsoleAsync("gus", "instructor");
        await Expect(gusPage.Locator("#review tr").Nth(1)).ToContainTextAsync("awaiting a second instructor: sent back by gus");

        // A live session mia watches completes: it joins her queue at once, without waiting for the next refresh.
        var live = await trainee.StartSessionAsync("gia");
        await mia.GetByRole(AriaRole.Button, new() { Name = "Refresh now" }).ClickAsync();
        await mia.GetByRole(AriaRole.Button, new() { Name = "Watch gia's session" }).ClickAsync();
        await Expect(mia.Locator("#watch-heading")).ToHaveTextAsync("Watching gia");
        await (await trainee.PostAsJsonAsync($"/api/sessions/{live}/dots", Api.Dot(30, 30))).JsonAsync(HttpStatusCode.OK);
        await (await trainee.PostAsync($"/api/sessions/{live}/complete", null)).JsonAsync(HttpStatusCode.NoContent);
        await Expect(mia.Locator("#review-heading")).ToHaveTextAsync("To grade and moderate (2 to grade, 1 to moderate)", new() { Timeout = 4_000 });
    }
}
