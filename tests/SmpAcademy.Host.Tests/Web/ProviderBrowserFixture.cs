using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmpAcademy.Host.Tests.Auth;
using static Microsoft.Playwright.Assertions;

namespace SmpAcademy.Host.Tests.Web;

/// <summary>
/// A host behind a real OpenID Connect provider (npm oidc-provider, with its own login pages) whose consoles sign in
/// by redirect, and Chromium to sign in with.
/// </summary>
internal abstract class ProviderBrowserFixture : BrowserHostFixture
{
    private readonly int _port = OidcProvider.FreePort();

    protected int ProviderPort => _port;

    protected OidcProvider Provider { get; private set; } = null!;
    protected override bool DemoSignIn => false;

    /// <summary>How long a browser sign-in lasts on this fixture's host.</summary>
    protected virtual string SessionMinutes => "30";

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Auth__Authority"] = $"http://127.0.0.1:{_port}",
        ["Auth__AllowHttp"] = "true",
        ["Auth__ClientId"] = "smp-console",
        ["Auth__Scopes"] = "openid smp",
        ["Auth__Claims__Role"] = "smp_role",
        ["Auth__SessionMinutes"] = SessionMinutes,
    };

    [OneTimeSetUp]
    public async Task StartProvider()
    {
        // After the host: the provider must know the host's address to send people back to it.
        Provider = await OidcProvider.StartAsync(_port, new Dictionary<string, JsonObject>
        {
            ["ada"] = new() { ["smp_role"] = "Trainee" },
            ["bea"] = new() { ["smp_role"] = "trainee" },
            ["ivy"] = new() { ["smp_role"] = "instructor" },
            ["root"] = new() { ["smp_role"] = "admin" },
            ["vic"] = new() { ["smp_role"] = "visitor" },
        }, new Uri(BaseAddress, "/signin-oidc"));
    }

    [OneTimeTearDown]
    public async Task StopProvider() => await Provider.DisposeAsync();

    /// <summary>A fresh browser signed in as this user at the provider's login page, back on the host.</summary>
    protected async Task<IPage> SignInAsync(string user)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with your organisation" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"^http://127\\.0\\.0\\.1:{_port}/interaction/"));
        await page.Locator("input[name=login]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync("any");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(BaseAddress.ToString())}"));
        return page;
    }
}
