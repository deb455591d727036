using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmpAcademy.Host.Live;

namespace SmpAcademy.Host.Tests.Live;

/// <summary>
/// Hub sockets end when the host begins to stop, those opened after it began included: Kestrel goes on accepting for
/// a moment after SignalR closed the sockets it held, and a socket opened then held the host's drain for its whole
/// shutdown budget (the fault suite's hosts took 15–16 s to exit after SIGTERM).
/// </summary>
public class StoppingHubFilterTests
{
    [Test]
    public async Task A_connection_open_when_the_host_begins_to_stop_is_aborted()
    {
        using var lifetime = new Lifetime();
        var filter = new StoppingHubFilter(lifetime);
        var connection = new Connection();
        await filter.OnConnectedAsync(Context(connection), _ => Task.CompletedTask);
        Assert.That(connection.Aborted, Is.False);

        lifetime.StopApplication();
        Assert.That(connection.Aborted, Is.True);
    }

    [Test]
    public async Task A_connection_that_opens_while_the_host_stops_is_aborted_at_once()
    {
        using var lifetime = new Lifetime();
        lifetime.StopApplication();
        var connection = new Connection();
        await new StoppingHubFilter(lifetime).OnConnectedAsync(Context(connection), _ => Task.CompletedTask);
        Assert.That(connection.Aborted, Is.True);
    }

    [Test]
    public async Task A_closed_connection_is_let_go()
    {
        using var lifetime = new Lifetime();
        var filter = new StoppingHubFilter(lifetime);
        var connection = new Connection();
        var context = Context(connection);
        await filter.OnConnectedAsync(context, _ => Task.CompletedTask);
        await filter.OnDisconnectedAsync(context, null, (_, _) => Task.CompletedTask);

        lifetime.StopApplication();
        Assert.That((connection.Aborted, connection.Items.Count), Is.EqualTo((false, 0)));
    }

    [Test]
    public void A_connection_whose_hub_refused_it_is_let_go()
    {
        using var lifetime = new Lifetime();
        var connection = new Connection();
        Assert.ThrowsAsync<HubException>(() => new StoppingHubFilter(lifetime).OnConnectedAsync(Context(connection), _ => throw new HubException("no")));

        lifetime.StopApplication();
        Assert.That((connection.Aborted, connection.Items.Count), Is.EqualTo((false, 0)));
    }

    private static HubLifetimeContext Context(HubCallerContext connection) =>
        new(connection, new ServiceCollection().BuildServiceProvider(), new NoHub());

    private sealed class NoHub : Hub;

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();
    }

    private sealed class Connection : HubCallerContext
    {
        public bool Aborted { get; private set; }

        public override string ConnectionId => "c";

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => null;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort() => Aborted = true;
    }
}
