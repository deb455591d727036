using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmpAcademy.Host.Tests.Web;

public sealed partial class ConsolesInBrowserTests
{
    [Test]
    public async Task A_later_course_session_shows_the_earlier_sessions_healed_dots_on_the_skin()
    {
        var http = await SignInAsync("cora", "trainee");
        await http.EnrollAsync("cora");
        var first = await (await http.PostAsJsonAsync("/api/trainees/cora/sessions", new { exerciseId = "three-session-course" })).JsonAsync(HttpStatusCode.Created);
        var (session1, course) = ((string)first["sessionId"]!, (string)first["courseId"]!);
        var dots = new[] { Api.Dot(100, 120, needle: "1RL-0.30"), Api.Dot(110, 120, needle: "1RL-0.30"), Api.Dot(120, 120, needle: "1RL-0.30") };
        await (await http.PostAsJsonAsync($"/api/sessions/{session1}/dots/batch", dots)).JsonAsync(HttpStatusCode.OK);
        await (await http.PostAsync($"/api/sessions/{session1}/complete", null)).JsonAsync(HttpStatusCode.NoContent);
        await (await http.PostAsJsonAsync($"/api/trainees/cora/courses/{course}/advance", new { days = 7 })).JsonAsync(HttpStatusCode.NoContent);
        var healed = await (await http.GetAsync($"/api/sessions/{session1}/healed")).JsonAsync(HttpStatusCode.OK);
        var visible = healed["dots"]!.AsArray().Count(d => (bool)d!["visible"]!);
        Assert.That(visible, Is.GreaterThan(0), "the test needs dots that stay visible once healed");

        var trainee = await OpenConsoleAsync("cora", "trainee");
        await trainee.GetByLabel("Exercise").SelectOptionAsync("three-session-course");
        await trainee.GetByLabel("Treatment course").SelectOptionAsync(course);
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Start session" }).ClickAsync();
        await Expect(trainee.Locator("#session-about")).ToContainTextAsync("course session 2");
        await Expect(trainee.Locator("#earlier-dots")).ToHaveTextAsync(
            $"The skin carries {visible} healed dots from 1 earlier session(s) of this course (drawn dark violet): your dots are scored against them too.");

        // Drawn where they are: the skin is darker at an earlier dot than 5 mm beside it, on the same bald scalp.
        async Task<int> BrightnessAsync(double x, double y) => await trainee.EvaluateAsync<int>(
            "([x, y]) => { const c = document.getElementById('skin'); const [px, py] = [Math.round(x / 200 * c.width), Math.round(y / 260 * c.height)];"
            + " const d = c.getContext('2d').getImageData(px, py, 1, 1).data; return d[0] + d[1] + d[2]; }", new[] { x, y });
        var (atDot, beside) = (await BrightnessAsync(100, 120), await BrightnessAsync(100, 125));
        Assert.That(atDot, Is.LessThan(beside - 15), $"an earlier dot is drawn at (100, 120): {atDot} against {beside} beside it");
    }
}
