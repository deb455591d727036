using Microsoft.Extensions.Logging;
using SmpAcademy.Domain;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Grains.Journaling;

/// <summary>
/// A grain whose state is the fold of its own Marten stream: read once on activation, then kept by applying
/// each decided command's events. Decisions see <see cref="TentativeState"/> (confirmed plus in-flight);
/// readers see <see cref="State"/> (durable only). Commands decided while a write is in flight go out
/// together in the next one (group commit inside the grain; <see cref="GroupCommit"/> then joins grains).
/// A failed write is never retried here: its callers get a refusal that says whether it may have landed,
/// and the grain rebuilds from the stream before it decides or answers anything else, so what it holds is
/// always what is stored. A request with an idempotency key is answered once: a retry gets the original
/// events back, from memory or, after a reactivation or restart, from the keys recorded in the stream.
/// </summary>
public abstract partial class JournaledStreamGrain<TState> : Grain where TState : class, new()
{
    private static readonly TimeSpan[] RecoveryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];
    private readonly MartenJournal _journal;
    private readonly ILogger _log;
    private readonly Dictionary<string, Answer> _answered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingWrite> _inFlight = new(StringComparer.Ordinal);
    private List<PendingWrite> _queue = [];
    private bool _writing;
    private bool _diverged;
    private Task? _reloading;

    protected JournaledStreamGrain(MartenJournal journal, ILogger log) => (_journal, _log) = (journal, log);

    protected abstract string Stream { get; }

    /// <summary>What the stream holds: every event confirmed durable.</summary>
    protected TState State { get; private set; } = new();

    /// <summary><see cref="State"/> plus the events decided but not yet confirmed: what decisions build on.</summary>
    protected TState TentativeState { get; private set; } = new();

    /// <summary>Events in the stream.</summary>
    protected int Version { get; private set; }

    protected abstract void Apply(TState state, object @event);

    /// <summary>After the state was (re)built from the stream: rebuild whatever else the grain keeps beside it.</summary>
    protected virtual Task OnLoadedAsync(TState state, IReadOnlyList<object> events, bool recovering) => Task.CompletedTask;

    /// <summary>After events became durable, in stream order.</summary>
    protected virtual void OnConfirmed(IReadOnlyList<object> events)
    {
    }

    /// <summary>
    /// What to store beside a write, in its transaction: given the state as it will be once the write lands.
    /// Runs before the write's first await, so what it returns must not read the state later.
    /// </summary>
    protected virtual Action<Marten.IDocumentOperations>? Alongside(TState written) => null;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadOrThrowAsync(recovering: false);

    /// <summary>
    /// Decides and records one command, once per key: <paramref name="decide"/> returns the events to record or
    /// the refusal. It runs against the current tentative state, with no await between it and the write.
    /// </summary>
    /// <param name="request">What was asked, in words that differ whenever the request does: a retry must match it.</param>
    protected async Task<Recorded> RecordAsync(string? requestId, string request, Func<TState, Decision> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var (key, malformed) = RequestKey.Parse(requestId);
        if (malformed is not null)
            return new Recorded([], malformed);
        var tag = key is { } k ? new WriteTag(k.Value, RequestKey.Digest(request), 0) : null;
        var actor = ActingPrincipal.Current; // read before any await: it is the caller's
        var deadline = WriteRefusals.Deadline(); // one for the whole request, however many waits it takes
        while (true)
        {
            try
            {
                await EnsureCurrentAsync().WaitAsync(WriteRefusals.Remaining(deadline));
            }
            catch (EventStoreUnavailableException e)
            {
                return new Recorded([], Refusal.Unavailable($"{e.Message}; nothing of this request was recorded: retry"));
            }
            catch (TimeoutException)
            {
                return new Recorded([], WriteRefusals.StillReading); // the rebuild goes on for the next call
            }

            if (_diverged)
                continue; // a write failed while this call waited its turn
            if (tag is not null && _answered.TryGetValue(tag.Key, out var answer))
                return answer.Request == tag.Request ? new Recorded(answer.Events, null, Replayed: true) : new Recorded([], RequestKey.Reused);
            if (tag is not null && _inFlight.TryGetValue(tag.Key, out var flying))
            {
                // The same request is being written: answer as it is answered, or say it is not yet known.
                if (!await WriteRefusals.SettlesInTimeAsync(flying.Done.Task, deadline))
                    return new Recorded([], WriteRefusals.Unconfirmed);
                continue;
            }

            var decision = decide(TentativeState);
            if (decision.Refusal is not null)
                return new Recorded([], decision.Refusal);
            var write = WriteAsync(decision.Events, tag is null ? null : tag with { Events = decision.Events.Count }, actor);
            if (!await WriteRefusals.SettlesInTimeAsync(write, deadline))
                return new Recorded([], WriteRefusals.Unconfirmed); // the write goes on: it lands or fails, and the state follows
            var refused = await write;
            return refused is null ? new Recorded(decision.Events, null) : new Recorded([], refused);
        }
    }

    /// <summary>The answer already recorded for this key and request, if any: for commands that must know before they act.</summary>
    protected async Task<Recorded?> RecallAsync(string? requestId, string request) =>
        requestId is null ? null : await RecordAsync(requestId, request, _ => NotYet) is { } r && r.Refusal != NotYet ? r : null;

    private static readonly Refusal NotYet = new(RefusalKind.Conflict, "not-yet-recorded", "");

    /// <summary>Before answering from memory: if the last write failed, the state is first rebuilt from the stream.</summary>
    protected async Task EnsureCurrentAsync()
    {
        while (_diverged)
        {
            var reload = _reloading ??= LoadOrThrowAsync(recovering: true);
            try
            {
                await reload;
            }
            finally
            {
                if (_reloading == reload)
                    _reloading = null;
            }
        }
    }

    private Task<Refusal?> WriteAsync(IReadOnlyList<object> events, WriteTag? tag, Domain.Audit.Actor? actor)
    {
        if (_diverged)
            throw new InvalidOperationException("a decision was made on a state the store no longer confirms");
        if (events.Count == 0)
            return Task.FromResult<Refusal?>(null);
        foreach (var e in events)
            Apply(TentativeState, e);
        var pending = new PendingWrite(events, tag, actor);
        if (tag is not null)
            _inFlight[tag.Key] = pending;
        _queue.Add(pending);
        if (!_writing)
            _ = PumpAsync();
        return pending.Done.Task;
    }

    private async Task PumpAsync()
    {
        _writing = true;
        try
        {
            while (_queue.Count > 0)
            {
                var batch = _queue;
                _queue = [];
                var (events, tags, actors) = PendingWrite.Join(batch);
                var failure = await AppendAsync(events, tags, actors);
                if (failure is null)
                {
                    Confirm(batch, events);
                    continue;
                }

                Fail(batch, failure);
                Fail(_queue, WriteRefusals.NotSent);
                _queue = [];
                _diverged = true;
                _ = RecoverSoonAsync();
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private async Task<Refusal?> AppendAsync(IReadOnlyList<object> events, IReadOnlyList<WriteTag?>? tags, IReadOnlyList<Domain.Audit.Actor?> actors)
    {
        try
        {
            // Nothing is queued behind this write yet, so the tentative state is the state this write leaves.
            var alongside = Alongside(TentativeState);
            return await _journal.AppendAsync(Stream, Version, events, tags, actors, alongside) ? null : WriteRefusals.ChangedElsewhere;
        }
        catch (Exception e)
        {
            var refusal = WriteRefusals.For(e);
            LogWriteFailed(Stream, events.Count, refusal.Code, e.GetBaseException().Message);
            return refusal;
        }
    }

    private void Confirm(List<PendingWrite> batch, IReadOnlyList<object> events)
    {
        Version += events.Count;
        foreach (var e in events)
            Apply(State, e);
        foreach (var p in batch)
        {
            if (p.Tag is { } tag)
            {
                _answered[tag.Key] = new Answer(tag.Request, p.Events);
                _inFlight.Remove(tag.Key);
            }
        }

        OnConfirmed(events);
        foreach (var p in batch)
            p.Done.TrySetResult(null);
    }

    private void Fail(List<PendingWrite> writes, Refusal refusal)
    {
        foreach (var p in writes)
        {
            if (p.Tag is { } tag)
                _inFlight.Remove(tag.Key);
            p.Done.TrySetResult(refusal);
        }
    }

    /// <summary>Rebuilds soon after a failed write even if no call comes, so durable events that landed anyway reach watchers.</summary>
    private async Task RecoverSoonAsync()
    {
        foreach (var delay in RecoveryDelays)
        {
            await Task.Delay(delay);
            if (!_diverged)
                return;
            try
            {
                await EnsureCurrentAsync();
                return;
            }
            catch (EventStoreUnavailableException)
            {
                // still out of reach: the next call, or the next attempt, tries again
            }
        }
    }

    /// <summary>Loads the stream; an unreachable store surfaces as <see cref="EventStoreUnavailableException"/>, which callers can be told.</summary>
    private async Task LoadOrThrowAsync(bool recovering)
    {
        try
        {
            await LoadAsync(recovering);
        }
        catch (Exception e) when (e is StoreUnavailableException || StoreFailures.IsOutage(e))
        {
            throw new EventStoreUnavailableException($"the event store is out of reach ({StoreFailures.Describe(e)})");
        }
    }

    private async Task LoadAsync(bool recovering)
    {
        var stored = await _journal.ReadEventsAsync(Stream);
        var (confirmed, tentative) = (new TState(), new TState());
        var data = new object[stored.Count];
        var answered = new Dictionary<string, Answer>(StringComparer.Ordinal);
        for (var i = 0; i < stored.Count; i++)
        {
            data[i] = EventCatalog.Upcast(stored[i].Data);
            Apply(confirmed, data[i]);
            Apply(tentative, data[i]);
            if (WriteTag.ReadFrom(stored[i]) is { } tag)
                answered[tag.Key] = new Answer(tag.Request, new ArraySegment<object>(data, i, Math.Min(tag.Events, stored.Count - i)));
        }

        await OnLoadedAsync(confirmed, data, recovering);
        if (recovering && stored.Count < Version)
            LogStoreBehind(Stream, Version, stored.Count);
        else if (recovering)
            LogRecovered(Stream, Version, stored.Count);
        (State, TentativeState, Version) = (confirmed, tentative, stored.Count);
        _answered.Clear();
        foreach (var (key, answer) in answered)
            _answered[key] = answer;
        _diverged = false;
        if (recovering && stored.Count > 0)
            OnConfirmed([]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "writing {Count} events to {Stream} failed ({Code}): {Reason}; the grain rebuilds from the stream before its next answer")]
    private partial void LogWriteFailed(string stream, int count, string code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Stream} rebuilt from the store after a failed write: {Before} events confirmed before, {After} stored")]
    private partial void LogRecovered(string stream, int before, int after);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Stream} holds {After} events but {Before} were confirmed durable: the store lost acknowledged events")]
    private partial void LogStoreBehind(string stream, int before, int after);

    private sealed record Answer(string Request, IReadOnlyList<object> Events);
}
