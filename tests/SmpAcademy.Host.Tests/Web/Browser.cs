using Microsoft.Playwright;

namespace SmpAcademy.Host.Tests.Web;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, installed by infra/dev/test.sh), driven by Playwright. Playwright
/// never downloads a browser here. Without Chromium the tests fail and say so; they never pass silently.
/// </summary>
internal static class Browser
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("SMP_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"Chromium is not at {ExecutablePath}: run the tests with infra/dev/test.sh (it installs Debian's chromium), or set SMP_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // As root there is no sandbox; the rest keep Chromium off a network it cannot reach.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>Screenshots go to the test's artifacts (and to $SMP_SCREENSHOTS, to refresh the README's pictures).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
        if (Environment.GetEnvironmentVariable("SMP_SCREENSHOTS") is { Length: > 0 } extra)
        {
            Directory.CreateDirectory(extra);
            File.Copy(path, Path.Combine(extra, name + ".png"), overwrite: true);
        }
    }
}
