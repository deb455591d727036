using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmpAcademy.Host.Tests.Web;

/// <summary>
/// Passkeys in Chromium, with its WebAuthn virtual authenticator (DevTools protocol) in place of a device: an account
/// adds one, signs in with it, and after removing it can no longer. On <c>localhost</c>, since WebAuthn refuses an IP
/// address as the relying party.
/// </summary>
[NonParallelizable]
internal sealed class PasskeysInBrowserTests : BrowserHostFixture
{
    private const string Passphrase = "a long and quiet passphrase";

    protected override bool DemoSignIn => false;

    [Test]
    public async Task An_account_adds_a_passkey_signs_in_with_it_and_after_removing_it_cannot()
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://localhost:{BaseAddress.Port}" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var devtools = await context.NewCDPSessionAsync(page);
        await devtools.SendAsync("WebAuthn.enable");
        await devtools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync("/");
        await page.GetByLabel("Setup code").FillAsync((await File.ReadAllTextAsync(Path.Combine(DataDirectory, "setup-code"))).Trim());
        await page.GetByLabel("Administrator's user name").FillAsync("root");
        await page.Locator("#setup-password").FillAsync(Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Make administrator and sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin\\.html$"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Your account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account\\.html$"));
        await page.GetByLabel("Name (e.g. this laptop)").FillAsync("laptop");
        await page.GetByLabel("Your password").FillAsync("not the passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.Locator("#passkeys-result")).ToContainTextAsync("do not match");
        await page.GetByLabel("Your password").FillAsync(Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.Locator("#passkeys-result")).ToContainTextAsync("laptop added");
        await Expect(page.Locator("#passkeys tr", new() { HasText = "laptop" })).ToContainTextAsync("never");

        // Signed out, the passkey signs root in; its answer, captured on the way, does not sign anyone in a second time.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Locator("#password-card")).ToBeVisibleAsync();
        Microsoft.Playwright.IRequest? answer = null;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/auth/passkey", StringComparison.Ordinal))
                answer = request;
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin\\.html$"));
        var headers = await answer!.AllHeadersAsync();
        var replayed = await context.APIRequest.PostAsync("/auth/passkey", new()
        {
            DataString = answer.PostData,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Origin"] = headers["origin"], ["Cookie"] = headers["cookie"] },
        });
        Assert.That(replayed.Status, Is.EqualTo(403));
        Assert.That(JsonDocument.Parse(await replayed.TextAsync()).RootElement.GetProperty("code").GetString(), Is.EqualTo("no-passkey-ceremony"));

        await page.GotoAsync("/account.html");
        var laptop = page.Locator("#passkeys tr", new() { HasText = "laptop" });
        await Expect(laptop).Not.ToContainTextAsync("never");
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Remove laptop" }).ClickAsync();
        await Expect(page.Locator("#passkeys-result")).ToContainTextAsync("laptop removed");
        await Expect(page.Locator("#passkeys tr")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("did not sign you in");
        Assert.That(page.Url, Does.Not.Contain("admin"));
        Assert.That(errors, Is.Empty, "script errors on the page");
    }
}
