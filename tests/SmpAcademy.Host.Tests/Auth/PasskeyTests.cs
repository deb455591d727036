using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmpAcademy.Host.Accounts;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>
/// Passkeys of embedded accounts, attacked with an authenticator in software (<see cref="SoftPasskey"/>): an answer
/// is good once, only from this host's pages, only for a standing account, and only its owner manages a passkey.
/// </summary>
[NonParallelizable]
public class PasskeyTests : AccountsFixture
{
    private const string TiaPassword = "tia's own long passphrase";

    private HttpClient _root = null!;
    private HttpClient _tia = null!;

    [OneTimeSetUp]
    public async Task MakeAccounts()
    {
        _root = await MakeFirstAdminAsync();
        _tia = Browser();
        var invite = await InviteAsync(_root, "trainee");
        await (await AcceptInvitationAsync(_tia, invite, "tia", TiaPassword)).JsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_passkey_signs_its_account_in_and_one_answer_signs_in_once_even_sent_twice_at_once()
    {
        // Kept at 0, as synced passkeys keep it: the counter cannot catch a replay, so the one-time ceremony must.
        using var passkey = new SoftPasskey("http://localhost") { Counts = false };
        var added = await AddAsync(_root, AdminPassword, passkey, "soft key");
        Assert.That(((string?)added["name"], (string?)added["lastUsedAt"]), Is.EqualTo(("soft key", (string?)null)));

        var (answer, ceremony) = await AnswerAsync(passkey);
        var twice = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => SignInWith(answer, ceremony)));
        var signedIn = twice.Single(r => r.StatusCode == HttpStatusCode.OK);
        await twice.Single(r => r != signedIn).ProblemAsync(HttpStatusCode.Forbidden, "no-passkey-ceremony");
        var me = await (await WithCookies(signedIn).GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((string?)me["userId"], (string?)me["role"], (bool?)me["account"]), Is.EqualTo(("root", "admin", true)));

        var listed = await (await _root.GetAsync("/api/account/passkeys")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string?)listed.AsArray().Single()!["lastUsedAt"], Is.Not.Null);
        await (await _root.DeleteAsync($"/api/account/passkeys/{added["id"]}")).JsonAsync(HttpStatusCode.NoContent);
        var (again, againCeremony) = await AnswerAsync(passkey);
        await (await SignInWith(again, againCeremony)).ProblemAsync(HttpStatusCode.Forbidden, "bad-passkey");
    }

    [Test]
    public async Task An_answer_made_on_another_sites_page_is_refused()
    {
        using var passkey = new SoftPasskey("https://academy.evil.example");
        var options = await (await _tia.PostAsJsonAsync("/api/account/passkeys/options", new { password = TiaPassword })).JsonAsync(HttpStatusCode.OK);
        await (await _tia.PostAsJsonAsync("/api/account/passkeys", new { credential = passkey.Create(options) })).ProblemAsync(HttpStatusCode.Forbidden, "bad-passkey");

        passkey.Origin = "http://localhost";
        await AddAsync(_tia, TiaPassword, passkey, "phished");
        passkey.Origin = "https://academy.evil.example"; // a relaying phishing page
        var (answer, ceremony) = await AnswerAsync(passkey);
        await (await SignInWith(answer, ceremony)).ProblemAsync(HttpStatusCode.Forbidden, "bad-passkey");
        await (await PostFrom("https://academy.evil.example", "/auth/passkey/options")).ProblemAsync(HttpStatusCode.Forbidden, "cross-site");
    }

    [Test]
    public async Task A_disabled_accounts_passkey_signs_nobody_in()
    {
        var dana = Browser();
        await (await AcceptInvitationAsync(dana, await InviteAsync(_root, "instructor"), "dana", "dana's long passphrase")).JsonAsync(HttpStatusCode.OK);
        using var passkey = new SoftPasskey("http://localhost");
        await AddAsync(dana, "dana's long passphrase", passkey, "dana's");
        await (await _root.PostAsync("/api/admin/accounts/dana/disable", null)).JsonAsync(HttpStatusCode.NoContent);
        var (answer, ceremony) = await AnswerAsync(passkey);
        await (await SignInWith(answer, ceremony)).ProblemAsync(HttpStatusCode.Forbidden, "disabled");
    }

    [Test]
    public async Task Only_the_account_itself_adds_lists_and_removes_its_passkeys()
    {
        await (await Anonymous().GetAsync("/api/account/passkeys")).ProblemAsync(HttpStatusCode.Unauthorized);
        // A stolen session without the password cannot plant a passkey of its own.
        await (await _tia.PostAsJsonAsync("/api/account/passkeys/options", new { password = "a guess at tia's password" })).ProblemAsync(HttpStatusCode.Forbidden, "bad-credentials");
        // An answer to no ceremony, or to another account's.
        using var passkey = new SoftPasskey("http://localhost");
        var rootOptions = await (await _root.PostAsJsonAsync("/api/account/passkeys/options", new { password = AdminPassword })).JsonAsync(HttpStatusCode.OK);
        await (await _tia.PostAsJsonAsync("/api/account/passkeys", new { credential = passkey.Create(rootOptions) })).ProblemAsync(HttpStatusCode.Forbidden, "no-passkey-ceremony");

        var rootKey = await AddAsync(_root, AdminPassword, passkey, "root's");
        await (await _tia.DeleteAsync($"/api/account/passkeys/{rootKey["id"]}")).ProblemAsync(HttpStatusCode.NotFound, "no-passkey");
        var tias = await (await _tia.GetAsync("/api/account/passkeys")).JsonAsync(HttpStatusCode.OK);
        Assert.That(tias.AsArray().Select(p => (string?)p!["id"]), Does.Not.Contain((string?)rootKey["id"]));

        var options = await (await _tia.PostAsJsonAsync("/api/account/passkeys/options", new { password = TiaPassword })).JsonAsync(HttpStatusCode.OK);
        using var another = new SoftPasskey("http://localhost");
        await (await _tia.PostAsJsonAsync("/api/account/passkeys", new { credential = another.Create(options), name = "line\nbreak" })).ProblemAsync(HttpStatusCode.BadRequest, "bad-passkey-name");
    }

    private static async Task<JsonNode> AddAsync(HttpClient account, string password, SoftPasskey passkey, string name)
    {
        var options = await (await account.PostAsJsonAsync("/api/account/passkeys/options", new { password })).JsonAsync(HttpStatusCode.OK);
        return await (await account.PostAsJsonAsync("/api/account/passkeys", new { credential = passkey.Create(options), name })).JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>A signed answer to fresh sign-in options, and the ceremony cookie that goes with it.</summary>
    private async Task<(JsonObject Answer, string Ceremony)> AnswerAsync(SoftPasskey passkey)
    {
        var response = await PostFrom("http://localhost", $"{PasskeyEndpoints.SignInPath}/options");
        var options = await response.JsonAsync(HttpStatusCode.OK);
        var ceremony = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(PasskeyChallenges.Cookie + "=", StringComparison.Ordinal)).Split(';')[0];
        return (passkey.Sign(options), ceremony);
    }

    private Task<HttpResponseMessage> SignInWith(JsonObject answer, string ceremony)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, PasskeyEndpoints.SignInPath) { Content = JsonContent.Create(new { credential = answer }) };
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add("Cookie", ceremony);
        return Anonymous().SendAsync(request);
    }

    private Task<HttpResponseMessage> PostFrom(string origin, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Origin", origin);
        return Anonymous().SendAsync(request);
    }

    /// <summary>A client carrying the session cookie a sign-in answer set.</summary>
    private HttpClient WithCookies(HttpResponseMessage signedIn)
    {
        var client = Anonymous();
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("smp.session", StringComparison.Ordinal)).Split(';')[0];
        client.DefaultRequestHeaders.Add("Cookie", session);
        return client;
    }
}
