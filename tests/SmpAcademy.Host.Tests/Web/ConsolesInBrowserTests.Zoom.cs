using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmpAcademy.Host.Tests.Web;

public sealed partial class ConsolesInBrowserTests
{
    [Test]
    public async Task Zoom_keeps_the_pointed_spot_in_place_and_bounds_the_canvas_on_a_high_dpi_screen()
    {
        var trainee = await OpenConsoleAsync("zed", "trainee", deviceScale: 2);
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await trainee.GetByLabel("Exercise").SelectOptionAsync("random-fill");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Start session" }).ClickAsync();
        await Expect(trainee.Locator("#session")).ToBeVisibleAsync();

        // Where (80, 70) mm sits in the frame, in CSS pixels from its visible top-left corner.
        const string Where = "() => { const c = document.getElementById('skin'), f = c.parentElement, s = c.getBoundingClientRect().width / 100;"
            + " return [80 * s - f.scrollLeft, 70 * s - f.scrollTop, c.width * c.height]; }";
        var canvas = trainee.Locator("#skin");
        var box = (await canvas.BoundingBoxAsync())!;
        await canvas.HoverAsync(new() { Position = new() { X = box.Width * 0.8f, Y = box.Height * 0.7f } });
        var before = await trainee.EvaluateAsync<double[]>(Where);

        await trainee.GetByLabel("Zoom").SelectOptionAsync("8");
        var after = await trainee.EvaluateAsync<double[]>(Where);
        Assert.That(after[0], Is.EqualTo(before[0]).Within(3), "the spot under the pointer stays under it at 8× (across)");
        Assert.That(after[1], Is.EqualTo(before[1]).Within(3), "and down");
        Assert.That(after[2], Is.LessThanOrEqualTo(16_000_000), "the canvas's backing store is bounded, whatever the zoom and pixel ratio");

        // A click there still lands there.
        var frame = (await trainee.Locator(".canvas-frame").BoundingBoxAsync())!;
        await trainee.Mouse.ClickAsync(frame.X + (float)after[0], frame.Y + (float)after[1]);
        await Expect(trainee.Locator("#dot-count")).ToHaveTextAsync("1");
        var token = await TokenAsync("zed", "trainee");
        var session = (string)(await Api.JsonOfAsync(Anonymous(), BaseAddress, "/api/trainees/zed", token))["sessions"]!.AsArray()[^1]!["opened"]!["sessionId"]!;
        var dot = (await Api.JsonOfAsync(Anonymous(), BaseAddress, $"/api/sessions/{session}", token))["dots"]![0]!;
        Assert.That((double)dot["x"]!, Is.EqualTo(80).Within(0.2), "the dot lands where the pointer is");
        Assert.That((double)dot["y"]!, Is.EqualTo(70).Within(0.2));
    }
}
