using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmpAcademy.Host.Tests.Web;

/// <summary>A host on Kestrel (real sockets) and one Chromium for the fixture's tests, started after the host.</summary>
public abstract class BrowserHostFixture : HostFixture
{
    private IPlaywright _playwright = null!;

    protected IBrowser Chromium { get; private set; } = null!;

    protected override bool OnKestrel => true;

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        (_playwright, var browser) = await Browser.LaunchAsync();
        Chromium = browser;
        SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A page in a fresh browser context, signed in by the demo sign-in page as this user and role, on their console.</summary>
    protected async Task<IPage> OpenConsoleAsync(string user, string role, string? body = null, int width = 1366, int height = 900, float deviceScale = 1)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height }, DeviceScaleFactor = deviceScale, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                TestContext.Out.WriteLine($"[{user} console] {message.Text}");
        };
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "User name", Exact = true }).FillAsync(user);
        await page.GetByLabel("Role").SelectOptionAsync(role);
        if (body is not null)
            await page.GetByLabel("Certification body").SelectOptionAsync(body);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/{role}\\.html$"));
        Assert.That(errors, Is.Empty, "script errors on the page");
        return page;
    }

    /// <summary>A page in a fresh browser context with nobody signed in.</summary>
    protected async Task<IPage> AnonymousPageAsync(string path)
    {
        var page = await (await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() })).NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
