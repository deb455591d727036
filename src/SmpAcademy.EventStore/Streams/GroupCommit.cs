using System.Threading.Channels;
using Marten;
using Marten.Services;

namespace SmpAcademy.EventStore.Streams;

/// <summary>
/// Commits the appends of many streams in one transaction. Each session appends a few dots at a time;
/// one commit (and fsync) per append caps throughput at the commit rate, so appends that arrive while
/// a commit is in flight go out together in the next one. Every append keeps its own expected-version
/// check; when one conflicts the whole transaction rolls back, and the batch is retried append by
/// append so only the conflicting one is refused. An outage fails the whole batch at once, and while
/// <see cref="Circuit"/> is open appends fail without trying.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    private const int MaxEventsPerCommit = 5_000;

    /// <summary>A commit that takes longer than this has met a stalled database: fail it rather than hang the caller.</summary>
    public const int CommitTimeoutSeconds = 5;
    private readonly IDocumentStore _store;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Task[] _writers;

    /// <param name="writers">Commits in flight at once: one fills while another waits on the disk.</param>
    public GroupCommit(IDocumentStore store, int writers = 2)
    {
        _store = store;
        Circuit = new StoreCircuit(store, TimeProvider.System);
        _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync))];
    }

    public StoreCircuit Circuit { get; }

    private sealed record Pending(string Stream, int Version, IReadOnlyList<object> Events, IReadOnlyList<EventStamp> Stamps, Action<IDocumentOperations>? Alongside, TaskCompletionSource Done);

    /// <summary>Completes when the events are committed; throws what the commit threw (a version conflict included).</summary>
    /// <param name="stamps">Each event's id, timestamp and headers (its link among them), as the journal sealed it.</param>
    /// <param name="alongside">Documents to store in the same transaction, if any.</param>
    public Task AppendAsync(string stream, int version, IReadOnlyList<object> events, IReadOnlyList<EventStamp> stamps, Action<IDocumentOperations>? alongside = null)
    {
        var pending = new Pending(stream, version, events, stamps, alongside, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        Pending? carried = null;
        while (carried is not null || await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var streams = new HashSet<string>(StringComparer.Ordinal);
            var events = 0;
            if (carried is not null)
                (batch, streams, events, carried) = ([carried], [carried.Stream], carried.Events.Count, null);
            while (events < MaxEventsPerCommit && _queue.Reader.TryRead(out var next))
            {
                if (!streams.Add(next.Stream))
                {
                    carried = next; // one append per stream per transaction: this one waits for the next
                    break;
                }

                batch.Add(next);
                events += next.Events.Count;
            }

            if (batch.Count > 0)
                await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            Circuit.ThrowIfOpen();
            await SaveAsync(batch);
            Circuit.Succeeded();
            foreach (var p in batch)
                p.Done.TrySetResult();
        }
        catch (Exception e)
        {
            if (!Circuit.Failed(e) && batch.Count > 1)
            {
                foreach (var p in batch)
                    await CommitAsync([p]);
                return;
            }

            foreach (var p in batch)
                p.Done.TrySetException(e);
        }
    }

    private async Task SaveAsync(List<Pending> batch)
    {
        await using var session = _store.LightweightSession(new SessionOptions { Timeout = CommitTimeoutSeconds });
        foreach (var p in batch)
        {
            EventStamp.Append(session, p.Stream, p.Version, p.Events, p.Stamps);
            p.Alongside?.Invoke(session);
        }

        await session.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }
}
