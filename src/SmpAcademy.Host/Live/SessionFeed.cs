using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Host.Live;

/// <summary>
/// This host's one subscription point for live sessions (GPSTracker style): the session grains push
/// every update to this observer, wherever they run in the cluster, and it fans each one out to the
/// SignalR group of the session, in arrival order. Subscriptions are renewed while anyone here watches.
/// </summary>
public sealed partial class SessionFeed(IGrainFactory grains, IHubContext<InstructorHub> hub, ILogger<SessionFeed> log) : BackgroundService, ISessionFeedObserver
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> _watchers = new();
    private readonly Channel<LiveUpdate> _updates = Channel.CreateUnbounded<LiveUpdate>(new UnboundedChannelOptions { SingleReader = true });
    private ISessionFeedObserver? _reference;

    public static string Group(Guid sessionId) => $"session-{sessionId:N}";

    private ISessionFeedObserver Reference => _reference ??= grains.CreateObjectReference<ISessionFeedObserver>(this);

    public async Task WatchAsync(Guid sessionId, string connectionId)
    {
        _watchers.GetOrAdd(sessionId, _ => new())[connectionId] = 0;
        await grains.GetGrain<IPracticeSessionGrain>(sessionId).Subscribe(Reference);
    }

    public void Unwatch(Guid sessionId, string connectionId)
    {
        if (_watchers.TryGetValue(sessionId, out var connections))
            connections.TryRemove(connectionId, out _);
    }

    public void Forget(string connectionId)
    {
        foreach (var connections in _watchers.Values)
            connections.TryRemove(connectionId, out _);
    }

    public Task Updated(LiveUpdate update)
    {
        _updates.Writer.TryWrite(update);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renewing = RenewAsync(stoppingToken);
        try
        {
            await foreach (var update in _updates.Reader.ReadAllAsync(stoppingToken))
                await hub.Clients.Group(Group(update.SessionId)).SendAsync("updated", update, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await renewing;
    }

    private async Task RenewAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Renewal);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var (sessionId, connections) in _watchers)
                {
                    var session = grains.GetGrain<IPracticeSessionGrain>(sessionId);
                    try
                    {
                        if (connections.IsEmpty && _watchers.TryRemove(sessionId, out _))
                            await session.Unsubscribe(Reference);
                        else
                            await session.Subscribe(Reference);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogRenewalFailed(e, sessionId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not renew the live feed of session {SessionId}")]
    private partial void LogRenewalFailed(Exception exception, Guid sessionId);
}
