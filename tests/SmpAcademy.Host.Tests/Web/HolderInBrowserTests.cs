using System.Net;
using Microsoft.Playwright;
using SmpAcademy.Host.Tests.Certificates;
using static Microsoft.Playwright.Assertions;

namespace SmpAcademy.Host.Tests.Web;

/// <summary>
/// Certificates in Chromium: an auditor certifies from the decision and revokes with a reason; a certified trainee
/// sees hers in her console, downloads the credential file, prints the page with its QR code, and the verification
/// link is opened by someone with no account.
/// </summary>
[NonParallelizable]
public sealed class HolderInBrowserTests : BrowserHostFixture
{
    private readonly string _curriculum = MiniCurriculum.Create();
    private string _credentialId = "";

    protected override string CurriculumDirectory => _curriculum;

    [OneTimeSetUp]
    public async Task NoraEarnsHerCertificate()
    {
        await MiniCurriculum.EarnAsync("nora", SignInAsync);
        var auditor = await SignInAsync("gus", "auditor", "smp-guild");
        var issued = await (await auditor.PostAsync("/api/audit/candidates/nora/certificates", null)).JsonAsync(HttpStatusCode.Created);
        _credentialId = ((string)issued["id"]!)["urn:uuid:".Length..];
    }

    [OneTimeTearDown]
    public void RemoveCurriculum() => Directory.Delete(_curriculum, recursive: true);

    [Test]
    public async Task An_auditor_certifies_from_the_decision_and_revokes_with_a_reason()
    {
        await MiniCurriculum.EarnAsync("ola", SignInAsync);
        var console = await OpenConsoleAsync("gus", "auditor", "smp-guild");
        await console.GetByRole(AriaRole.Button, new() { Name = "Open ola" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Certification decision" }).ClickAsync();
        await Expect(console.Locator("#results .verdict")).ToHaveTextAsync("Certifiable: every requirement is met.");
        await console.GetByRole(AriaRole.Button, new() { Name = "Certify ola" }).ClickAsync();
        await Expect(console.Locator("#certificate-status")).ToContainTextAsync("Certified ola");
        var row = console.Locator("#certificates tr", new() { HasText = "ola" });
        await Expect(row).ToContainTextAsync("valid");

        await row.GetByLabel("Reason to revoke ola's certificate").FillAsync("certified by mistake (browser test)");
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(row).ToContainTextAsync("revoked");
        await Expect(row).ToContainTextAsync("certified by mistake (browser test)");
        await Browser.ScreenshotAsync(console, "auditor-certificates");

        // The body's record agrees: revoked, with the reason.
        var listed = await (await (await SignInAsync("gus", "auditor", "smp-guild")).GetAsync("/api/bodies/smp-guild/certificates")).JsonAsync(HttpStatusCode.OK);
        var olas = listed.AsArray().Single(c => (string)c!["traineeId"]! == "ola")!;
        Assert.That((string?)olas["revocationReason"], Is.EqualTo("certified by mistake (browser test)"));
    }

    [Test]
    public async Task The_holder_downloads_prints_and_shares_her_certificate()
    {
        var console = await OpenConsoleAsync("nora", "trainee");
        var item = console.Locator($"#certificate-list li[data-certificate='{_credentialId}']");
        await Expect(item).ToContainTextAsync("Mini certificate (tests)");
        await Expect(item).ToContainTextAsync("SMP Practitioners' Guild (demo)");

        var download = await console.RunAndWaitForDownloadAsync(() => item.GetByRole(AriaRole.Button, new() { Name = "Download (JSON)" }).ClickAsync());
        var file = await download.PathAsync();
        Assert.That(await File.ReadAllTextAsync(file), Does.Contain(_credentialId).And.Contain("eddsa-rdfc-2022"));

        var printable = await console.Context.RunAndWaitForPageAsync(() => item.GetByRole(AriaRole.Link, new() { Name = "Printable certificate" }).ClickAsync());
        await Expect(printable.Locator("#awarded-to")).ToHaveTextAsync("nora");
        await Expect(printable.Locator("#standing")).ToHaveTextAsync("Valid, and not revoked.");
        await Expect(printable.Locator("#qr")).ToHaveJSPropertyAsync("complete", true);
        Assert.That(await printable.Locator("#qr").EvaluateAsync<int>("img => img.naturalWidth"), Is.GreaterThan(0), "the QR code image loaded");
        var link = await printable.Locator("#link").TextContentAsync();
        Assert.That(link, Is.EqualTo(new Uri(BaseAddress, $"/verify.html?body=smp-guild&certificate={_credentialId}").AbsoluteUri));
        await Browser.ScreenshotAsync(printable, "printable-certificate");

        // Someone with no account opens the shared link.
        var stranger = await AnonymousPageAsync(new Uri(link!).PathAndQuery);
        await Expect(stranger.Locator("#result .verdict")).ToHaveTextAsync("Valid certificate.");
        await Expect(stranger.Locator("#result dl")).ToContainTextAsync("SMP Practitioners' Guild (demo)");
        await Expect(stranger.Locator("#result dl")).ToContainTextAsync("valid until");
        await Browser.ScreenshotAsync(stranger, "shared-verification-link");
    }
}
