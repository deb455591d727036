using System.Net;
using System.Net.Http.Json;
using SmpAcademy.Host.Accounts;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>
/// Admins manage accounts: a role change or a disable ends the account's open sessions at once (not at their expiry),
/// a lockout can be lifted, and the host is never left without an enabled admin. Only admins may do any of it.
/// </summary>
public class AccountAdminTests : AccountsFixture
{
    private const string Passphrase = "a managed person's passphrase";

    private HttpClient _root = null!;

    [OneTimeSetUp]
    public async Task MakeAdmin() => _root = await MakeFirstAdminAsync();

    private async Task<HttpClient> AccountAsync(string userId, string role, string? bodyId = null)
    {
        var browser = Browser();
        await (await AcceptInvitationAsync(browser, await InviteAsync(_root, role, bodyId), userId, Passphrase)).JsonAsync(HttpStatusCode.OK);
        return browser;
    }

    private async Task<HttpResponseMessage> PasswordSignInAsync(string userId, string password = Passphrase) =>
        await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId, password });

    private async Task<System.Text.Json.Nodes.JsonNode> ListedAsync(string userId) =>
        (await (await _root.GetAsync("/api/admin/accounts")).JsonAsync(HttpStatusCode.OK)).AsArray().Single(a => (string?)a!["userId"] == userId)!;

    [Test]
    public async Task A_role_change_ends_the_open_session_and_the_next_sign_in_has_the_new_role()
    {
        var ivo = await AccountAsync("ivo", "instructor");
        Assert.That((string?)(await (await ivo.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK))["role"], Is.EqualTo("instructor"));

        await (await _root.PutAsJsonAsync("/api/admin/accounts/ivo", new { role = "auditor" })).ProblemAsync(HttpStatusCode.BadRequest, "bad-body");
        await (await _root.PutAsJsonAsync("/api/admin/accounts/ivo", new { role = "overlord" })).ProblemAsync(HttpStatusCode.BadRequest, "unknown-role");
        Assert.That((string?)(await (await ivo.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK))["role"], Is.EqualTo("instructor"), "a refused change changes nothing");

        await (await _root.PutAsJsonAsync("/api/admin/accounts/ivo", new { role = "auditor", bodyId = "smp-guild" })).JsonAsync(HttpStatusCode.NoContent);
        await (await ivo.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        var again = Browser();
        await (await again.PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "ivo", password = Passphrase })).JsonAsync(HttpStatusCode.OK);
        var me = await (await again.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((string?)me["role"], (string?)me["body"]), Is.EqualTo(("auditor", "smp-guild")));
        var listed = await ListedAsync("ivo");
        Assert.That(((string?)listed["role"], (string?)listed["body"]), Is.EqualTo(("auditor", "smp-guild")));
    }

    [Test]
    public async Task A_disabled_account_is_signed_out_cannot_sign_in_and_is_enabled_again()
    {
        var dana = await AccountAsync("dana", "trainee");
        await dana.EnrollAsync("dana");
        await (await _root.PostAsync("/api/admin/accounts/dana/disable", null)).JsonAsync(HttpStatusCode.NoContent);
        await (await dana.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await PasswordSignInAsync("dana")).ProblemAsync(HttpStatusCode.Forbidden, "disabled");
        await (await PasswordSignInAsync("dana", "not dana's passphrase")).ProblemAsync(HttpStatusCode.Forbidden, "bad-credentials");
        Assert.That((bool?)(await ListedAsync("dana"))["disabled"], Is.True);

        await (await _root.PostAsync("/api/admin/accounts/dana/enable", null)).JsonAsync(HttpStatusCode.NoContent);
        await (await PasswordSignInAsync("dana")).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool?)(await ListedAsync("dana"))["disabled"], Is.False);
    }

    [Test]
    public async Task A_locked_out_account_is_unlocked_by_an_admin()
    {
        await AccountAsync("luz", "trainee");
        for (var i = 0; i < AccountSetup.FailuresBeforeLockout; i++)
            await PasswordSignInAsync("luz", "a wrong guess " + i);
        await (await PasswordSignInAsync("luz")).ProblemAsync(HttpStatusCode.Forbidden, "locked-out");
        Assert.That((bool?)(await ListedAsync("luz"))["lockedOut"], Is.True);

        await (await _root.PostAsync("/api/admin/accounts/luz/unlock", null)).JsonAsync(HttpStatusCode.NoContent);
        await (await PasswordSignInAsync("luz")).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool?)(await ListedAsync("luz"))["lockedOut"], Is.False);
    }

    [Test]
    public async Task The_last_enabled_admin_cannot_be_demoted_or_disabled()
    {
        await (await _root.PutAsJsonAsync("/api/admin/accounts/root", new { role = "trainee" })).ProblemAsync(HttpStatusCode.Conflict, "last-admin");
        await (await _root.PostAsync("/api/admin/accounts/root/disable", null)).ProblemAsync(HttpStatusCode.Conflict, "last-admin");
        Assert.That((string?)(await (await _root.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK))["role"], Is.EqualTo("admin"), "root's session stands");

        var second = await AccountAsync("ada-admin", "admin");
        await (await second.PostAsync("/api/admin/accounts/ada-admin/disable", null)).JsonAsync(HttpStatusCode.NoContent);
        await (await second.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await _root.PostAsync("/api/admin/accounts/root/disable", null)).ProblemAsync(HttpStatusCode.Conflict, "last-admin");
    }

    [Test]
    public async Task Only_an_admin_manages_accounts_and_an_unknown_one_is_not_found()
    {
        var tom = await AccountAsync("tom", "trainee");
        await (await tom.GetAsync("/api/admin/accounts")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await tom.PutAsJsonAsync("/api/admin/accounts/tom", new { role = "admin" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await tom.PostAsync("/api/admin/accounts/root/disable", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await Anonymous().PostAsync("/api/admin/accounts/tom/unlock", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That((string?)(await (await tom.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK))["role"], Is.EqualTo("trainee"));

        await (await _root.PutAsJsonAsync("/api/admin/accounts/nobody-such", new { role = "trainee" })).ProblemAsync(HttpStatusCode.NotFound, "unknown-user");
        await (await _root.PostAsync("/api/admin/accounts/nobody-such/disable", null)).ProblemAsync(HttpStatusCode.NotFound, "unknown-user");
    }

    [Test]
    public async Task The_list_shows_each_instructors_trainees_and_each_trainees_instructors_and_an_admin_takes_one_off()
    {
        await AccountAsync("una", "instructor");
        await AccountAsync("ugo", "instructor");
        foreach (var trainee in new[] { "tea", "tod" })
            await (await AccountAsync(trainee, "trainee")).EnrollAsync(trainee);
        foreach (var (trainee, instructor) in new[] { ("tea", "una"), ("tod", "una"), ("tea", "ugo") })
            await (await _root.PostAsJsonAsync($"/api/trainees/{trainee}/instructors", new { instructorId = instructor })).JsonAsync(HttpStatusCode.NoContent);
        await (await _root.PostAsJsonAsync("/api/trainees/tod/instructors", new { instructorId = "nobody-such" })).ProblemAsync(HttpStatusCode.NotFound, "unknown-user");

        async Task<string[]> Assigned(string userId) => [.. (await ListedAsync(userId))["assigned"]!.AsArray().Select(n => (string)n!)];
        Assert.That(await Assigned("una"), Is.EquivalentTo(new[] { "tea", "tod" }));
        Assert.That(await Assigned("ugo"), Is.EquivalentTo(new[] { "tea" }));
        Assert.That(await Assigned("tea"), Is.EquivalentTo(new[] { "una", "ugo" }));
        Assert.That(await Assigned("tod"), Is.EquivalentTo(new[] { "una" }), "a refused assignment is not listed");
        Assert.That(await Assigned("root"), Is.Empty);

        // Taken off: the instructor no longer reads the trainee; the other assignments stay.
        var una = Browser();
        await (await una.PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "una", password = Passphrase })).JsonAsync(HttpStatusCode.OK);
        await (await una.GetAsync("/api/trainees/tea")).JsonAsync(HttpStatusCode.OK);
        await (await una.DeleteAsync("/api/trainees/tea/instructors/una")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await _root.DeleteAsync("/api/trainees/tea/instructors/una")).JsonAsync(HttpStatusCode.NoContent);
        await (await _root.DeleteAsync("/api/trainees/tea/instructors/una")).ProblemAsync(HttpStatusCode.NotFound, "not-assigned");
        await (await una.GetAsync("/api/trainees/tea")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(await Assigned("una"), Is.EquivalentTo(new[] { "tod" }));
        Assert.That(await Assigned("tea"), Is.EquivalentTo(new[] { "ugo" }));
        Assert.That((string?)(await (await una.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK))["trainees"]![0], Is.EqualTo("tod"));
    }

    [Test]
    public async Task Two_admins_disabling_each_other_at_once_leave_one_enabled()
    {
        for (var round = 0; round < 4; round++)
        {
            var (a, b) = ($"adm-{round}-a", $"adm-{round}-b");
            var first = await AccountAsync(a, "admin");
            var second = await AccountAsync(b, "admin");
            // a and b are the only enabled admins: root and any other admin are disabled first.
            var all = (await (await first.GetAsync("/api/admin/accounts")).JsonAsync(HttpStatusCode.OK)).AsArray();
            var others = all.Where(x => (string?)x!["role"] == "admin" && (bool?)x["disabled"] == false && (string?)x["userId"] != a && (string?)x["userId"] != b)
                .Select(x => (string)x!["userId"]!).ToList();
            foreach (var other in others)
                await (await first.PostAsync($"/api/admin/accounts/{other}/disable", null)).JsonAsync(HttpStatusCode.NoContent);

            var answers = await Task.WhenAll(first.PostAsync($"/api/admin/accounts/{b}/disable", null), second.PostAsync($"/api/admin/accounts/{a}/disable", null));
            // The loser is refused: 409 if its call was checked while it was still enabled, 401 if the winner's disable came first.
            Assert.That(answers.Count(r => r.StatusCode == HttpStatusCode.NoContent), Is.EqualTo(1), $"round {round}");
            Assert.That(answers.Single(r => r.StatusCode != HttpStatusCode.NoContent).StatusCode, Is.AnyOf(HttpStatusCode.Conflict, HttpStatusCode.Unauthorized), $"round {round}");
            var survivor = answers[0].StatusCode == HttpStatusCode.NoContent ? first : second;
            await (await survivor.PostAsync("/api/admin/accounts/root/enable", null)).JsonAsync(HttpStatusCode.NoContent);
            _root = await SignInAgainAsync("root", AdminPassword);
            Assert.That((bool?)(await ListedAsync(survivor == first ? a : b))["disabled"], Is.False);
        }
    }

    private async Task<HttpClient> SignInAgainAsync(string userId, string password)
    {
        var browser = Browser();
        await (await browser.PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId, password })).JsonAsync(HttpStatusCode.OK);
        return browser;
    }
}
