using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Host.Accounts;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>
/// An account's open hub socket ends when an admin disables the account or changes its role, not only its next
/// request: each host re-checks its account connections (every half second here, 30 s by default).
/// </summary>
[NonParallelizable]
public class OpenConnectionsTests : AccountsFixture
{
    private const string Passphrase = "a connected person's passphrase";

    protected override bool OnKestrel => true;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Smp__ConnectionRecheckSeconds"] = "0.5" };

    private HttpClient _root = null!;

    [OneTimeSetUp]
    public async Task MakeAdmin() => _root = await MakeFirstAdminAsync();

    [TestCase("trainee", "/hubs/trainee", "disable")]
    [TestCase("instructor", "/hubs/instructor", "role")]
    public async Task A_disabled_or_changed_accounts_open_hub_connection_is_closed(string role, string hub, string change)
    {
        var userId = $"{role[..3]}-{change}";
        await (await AcceptInvitationAsync(Browser(), await InviteAsync(_root, role), userId, Passphrase)).JsonAsync(HttpStatusCode.OK);
        await using var connection = await ConnectAsync(userId, hub);
        var closed = new TaskCompletionSource();
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(connection.State, Is.EqualTo(HubConnectionState.Connected), "re-checks leave a standing account's connection open");

        var changed = change == "disable"
            ? await _root.PostAsync($"/api/admin/accounts/{userId}/disable", null)
            : await _root.PutAsJsonAsync($"/api/admin/accounts/{userId}", new { role = "trainee" });
        await changed.JsonAsync(HttpStatusCode.NoContent);
        Assert.That(await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(closed.Task), "the connection was not closed");
    }

    /// <summary>A hub connection with the session cookie of a password sign-in, from this host's pages, as a browser makes it.</summary>
    private async Task<HubConnection> ConnectAsync(string userId, string hub)
    {
        var signedIn = await Browser().PostAsJsonAsync(AccountEndpoints.PasswordPath, new { userId, password = Passphrase });
        await signedIn.JsonAsync(HttpStatusCode.OK);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("smp.session=", StringComparison.Ordinal)).Split(';')[0]["smp.session=".Length..];
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, hub), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.Cookies.Add(BaseAddress, new Cookie("smp.session", session));
                o.Headers["Origin"] = BaseAddress.GetLeftPart(UriPartial.Authority);
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
