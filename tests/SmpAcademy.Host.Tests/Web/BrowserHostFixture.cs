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

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
