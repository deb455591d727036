using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmpAcademy.Host.Tests.Web;

public sealed partial class ConsolesInBrowserTests
{
    [Test]
    public async Task The_tools_start_on_the_zone_targets_and_the_targets_follow_the_pointer()
    {
        var trainee = await OpenConsoleAsync("tara", "trainee");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await trainee.GetByLabel("Exercise").SelectOptionAsync("soft-hairline");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Start session" }).ClickAsync();
        await Expect(trainee.Locator("#session")).ToBeVisibleAsync();

        var token = await TokenAsync("tara", "trainee");
        var skin = await Api.JsonOfAsync(Anonymous(), BaseAddress, "/api/skins/norwood-3-hairline?session=1&rubric=1&exercise=soft-hairline", token);
        var (width, height) = ((double)skin["widthMm"]!, (double)skin["heightMm"]!);
        JsonNode Zone(string id) => skin["zones"]!.AsArray().Single(z => (string)z!["id"]! == id)!;
        string Shade(string zone) => (Math.Round((double)Zone(zone)["targetShade"]! * 100) / 100).ToString(CultureInfo.InvariantCulture);

        // At the start: the targets of the zone at the skin's centre, with a needle that suits it (not the thinnest, which does not).
        await Expect(trainee.Locator("#zone-targets")).ToContainTextAsync("Here: mid-scalp (mid-scalp). Target gap");
        await Expect(trainee.Locator("#shade")).ToHaveValueAsync(Shade("mid-scalp"));
        await Expect(trainee.Locator("#needle")).ToHaveValueAsync("1RL-0.20");

        // Over the hairline the targets change; one click sets the tools to them.
        var canvas = trainee.Locator("#skin");
        var box = (await canvas.BoundingBoxAsync())!;
        await canvas.HoverAsync(new() { Position = new() { X = (float)(box.Width * 90 / width), Y = (float)(box.Height * 30 / height) } });
        await Expect(trainee.Locator("#zone-targets")).ToContainTextAsync("Here: frontal-hairline (frontal-hairline).");
        await Expect(trainee.Locator("#zone-targets")).ToContainTextAsync("needles that suit it: 1RL-0.18, 1RL-0.20.");
        await trainee.GetByLabel("Needle").SelectOptionAsync("1RL-0.25");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Set tools to these targets" }).ClickAsync();
        await Expect(trainee.Locator("#needle")).ToHaveValueAsync("1RL-0.18");
        await Expect(trainee.Locator("#shade")).ToHaveValueAsync(Shade("frontal-hairline"));
        await Expect(trainee.Locator("#shade-out")).ToHaveTextAsync(((double)Zone("frontal-hairline")["targetShade"]!).ToString("0.00", CultureInfo.InvariantCulture));

        await ClickSkinAsync(trainee, 90, 30, width, height);
        await Expect(trainee.Locator("#dot-count")).ToHaveTextAsync("1");
        var profile = await Api.JsonOfAsync(Anonymous(), BaseAddress, "/api/trainees/tara", token);
        var session = (string)profile["sessions"]!.AsArray()[^1]!["opened"]!["sessionId"]!;
        var dot = (await Api.JsonOfAsync(Anonymous(), BaseAddress, $"/api/sessions/{session}", token))["dots"]![0]!;
        Assert.That(((string)dot["zone"]!, (string)dot["needle"]!), Is.EqualTo(("frontal-hairline", "1RL-0.18")));
        Assert.That(dot["flags"]!.AsArray().Select(f => (string)f!), Does.Not.Contain("wrong-needle"), "the suggested needle suits the hairline");

        // The practice time runs against the exercise's minimum, and stops while the session is paused.
        var minutes = (int)(await Api.JsonOfAsync(Anonymous(), BaseAddress, "/api/programs", token)).AsArray()
            .SelectMany(p => p!["modules"]!.AsArray()).SelectMany(m => m!["exercises"]!.AsArray()).Single(e => (string)e!["id"]! == "soft-hairline")!["minMinutes"]!;
        await Expect(trainee.Locator("#timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($@"^Practised 0:\d\d of {minutes} min minimum$"));
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(trainee.Locator("#timer")).ToContainTextAsync("(stopped)");
        var stopped = await trainee.Locator("#timer").TextContentAsync();
        await Task.Delay(1500);
        await Expect(trainee.Locator("#timer")).ToHaveTextAsync(stopped!, new() { Timeout = 1000 });
    }
}
