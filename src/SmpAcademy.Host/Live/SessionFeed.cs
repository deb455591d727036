using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Host.Live;

/// <summary>
/// This host's one subscription point for live sessions (GPSTracker style): the session grains push
/// every update to this observer, wherever they run in the cluster, and it fans each one out to the
/// SignalR group of the session, in arrival order. Subscriptions are renewed while anyone here watches.
/// <para>
/// A session grain keeps its subscribers in memory, so when its silo dies the new activation elsewhere
/// knows no one. Two things keep the watchers here whole: when the cluster declares a silo dead this
/// feed subscribes again at once (and twice more as the directory settles), and it remembers the last
/// sequence it sent each group, so a jump in sequence (dots recorded while nobody was subscribed, or
/// updates overtaking each other on the way) is filled from the grain before the update goes out, and
/// a repeat is dropped; every subscription and renewal also catches up from that sequence. Watchers see
/// every dot once, in order.
/// </para>
/// </summary>
public sealed partial class SessionFeed(
    IGrainFactory grains, IHubContext<InstructorHub> instructors, IHubContext<TraineeHub> trainees, IClusterMembershipService membership, ILocalSiloDetails silo, ILogger<SessionFeed> log)
    : BackgroundService, ISessionFeedObserver
{
    /// <summary>Renewal also heals a subscription lost any other way (it catches up from the last dot sent), so it is frequent.</summary>
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan[] AfterDeath = [TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)];
    private const int CatchUpLimit = Domain.Limits.DotsPerBatch;
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> _watchers = new();
    private readonly ConcurrentDictionary<Guid, long> _sent = new();
    private readonly Channel<object> _work = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private ISessionFeedObserver? _reference;

    /// <summary>Asks the reader to send whatever the session recorded after the last dot sent to its group.</summary>
    private sealed record CatchUp(Guid SessionId);

    public static string Group(Guid sessionId) => $"session-{sessionId:N}";

    private ISessionFeedObserver Reference => _reference ??= grains.CreateObjectReference<ISessionFeedObserver>(this);

    public async Task WatchAsync(Guid sessionId, string connectionId)
    {
        _watchers.GetOrAdd(sessionId, _ => new())[connectionId] = 0;
        await grains.GetGrain<IPracticeSessionGrain>(sessionId).Subscribe(Reference, silo.SiloAddress);
    }

    /// <summary>The watcher fetched the session up to <paramref name="lastSequence"/> itself; if this host sent nothing
    /// of it yet, live dots continue from there.</summary>
    public void Fetched(Guid sessionId, long lastSequence) => _sent.TryAdd(sessionId, lastSequence);

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
        _work.Writer.TryWrite(update);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renewing = RenewAsync(stoppingToken);
        var following = FollowMembershipAsync(stoppingToken);
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
            {
                var update = work is LiveUpdate live ? await InOrderAsync(live) : await CatchUpAsync(((CatchUp)work).SessionId);
                if (update is not null)
                {
                    // The same group name on both hubs: watching instructors, and the trainee following their own session.
                    await instructors.Clients.Group(Group(update.SessionId)).SendAsync("updated", update, stoppingToken);
                    await trainees.Clients.Group(Group(update.SessionId)).SendAsync("updated", update, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await renewing;
        await following;
    }

    /// <summary>The update without dots already sent, preceded by any dots between the last sent and its first.</summary>
    private async Task<LiveUpdate> InOrderAsync(LiveUpdate update)
    {
        if (!_sent.TryGetValue(update.SessionId, out var sent) || update.Dots.Count == 0)
        {
            if (update.Dots.Count > 0)
                _sent[update.SessionId] = update.Dots[^1].Sequence;
            return update;
        }

        var dots = update.Dots.Where(d => d.Sequence > sent).ToList();
        if (dots.Count > 0 && dots[0].Sequence > sent + 1)
        {
            var missed = await MissedAsync(update.SessionId, sent, dots[0].Sequence - 1);
            LogFilled(update.SessionId, missed.Count, sent + 1, dots[0].Sequence - 1);
            dots.InsertRange(0, missed);
        }
        if (dots.Count > 0)
            _sent[update.SessionId] = dots[^1].Sequence;
        return update with { Dots = dots };
    }

    private async Task<LiveUpdate?> CatchUpAsync(Guid sessionId)
    {
        if (!_sent.TryGetValue(sessionId, out var sent))
            return null;
        try
        {
            var view = await grains.GetGrain<IPracticeSessionGrain>(sessionId).GetView(sent + 1, CatchUpLimit);
            if (view is null || view.Dots.Count == 0)
                return null;
            _sent[sessionId] = view.Dots[^1].Sequence;
            LogCaughtUp(sessionId, view.Dots.Count, sent + 1);
            return new LiveUpdate(sessionId, view.Dots.Select(d => ScoredDot.From(d)).ToArray(), view.Status, view.Stats, []);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCatchUpFailed(e, sessionId);
            return null;
        }
    }

    private async Task<IReadOnlyList<ScoredDot>> MissedAsync(Guid sessionId, long after, long through)
    {
        try
        {
            var view = await grains.GetGrain<IPracticeSessionGrain>(sessionId).GetView(after + 1, (int)Math.Min(through - after, CatchUpLimit));
            return view?.Dots.Where(d => d.Sequence <= through).Select(d => ScoredDot.From(d)).ToArray() ?? [];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCatchUpFailed(e, sessionId);
            return []; // the watcher sees the jump in sequence and can ask for the backlog
        }
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
                    if (connections.IsEmpty && _watchers.TryRemove(sessionId, out _))
                    {
                        _sent.TryRemove(sessionId, out _);
                        await TryAsync(sessionId, s => s.Unsubscribe(Reference));
                    }
                    else if (await TryAsync(sessionId, s => s.Subscribe(Reference, silo.SiloAddress)))
                    {
                        _work.Writer.TryWrite(new CatchUp(sessionId));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>When a silo is declared dead, the sessions it ran come back elsewhere without subscribers: subscribe again now.</summary>
    private async Task FollowMembershipAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var newlyDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).Select(m => m.SiloAddress).ToList();
                if (newlyDead.Count > 0 && !_watchers.IsEmpty)
                {
                    LogResubscribing(newlyDead, _watchers.Count);
                    _ = ResubscribeAfterDeathAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Orleans' grain directory takes a moment to settle after a death: a call may still be routed to the dead silo, and a
    /// grain may briefly be activated twice before one copy is dropped; a subscription that reached the dropped copy is
    /// lost. So subscribe again at once and twice more as the directory settles (the renewal covers anything later).
    /// </summary>
    private async Task ResubscribeAfterDeathAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var pause in AfterDeath)
            {
                await Task.Delay(pause, stoppingToken);
                await Task.WhenAll(_watchers.Keys.Select(s => ResubscribeAsync(s, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Right after a death the cluster may still route a call to the dead silo: retry for a while.</summary>
    private async Task ResubscribeAsync(Guid sessionId, CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= 10 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            if (await TryAsync(sessionId, s => s.Subscribe(Reference, silo.SiloAddress), log: attempt == 10))
            {
                _work.Writer.TryWrite(new CatchUp(sessionId));
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), stoppingToken);
        }
    }

    private async Task<bool> TryAsync(Guid sessionId, Func<IPracticeSessionGrain, Task> call, bool log = true)
    {
        try
        {
            await call(grains.GetGrain<IPracticeSessionGrain>(sessionId));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (log)
                LogRenewalFailed(e, sessionId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "silo {Silos} declared dead: subscribing again to the {Sessions} sessions watched here")]
    private partial void LogResubscribing(IReadOnlyList<SiloAddress> silos, int sessions);

    [LoggerMessage(Level = LogLevel.Information, Message = "session {SessionId}: {Count} dots of {From}–{Through} fetched from the grain to close a gap in the live feed")]
    private partial void LogFilled(Guid sessionId, int count, long from, long through);

    [LoggerMessage(Level = LogLevel.Information, Message = "session {SessionId}: {Count} dots from {From} on fetched after subscribing again")]
    private partial void LogCaughtUp(Guid sessionId, int count, long from);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not renew the live feed of session {SessionId}")]
    private partial void LogRenewalFailed(Exception exception, Guid sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not fetch the dots the live feed of session {SessionId} missed")]
    private partial void LogCatchUpFailed(Exception exception, Guid sessionId);
}
