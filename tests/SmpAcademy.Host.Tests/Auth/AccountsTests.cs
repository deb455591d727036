using System.Net;
using System.Net.Http.Json;
using SmpAcademy.Host.Accounts;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>
/// A fresh install with neither an identity provider nor demo sign-in: its own accounts. The first admin comes from
/// the one-time setup code the host writes to its data folder; passwords are Identity's, with lockout; the session is
/// the HttpOnly cookie, and nothing anonymous gains power on the way.
/// </summary>
public abstract class AccountsFixture : HostFixture
{
    protected const string AdminPassword = "correct horse battery staple";

    protected override bool DemoSignIn => false;

    protected string SetupCodeFile => Path.Combine(DataDirectory, "setup-code");

    /// <summary>A browser-like client on this host: it keeps cookies and says where its pages come from.</summary>
    protected HttpClient Browser()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Origin", BaseAddress.GetLeftPart(UriPartial.Authority));
        return client;
    }

    /// <summary>Makes "root" the first admin with the setup code, as the person installing would.</summary>
    protected async Task<HttpClient> MakeFirstAdminAsync()
    {
        var browser = Browser();
        var code = (await File.ReadAllTextAsync(SetupCodeFile)).Trim();
        await (await browser.PostAsJsonAsync(AccountEndpoints.SetupPath, new { code, userId = "root", password = AdminPassword })).JsonAsync(HttpStatusCode.OK);
        return browser;
    }

    /// <summary>The admin invites someone to this role; the invitation's secret, from its link.</summary>
    protected static async Task<string> InviteAsync(HttpClient admin, string role, string? bodyId = null)
    {
        var issued = await (await admin.PostAsJsonAsync("/api/admin/invitations", new { role, bodyId })).JsonAsync(HttpStatusCode.Created);
        Assert.That(((string?)issued["role"], (string?)issued["body"]), Is.EqualTo((role, bodyId)));
        var path = (string)issued["path"]!;
        Assert.That(path, Does.StartWith("/#invite="), "a path on this host's pages: no Host header makes the link");
        return path["/#invite=".Length..];
    }

    protected static async Task<HttpResponseMessage> AcceptInvitationAsync(HttpClient browser, string invite, string userId, string password) =>
        await browser.PostAsJsonAsync(InvitationEndpoints.AcceptPath, new { invite, userId, password });
}

public class AccountsTests : AccountsFixture
{
    [Test]
    public async Task The_setup_code_makes_the_first_admin_once_and_is_then_gone()
    {
        Assert.That(File.Exists(SetupCodeFile), "a fresh install writes its setup code");
        if (!OperatingSystem.IsWindows())
            Assert.That(File.GetUnixFileMode(SetupCodeFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "owner-only");
        var code = (await File.ReadAllTextAsync(SetupCodeFile)).Trim();
        Assert.That(code, Does.Match("^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$"));

        var options = await (await Anonymous().GetAsync("/api/signin-options")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((bool?)options["accounts"], (bool?)options["setupOpen"], (bool?)options["demo"]), Is.EqualTo((true, true, false)));

        var browser = Browser();
        await (await browser.PostAsJsonAsync(AccountEndpoints.SetupPath, new { code = "AAAAA-BBBBB-CCCCC-DDDDD", userId = "root", password = AdminPassword }))
            .ProblemAsync(HttpStatusCode.Forbidden, "bad-setup-code");
        await (await browser.PostAsJsonAsync(AccountEndpoints.SetupPath, new { code, userId = "root", password = "short" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "weak-password");
        await (await browser.PostAsJsonAsync(AccountEndpoints.SetupPath, new { code, userId = "root", password = "aaaaaaaaaaaaaaaa" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "weak-password");
        await (await browser.PostAsJsonAsync(AccountEndpoints.SetupPath, new { code, userId = "Root\n", password = AdminPassword }))
            .ProblemAsync(HttpStatusCode.BadRequest, "bad-user-id");
        await (await browser.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);

        // Lower case and without dashes is the same code: people retype it.
        var made = await (await browser.PostAsJsonAsync(AccountEndpoints.SetupPath, new { code = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), userId = "root", password = AdminPassword }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(((string?)made["userId"], (string?)made["role"]), Is.EqualTo(("root", "admin")));
        var me = await (await browser.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((string?)me["userId"], (string?)me["role"]), Is.EqualTo(("root", "admin")), "the cookie is the session");
        Assert.That(File.Exists(SetupCodeFile), Is.False, "the code is spent");

        await (await Browser().PostAsJsonAsync(AccountEndpoints.SetupPath, new { code, userId = "mallory", password = AdminPassword }))
            .ProblemAsync(HttpStatusCode.Forbidden, "bad-setup-code");
        options = await (await Anonymous().GetAsync("/api/signin-options")).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool?)options["setupOpen"], Is.False);

        // A restart does not reopen setup: the first admin is recorded in the database.
        await RestartHostAsync();
        Assert.That(File.Exists(SetupCodeFile), Is.False);
        await (await Browser().PostAsJsonAsync(AccountEndpoints.SetupPath, new { code, userId = "mallory", password = AdminPassword }))
            .ProblemAsync(HttpStatusCode.Forbidden, "bad-setup-code");
        var again = await (await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "root", password = AdminPassword })).JsonAsync(HttpStatusCode.OK);
        Assert.That((string?)again["role"], Is.EqualTo("admin"));
    }

    [Test]
    public async Task A_sign_in_posted_from_another_sites_page_is_refused()
    {
        var elsewhere = Anonymous();
        elsewhere.DefaultRequestHeaders.Add("Origin", "https://evil.example");
        await (await elsewhere.PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "root", password = AdminPassword }))
            .ProblemAsync(HttpStatusCode.Forbidden, "cross-site");
        await (await elsewhere.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [TestCase("Root")]
    [TestCase("root\n")]
    [TestCase("ro ot")]
    [TestCase("")]
    public async Task A_malformed_user_name_is_not_an_account(string userId) =>
        await (await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId, password = AdminPassword }))
            .ProblemAsync(HttpStatusCode.Forbidden, "bad-credentials");

    [Test]
    public async Task The_development_token_issuer_is_not_there() =>
        Assert.That((await Anonymous().PostAsJsonAsync("/api/dev/tokens", new { userId = "x", role = "admin" })).StatusCode,
            Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed));
}
