using System.Net;
using System.Net.Http.Json;
using SmpAcademy.Host.Accounts;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>Guessing an account's password: lockout, counted per account whatever the address, and not outrun in parallel.</summary>
public class AccountLockoutTests : AccountsFixture
{
    private HttpClient _root = null!;

    [OneTimeSetUp]
    public async Task MakeAdmin() => _root = await MakeFirstAdminAsync();

    [Test]
    public async Task Wrong_passwords_lock_the_account_and_then_even_the_right_one_is_refused()
    {
        await (await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "nobody", password = AdminPassword }))
            .ProblemAsync(HttpStatusCode.Forbidden, "bad-credentials");
        for (var attempt = 1; attempt < AccountSetup.FailuresBeforeLockout; attempt++)
            await (await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "root", password = $"guess number {attempt}" }))
                .ProblemAsync(HttpStatusCode.Forbidden, "bad-credentials");
        await (await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "root", password = "the last guess" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "locked-out");

        var locked = Browser();
        await (await locked.PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "root", password = AdminPassword }))
            .ProblemAsync(HttpStatusCode.Forbidden, "locked-out");
        await (await locked.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);

        // Once the lock has ended (its end moved into the past here, as 15 minutes would), the count starts again.
        Assert.That(await SqlAsync($"update {Schema}.mt_doc_account set data = jsonb_set(data, '{{LockoutEnd}}', to_jsonb('2020-01-01T00:00:00+00:00'::text)) where id = 'root' and (data->>'AccessFailedCount')::int >= 5"), Is.EqualTo(1));
        await (await locked.PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "root", password = AdminPassword })).JsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_burst_of_simultaneous_guesses_gets_no_more_tries_than_one_at_a_time()
    {
        var issued = await (await _root.PostAsJsonAsync("/api/admin/invitations", new { role = "trainee" })).JsonAsync(HttpStatusCode.Created);
        await (await Browser().PostAsJsonAsync(InvitationEndpoints.AcceptPath, new { invite = ((string)issued["path"]!)["/#invite=".Length..], userId = "bob", password = AdminPassword }))
            .JsonAsync(HttpStatusCode.OK);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            await (await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "bob", password = $"parallel guess {i}" })).ProblemAsync(HttpStatusCode.Forbidden)));
        var checkedAndWrong = answers.Count(a => a.Contains("do not match", StringComparison.Ordinal));
        Assert.That(checkedAndWrong, Is.LessThan(AccountSetup.FailuresBeforeLockout), "each 'wrong password' answer is a password that was tried");
        Assert.That(answers.Count(a => a.Contains("locked", StringComparison.Ordinal)), Is.EqualTo(answers.Length - checkedAndWrong));
        await (await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "bob", password = AdminPassword }))
            .ProblemAsync(HttpStatusCode.Forbidden, "locked-out");
    }
}
