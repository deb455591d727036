using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmpAcademy.Host.Accounts;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>
/// Admins invite people with one-time links: the link gives exactly the role (and body) the admin chose, works once,
/// expires, and its secret is not in the database. Assignments name only people who have accounts, in their roles.
/// </summary>
public class InvitationTests : AccountsFixture
{
    private const string Passphrase = "an invited person's passphrase";

    private HttpClient _root = null!;

    [OneTimeSetUp]
    public async Task MakeAdmin() => _root = await MakeFirstAdminAsync();

    private Task<string> InviteAsync(string role, string? bodyId = null) => InviteAsync(_root, role, bodyId);

    private static Task<HttpResponseMessage> AcceptAsync(HttpClient browser, string invite, string userId, string password = Passphrase) =>
        AcceptInvitationAsync(browser, invite, userId, password);

    [Test]
    public async Task An_invitation_makes_one_account_of_its_role_once()
    {
        var invite = await InviteAsync("trainee");
        var ada = Browser();
        var signedIn = await (await AcceptAsync(ada, invite, "ada")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((string?)signedIn["userId"], (string?)signedIn["role"]), Is.EqualTo(("ada", "trainee")));
        var me = await (await ada.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string?)me["role"], Is.EqualTo("trainee"));
        await ada.EnrollAsync("ada");

        await (await AcceptAsync(Browser(), invite, "ada2")).ProblemAsync(HttpStatusCode.Forbidden, "bad-invitation");
        await (await ada.PostAsJsonAsync("/api/admin/invitations", new { role = "admin" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await Anonymous().PostAsJsonAsync("/api/admin/invitations", new { role = "admin" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "ada", password = Passphrase })).JsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task An_auditors_invitation_names_a_real_body_and_the_account_audits_for_it()
    {
        await (await _root.PostAsJsonAsync("/api/admin/invitations", new { role = "auditor" })).ProblemAsync(HttpStatusCode.BadRequest, "bad-body");
        await (await _root.PostAsJsonAsync("/api/admin/invitations", new { role = "auditor", bodyId = "no-such-body" })).ProblemAsync(HttpStatusCode.BadRequest, "bad-body");
        await (await _root.PostAsJsonAsync("/api/admin/invitations", new { role = "trainee", bodyId = "smp-guild" })).ProblemAsync(HttpStatusCode.BadRequest, "bad-body");
        await (await _root.PostAsJsonAsync("/api/admin/invitations", new { role = "superuser" })).ProblemAsync(HttpStatusCode.BadRequest, "unknown-role");

        var gus = Browser();
        await (await AcceptAsync(gus, await InviteAsync("auditor", "smp-guild"), "gus")).JsonAsync(HttpStatusCode.OK);
        var me = await (await gus.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((string?)me["role"], (string?)me["body"]), Is.EqualTo(("auditor", "smp-guild")));
    }

    [Test]
    public async Task A_spent_expired_or_made_up_link_is_refused_and_a_taken_name_leaves_the_link_good()
    {
        await (await AcceptAsync(Browser(), "NOT-A-REAL-INVITATION", "eve")).ProblemAsync(HttpStatusCode.Forbidden, "bad-invitation");
        var expiring = await InviteAsync("instructor");
        Assert.That(await SqlAsync($"update {Schema}.mt_doc_invitation set data = jsonb_set(data, '{{ExpiresAt}}', to_jsonb('2020-01-01T00:00:00+00:00'::text)) where data->>'UsedBy' is null"), Is.GreaterThan(0));
        await (await AcceptAsync(Browser(), expiring, "ivy-late")).ProblemAsync(HttpStatusCode.Forbidden, "bad-invitation");

        var invite = await InviteAsync("instructor");
        await (await AcceptAsync(Browser(), invite, "root")).ProblemAsync(HttpStatusCode.Conflict, "user-name-taken");
        await (await AcceptAsync(Browser(), invite, "Ivy\n")).ProblemAsync(HttpStatusCode.BadRequest, "bad-user-id");
        await (await AcceptAsync(Browser(), invite, "ivy", "short")).ProblemAsync(HttpStatusCode.BadRequest, "weak-password");
        await (await AcceptAsync(Browser(), invite, "ivy")).JsonAsync(HttpStatusCode.OK);

        var elsewhere = Anonymous();
        elsewhere.DefaultRequestHeaders.Add("Origin", "https://evil.example");
        await (await AcceptAsync(elsewhere, await InviteAsync("trainee"), "mallory")).ProblemAsync(HttpStatusCode.Forbidden, "cross-site");
    }

    [Test]
    public async Task Two_people_racing_with_one_link_make_one_account()
    {
        var invite = await InviteAsync("trainee");
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => AcceptAsync(Browser(), invite, $"racer-{i}")));
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", answers.Select(a => a.StatusCode)));
        Assert.That(answers.Where(a => a.StatusCode != HttpStatusCode.OK).Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.Forbidden));
        var accounts = await (await _root.GetAsync("/api/admin/accounts")).JsonAsync(HttpStatusCode.OK);
        Assert.That(accounts.AsArray().Count(a => ((string)a!["userId"]!).StartsWith("racer-", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task The_database_keeps_no_usable_link_and_the_account_list_no_password_hash()
    {
        var invite = await InviteAsync("trainee");
        await using (var connection = new Npgsql.NpgsqlConnection(Testing.TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            await using var dump = new Npgsql.NpgsqlCommand($"select string_agg(id || data::text, ' ') from {Schema}.mt_doc_invitation", connection);
            Assert.That((string?)await dump.ExecuteScalarAsync(), Does.Not.Contain(invite));
        }

        var accounts = await (await _root.GetAsync("/api/admin/accounts")).JsonAsync(HttpStatusCode.OK);
        Assert.That(accounts.AsArray().Select(a => (string?)a!["userId"]), Does.Contain("root"));
        Assert.That(accounts.ToJsonString(), Does.Not.Contain("AQAAAA").And.Not.Contain("passwordHash").And.Not.Contain("securityStamp"));
    }

    [Test]
    public async Task An_assignment_names_an_existing_trainee_and_instructor()
    {
        var tia = Browser();
        await (await AcceptAsync(tia, await InviteAsync("trainee"), "tia")).JsonAsync(HttpStatusCode.OK);
        await tia.EnrollAsync("tia");
        await (await AcceptAsync(Browser(), await InviteAsync("instructor"), "ivna")).JsonAsync(HttpStatusCode.OK);
        await (await _root.PostAsJsonAsync("/api/trainees/nobody-such/instructors", new { instructorId = "ivna" })).ProblemAsync(HttpStatusCode.NotFound, "unknown-user");
        await (await _root.PostAsJsonAsync("/api/trainees/tia/instructors", new { instructorId = "nobody-such" })).ProblemAsync(HttpStatusCode.NotFound, "unknown-user");
        await (await _root.PostAsJsonAsync("/api/trainees/tia/instructors", new { instructorId = "root" })).ProblemAsync(HttpStatusCode.BadRequest, "wrong-role");
        await (await _root.PostAsJsonAsync("/api/trainees/tia/instructors", new { instructorId = "ivna" })).JsonAsync(HttpStatusCode.NoContent);
        var profile = await (await _root.GetAsync("/api/trainees/tia")).JsonAsync(HttpStatusCode.OK);
        Assert.That(profile["instructors"]!.AsArray().Select(i => (string?)i), Is.EqualTo(new[] { "ivna" }));
    }
}
