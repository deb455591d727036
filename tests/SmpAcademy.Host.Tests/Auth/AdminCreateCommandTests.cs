using System.Net;
using System.Net.Http.Json;
using SmpAcademy.Host.Accounts;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>
/// <c>admin create</c> from the server's console, as its own process on the host's database: it makes an admin who can
/// sign in, takes the password only from standard input, refuses bad names, weak passwords and taken names, and ends
/// first-admin setup so the printed code no longer works.
/// </summary>
public class AdminCreateCommandTests : AccountsFixture
{
    private const string Password = "a console-made passphrase";

    [Test]
    public async Task The_console_makes_an_admin_and_setup_is_then_over()
    {
        var code = (await File.ReadAllTextAsync(SetupCodeFile)).Trim();
        var (exit, output) = await HostRun.RunTypingAsync(HostSettings, Password + "\n", "admin", "create", "ops");
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("admin 'ops' created").And.Not.Contain(Password));
        Assert.That(File.Exists(SetupCodeFile), Is.False);

        var ops = Browser();
        var signedIn = await (await ops.PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "ops", password = Password })).JsonAsync(HttpStatusCode.OK);
        Assert.That((string?)signedIn["role"], Is.EqualTo("admin"));

        // This running host still holds the code, but the database says an admin exists: no second first admin.
        await (await Browser().PostAsJsonAsync(AccountEndpoints.SetupPath, new { code, userId = "mallory", password = Password }))
            .ProblemAsync(HttpStatusCode.Conflict, "setup-done");
        await (await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = "mallory", password = Password }))
            .ProblemAsync(HttpStatusCode.Forbidden, "bad-credentials");
        await RestartHostAsync();
        await (await Browser().PostAsJsonAsync(AccountEndpoints.SetupPath, new { code, userId = "mallory", password = Password }))
            .ProblemAsync(HttpStatusCode.Forbidden, "bad-setup-code");

        (exit, output) = await HostRun.RunTypingAsync(HostSettings, Password + "\n", "admin", "create", "ops");
        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("the user name 'ops' is taken"));
    }

    [TestCase("Ops\n", Password, "is not a user name")]
    [TestCase("ops2", "short", "at least 12 characters")]
    [TestCase("ops3", "aaaaaaaaaaaaaaaa", "at least 4 different characters")]
    [TestCase("ops4", "", "a password is 12 to 256 characters")]
    public async Task A_bad_name_or_password_makes_nothing(string userId, string password, string said)
    {
        var (exit, output) = await HostRun.RunTypingAsync(HostSettings, password + "\n", "admin", "create", userId);
        Assert.That(exit, Is.Not.Zero, output);
        Assert.That(output, Does.Contain(said));
        await (await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId = userId.Trim(), password }))
            .ProblemAsync(HttpStatusCode.Forbidden, "bad-credentials");
    }

    [Test]
    public async Task With_no_user_name_it_says_how_it_is_used()
    {
        var (exit, output) = await HostRun.RunTypingAsync(HostSettings, "", "admin", "create");
        Assert.That((exit, output.Contains("usage: admin create USER", StringComparison.Ordinal)), Is.EqualTo((2, true)), output);
    }
}
