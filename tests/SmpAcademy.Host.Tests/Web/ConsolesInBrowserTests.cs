using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SmpAcademy.Audit.Bundles;
using static Microsoft.Playwright.Assertions;

namespace SmpAcademy.Host.Tests.Web;

/// <summary>
/// The three consoles in a real browser against a real host (Kestrel, SignalR over WebSockets, Orleans,
/// PostgreSQL): a trainee places dots and sees feedback, an instructor in a second browser context sees
/// them live and notes on the skin, an auditor replays the session and verifies the history.
/// </summary>
[NonParallelizable]
public sealed partial class ConsolesInBrowserTests : BrowserHostFixture
{
    /// <summary>Clicks the skin at a point given in millimetres, as a trainee's pointer would.</summary>
    private static async Task ClickSkinAsync(IPage page, double xMm, double yMm, double widthMm, double heightMm)
    {
        // Relative to the canvas, through Playwright's own checks (visible, stable): the console scrolls the session into
        // view smoothly, and a click at coordinates read mid-scroll lands beside the skin.
        var skin = page.Locator("#skin");
        var box = (await skin.BoundingBoxAsync())!;
        await skin.ClickAsync(new() { Position = new() { X = (float)(box.Width * xMm / widthMm), Y = (float)(box.Height * yMm / heightMm) } });
    }

    [Test]
    public async Task A_trainee_practises_an_instructor_watches_live_and_an_auditor_replays_and_verifies()
    {
        // Trainee: sign in and enrol; an administrator assigns the instructor; the trainee applies to a body and starts an exercise.
        var trainee = await OpenConsoleAsync("tia", "trainee");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await Expect(trainee.Locator("#program")).ToHaveTextAsync("SMP Practitioner Certificate");
        var admin = await OpenConsoleAsync("root", "admin");
        await admin.GetByLabel("Trainee (user name)").FillAsync("tia");
        await admin.GetByLabel("Instructor (user name)").FillAsync("ivan");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Expect(admin.Locator("#assign-result")).ToHaveTextAsync("ivan now instructs tia.");
        await trainee.ReloadAsync();
        await Expect(trainee.Locator("#instructors")).ToHaveTextAsync("ivan");
        await trainee.GetByLabel("Apply to").SelectOptionAsync("smp-guild");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(trainee.Locator("#applications")).ToHaveTextAsync("smp-guild");
        await trainee.GetByLabel("Exercise").SelectOptionAsync("random-fill");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Start session" }).ClickAsync();
        await Expect(trainee.Locator("#session")).ToBeVisibleAsync();

        // Instructor, in a second browser context: the live session is listed; watch it.
        var instructor = await OpenConsoleAsync("ivan", "instructor");
        await Expect(instructor.Locator("#live")).ToContainTextAsync("tia");
        await instructor.GetByRole(AriaRole.Button, new() { Name = "Watch tia's session" }).ClickAsync();
        await Expect(instructor.Locator("#watch-heading")).ToHaveTextAsync("Watching tia");
        await Expect(instructor.Locator("#live-dots")).ToHaveTextAsync("0");

        // Trainee places dots with the pointer; each shows its scores and flags at once.
        var skin = await Api.JsonOfAsync(Anonymous(), BaseAddress, "/api/skins/flat-practice-pad", await TokenAsync("tia", "trainee"));
        var (width, height) = ((double)skin["widthMm"]!, (double)skin["heightMm"]!);
        var placed = 0;
        var jitter = new Random(7);
        for (var i = 0; i < 36; i++)
        {
            await ClickSkinAsync(trainee, 15 + (i % 6 * 4) + (jitter.NextDouble() * 3), 15 + (i / 6 * 4) + (jitter.NextDouble() * 3), width, height);
            placed++;
            await Expect(trainee.Locator("#dot-count")).ToHaveTextAsync(placed.ToString(CultureInfo.InvariantCulture));
        }

        await Expect(trainee.Locator("#feedback-words")).ToContainTextAsync($"Dot {placed} in");
        await Expect(trainee.Locator("#depth-score b")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));

        // A dot too deep is scored and flagged in words.
        await trainee.Locator("#depth").FillAsync("1.3");
        await ClickSkinAsync(trainee, 60, 60, width, height);
        placed++;
        await Expect(trainee.Locator("#feedback-words")).ToContainTextAsync("too deep");

        // And one from the keyboard: focus the skin, move the cross, press Enter.
        await trainee.Locator("#depth").FillAsync("0.5");
        await trainee.Locator("#skin").FocusAsync();
        await trainee.Keyboard.PressAsync("Shift+ArrowRight");
        await trainee.Keyboard.PressAsync("Enter");
        placed++;
        await Expect(trainee.Locator("#dot-count")).ToHaveTextAsync(placed.ToString(CultureInfo.InvariantCulture));

        // Paused, a dot is refused with the reason beside the skin; resumed, the message goes.
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        await Expect(trainee.Locator("#session-status")).ToHaveTextAsync("paused");
        await ClickSkinAsync(trainee, 50, 50, width, height);
        await Expect(trainee.Locator("#work-status")).ToHaveTextAsync("The session is paused: press Resume to place dots.");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(trainee.Locator("#session-status")).ToHaveTextAsync("active");
        await Expect(trainee.Locator("#work-status")).ToBeEmptyAsync();
        await Expect(trainee.Locator("#dot-count")).ToHaveTextAsync(placed.ToString(CultureInfo.InvariantCulture));

        // The instructor saw every dot arrive live, with rolling statistics.
        await Expect(instructor.Locator("#live-dots")).ToHaveTextAsync(placed.ToString(CultureInfo.InvariantCulture));
        await Expect(instructor.Locator("#latest")).ToContainTextAsync($"#{placed} ");
        await Expect(instructor.Locator("#stats")).ToContainTextAsync("Mean depth score");

        // The instructor pins a note on the skin; the trainee sees it live.
        await instructor.GetByRole(AriaRole.Checkbox, new() { Name = "Click on the skin to annotate" }).CheckAsync();
        await ClickSkinAsync(instructor, 30, 30, width, height);
        await instructor.Locator("#annotation-text").FillAsync("Vary the gaps more here");
        await instructor.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(trainee.Locator("#annotations")).ToContainTextAsync("ivan: Vary the gaps more here");

        await Browser.ScreenshotAsync(trainee, "trainee-console");
        await Browser.ScreenshotAsync(instructor, "instructor-console");

        // Healed view, then complete: the summary plots appear.
        await trainee.GetByLabel("View").SelectOptionAsync("healed");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();
        await Expect(trainee.Locator("#summary")).ToBeVisibleAsync();
        await Expect(trainee.Locator("#plots svg.plot")).ToHaveCountAsync(4);
        // A session of well under two minutes is timed in seconds, on an axis as long as it was.
        await Expect(trainee.Locator("#plots figure").Last.Locator("text.tick", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\d+ s$") })).ToHaveCountAsync(3);
        await Expect(trainee.Locator("#summary-line")).ToContainTextAsync($"{placed} dots");
        await Browser.ScreenshotAsync(trainee, "trainee-summary");

        // The instructor grades the completed attempt.
        await Expect(instructor.Locator("#live-status")).ToHaveTextAsync("completed");
        // No grade is pre-filled: each manual item (if the exercise has any) is the instructor's own score.
        var items = instructor.Locator("[data-item]");
        for (var i = 0; i < await items.CountAsync(); i++)
            await items.Nth(i).FillAsync("70");
        await instructor.GetByLabel("Verdict").SelectOptionAsync("sent-back");
        await instructor.GetByLabel("Comment").FillAsync("Too few dots for session-1 density");
        await instructor.GetByRole(AriaRole.Button, new() { Name = "Record grade" }).ClickAsync();
        await Expect(instructor.Locator("#status")).ToHaveTextAsync("Grade recorded.");
        await Expect(instructor.Locator("#grade-state")).ToContainTextAsync("Graded by ivan: sent back");

        // The trainee sees the verdict and the comment in her history.
        await trainee.ReloadAsync();
        await Expect(trainee.Locator("#history [data-verdict='sent-back']")).ToHaveTextAsync("sent back by ivan: “Too few dots for session-1 density”");

        // Auditor of the body tia applied to: find her, read the timeline, replay, verify, re-score, download.
        var auditor = await OpenConsoleAsync("ada", "auditor", "smp-guild");
        await auditor.GetByLabel("Find a candidate").FillAsync("ti");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Open tia" }).ClickAsync();
        await Expect(auditor.Locator("#timeline")).ToContainTextAsync("ivan graded: sent back");
        await auditor.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Replay the random-fill session") }).ClickAsync();
        await Expect(auditor.Locator("#total")).ToHaveTextAsync(placed.ToString(CultureInfo.InvariantCulture));
        await auditor.GetByLabel("Speed").SelectOptionAsync("0");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await Expect(auditor.Locator("#position")).ToHaveTextAsync(placed.ToString(CultureInfo.InvariantCulture));
        await Expect(auditor.Locator("#replay-dot")).ToContainTextAsync($"Dot {placed} at");
        // The note was pinned after the last dot: it shows at the end of the replay, and not at its start. Times are to the second.
        await Expect(auditor.Locator("#replay-notes")).ToContainTextAsync("ivan: Vary the gaps more here");
        await auditor.Locator("#scrub").FillAsync("1");
        await Expect(auditor.Locator("#replay-notes li")).ToHaveCountAsync(0);
        await Expect(auditor.Locator("#replay-dot")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Dot 1 at .*\d:\d\d:\d\d"));
        await Expect(auditor.Locator("#timeline time").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d:\d\d:\d\d"));

        await auditor.GetByRole(AriaRole.Button, new() { Name = "Verify the history" }).ClickAsync();
        await Expect(auditor.Locator("#results .verdict")).ToContainTextAsync("VERIFIED: history intact");
        await Expect(auditor.Locator("#results .verdict")).ToHaveAttributeAsync("data-ok", "true");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Re-score every dot" }).ClickAsync();
        await Expect(auditor.Locator("#results .verdict")).ToContainTextAsync($"Re-scoring identical: {placed} dots");
        await Browser.ScreenshotAsync(auditor, "auditor-console");

        var download = await auditor.RunAndWaitForDownloadAsync(() => auditor.GetByRole(AriaRole.Button, new() { Name = "Download audit bundle" }).ClickAsync());
        var bundle = Path.GetTempFileName();
        try
        {
            await download.SaveAsAsync(bundle);
            var key = (string)(await (await Anonymous().GetAsync("/api/audit/public-key")).JsonAsync(HttpStatusCode.OK))["publicKey"]!;
            await using var stream = File.OpenRead(bundle);
            var verification = BundleVerifier.Verify(stream, key);
            Assert.That(verification.Problems, Is.Empty);
            Assert.That(verification.TraineeId, Is.EqualTo("tia"));
        }
        finally
        {
            File.Delete(bundle);
        }

        // The audit log shows the reads the console made, each recorded before the data was shown.
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Show the log" }).ClickAsync();
        await Expect(auditor.Locator("#log")).ToContainTextAsync("ada read timeline of tia");
        await Expect(auditor.Locator("#log")).ToContainTextAsync("ada read verification of tia");
    }

    [Test]
    public async Task A_bad_sign_in_and_a_refused_dot_are_explained_in_words()
    {
        var page = await AnonymousPageAsync("/");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "User name", Exact = true }).FillAsync("not a name!");
        await page.GetByLabel("Role").SelectOptionAsync("trainee");
        await page.EvaluateAsync("document.getElementById('user-id').removeAttribute('pattern')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("userId is 1–64 letters");

        var trainee = await OpenConsoleAsync("theo", "trainee");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await trainee.GetByLabel("Exercise").SelectOptionAsync("depth-ladder");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Start session" }).ClickAsync();
        await Expect(trainee.Locator("#session")).ToBeVisibleAsync();
        await trainee.Locator("#depth").FillAsync("1.5");
        var skin = await Api.JsonOfAsync(Anonymous(), BaseAddress, "/api/skins/flat-practice-pad", await TokenAsync("theo", "trainee"));
        await ClickSkinAsync(trainee, 40, 40, (double)skin["widthMm"]!, (double)skin["heightMm"]!);
        await Expect(trainee.Locator("#work-status")).ToContainTextAsync("Dot not placed:");
        await Expect(trainee.Locator("#dot-count")).ToHaveTextAsync("0");
    }

    [Test]
    public async Task The_public_verify_page_rejects_a_forged_certificate_with_its_reasons()
    {
        var page = await AnonymousPageAsync("/verify.html");
        var forged = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = "did:key:z6MkForged",
            ["credentialSubject"] = new JsonObject { ["id"] = "urn:smp:trainee:mallory" },
        };
        await page.GetByLabel("…or paste it").FillAsync(forged.ToJsonString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.Locator("#result .verdict")).ToHaveTextAsync("NOT a valid certificate.");
        await Expect(page.Locator("#result ul li").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "verify-page");
    }

    [Test]
    public async Task Each_console_sends_other_roles_to_their_own_home()
    {
        var auditor = await OpenConsoleAsync("abe", "auditor", "smp-guild");
        await auditor.GotoAsync("/trainee.html");
        await Expect(auditor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/auditor\\.html$"));
        var anonymous = await AnonymousPageAsync("/instructor.html");
        await Expect(anonymous).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/$"));
    }
    [TestCase("trainee", null)]
    [TestCase("instructor", null)]
    [TestCase("auditor", "smp-guild")]
    public async Task Each_console_fits_a_phone_screen_without_sideways_scrolling(string role, string? body)
    {
        var page = await OpenConsoleAsync($"phone-{role}", role, body, width: 390, height: 844);
        if (role == "trainee")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Start session" }).ClickAsync();
            await Expect(page.Locator("#session")).ToBeVisibleAsync();
        }

        var (scrollWidth, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(viewport), $"the {role} console is wider than a 390 px phone");
    }
}
