using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmpAcademy.Host.Tests.Web;

/// <summary>
/// A fresh default install in Chromium: the sign-in page offers the first-admin setup, the setup code from the data
/// folder makes the admin, and afterwards the page offers a password sign-in whose session is an HttpOnly cookie.
/// </summary>
[NonParallelizable]
internal sealed class AccountsInBrowserTests : BrowserHostFixture
{
    private const string Passphrase = "a long and quiet passphrase";

    protected override bool DemoSignIn => false;

    [Test]
    public async Task The_first_admin_is_made_with_the_setup_code_then_signs_out_and_in_with_the_password()
    {
        var page = await AnonymousPageAsync("/");
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await Expect(page.Locator("#setup-card")).ToBeVisibleAsync();
        await Expect(page.Locator("#password-card")).ToBeHiddenAsync();
        await Expect(page.Locator("#dev-card")).ToBeHiddenAsync();

        await page.GetByLabel("Setup code").FillAsync("WRONG-WRONG-WRONG-WRONG");
        await page.GetByLabel("Administrator's user name").FillAsync("root");
        await page.Locator("#setup-password").FillAsync(Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Make administrator and sign in" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("not this host's setup code");

        var code = (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "setup-code"))).Trim();
        await page.GetByLabel("Setup code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Make administrator and sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin\\.html$"));
        Assert.That(await page.EvaluateAsync<int>("sessionStorage.length + localStorage.length + document.cookie.length"), Is.Zero, "nothing page script can read");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "smp.session");
        Assert.That((cookie.HttpOnly, cookie.SameSite), Is.EqualTo((true, SameSiteAttribute.Lax)));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Locator("#password-card")).ToBeVisibleAsync();
        await Expect(page.Locator("#setup-card")).ToBeHiddenAsync();
        await page.Locator("#password-user-id").FillAsync("root");
        await page.Locator("#password").FillAsync("not the passphrase");
        await page.Locator("#password-form").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("do not match");
        await page.Locator("#password").FillAsync(Passphrase);
        await page.Locator("#password-form").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin\\.html$"));

        // The admin invites an auditor of a body; the invited person opens the link in a browser of their own.
        await Expect(page.Locator("#people-card")).ToBeVisibleAsync();
        await Expect(page.Locator("#accounts")).ToContainTextAsync("root");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("auditor");
        await page.GetByLabel("Certification body").SelectOptionAsync("smp-guild");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make an invitation link" }).ClickAsync();
        await Expect(page.Locator("#invite-result")).ToContainTextAsync("Invitation for an auditor of smp-guild");
        await Expect(page.GetByLabel("Invitation link")).ToHaveValueAsync(new Regex("^" + Regex.Escape(BaseAddress.ToString().TrimEnd('/')) + "/#invite=[0-9A-Z]{32}$"));
        var link = await page.GetByLabel("Invitation link").InputValueAsync();

        var invited = await (await Chromium.NewContextAsync()).NewPageAsync();
        invited.PageError += (_, error) => errors.Add(error);
        await invited.GotoAsync(link);
        await Expect(invited.Locator("#invite-card")).ToBeVisibleAsync();
        await Expect(invited.Locator("#password-card")).ToBeHiddenAsync();
        await invited.GetByLabel("User name (lower-case").FillAsync("gus");
        await invited.Locator("#invite-password").FillAsync("the auditor's own passphrase");
        await invited.GetByRole(AriaRole.Button, new() { Name = "Make my account and sign in" }).ClickAsync();
        await Expect(invited).ToHaveURLAsync(new Regex("/auditor\\.html$"));

        await page.ReloadAsync();
        await Expect(page.Locator("#accounts")).ToContainTextAsync("smp-guild");

        // The admin disables gus from the console: gus's open session ends at his next request.
        var gus = page.Locator("#accounts tr", new() { HasText = "gus" });
        await Expect(gus).ToContainTextAsync("active");
        await gus.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(page.Locator("#accounts-result")).ToContainTextAsync("gus: disabled; their sessions ended");
        await Expect(gus).ToContainTextAsync("disabled");
        await invited.ReloadAsync();
        await Expect(invited.Locator("#password-card")).ToBeVisibleAsync();
        await gus.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Expect(gus).ToContainTextAsync("active");

        // The bodies card lists each body with the key it signs with, and rotates it.
        var guild = page.Locator("#bodies tr", new() { HasText = "smp-guild" });
        await Expect(guild).ToContainTextAsync("none yet");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        foreach (var number in new[] { 1, 2 })
        {
            await guild.GetByRole(AriaRole.Button, new() { Name = "Rotate the key of smp-guild" }).ClickAsync();
            await Expect(page.Locator("#bodies-result")).ToContainTextAsync($"smp-guild now signs with key {number}");
            await Expect(guild.Locator("td").Nth(3)).ToHaveTextAsync($"{number}");
        }
        await Expect(guild).ToContainTextAsync("2: did:key:");
        Assert.That(errors, Is.Empty, "script errors on the page");
    }
}
