using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.EventStore.Streams;

/// <summary>
/// A grain's event log in one Marten stream: read it whole, or append with an optimistic version
/// check. A version conflict returns false (another writer got there first). An append that failed
/// in a way that may have committed anyway is checked against the stream's tail, so a retry never
/// appends the same events twice. Every appended event carries its link in the stream's hash chain.
/// </summary>
/// <param name="commit">Shared with other journals to commit many streams' appends together; null commits each append alone.</param>
public sealed class MartenJournal(IDocumentStore store, GroupCommit? commit = null)
{
    public const string HashHeader = "hash";

    /// <summary>A stream read that takes longer has met a stalled database (100k events read in about a second).</summary>
    public const int ReadTimeoutSeconds = 5;

    private readonly Dictionary<string, string> _heads = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<object>> ReadAsync(string stream, CancellationToken cancellationToken = default) =>
        (await ReadEventsAsync(stream, cancellationToken)).Select(e => e.Data).ToArray();

    /// <summary>The stream as stored, with each event's metadata (version, headers).</summary>
    public async Task<IReadOnlyList<IEvent>> ReadEventsAsync(string stream, CancellationToken cancellationToken = default)
    {
        commit?.Circuit.ThrowIfOpen();
        try
        {
            await using var session = store.QuerySession(new Marten.Services.SessionOptions { Timeout = ReadTimeoutSeconds });
            var events = await session.Events.FetchStreamAsync(stream, token: cancellationToken);
            commit?.Circuit.Succeeded();
            _heads[stream] = events.Count == 0 ? HashChain.Genesis : HeadOf(stream, events);
            return events;
        }
        catch (Exception e)
        {
            commit?.Circuit.Failed(e);
            throw;
        }
    }

    /// <summary>The last event's recorded link; recomputed over the stream if it has none (written outside the journal).</summary>
    private static string HeadOf(string stream, IReadOnlyList<IEvent> events) =>
        events[^1].GetHeader(HashHeader)?.ToString() is { Length: 64 } recorded
            ? recorded
            : events.Aggregate(HashChain.Genesis, (previous, e) => Link(previous, stream, e.Version, e.Data));

    public static string Link(string previous, string stream, long version, object @event) =>
        HashChain.LinkOf(previous, stream, version, @event);

    /// <param name="version">Events already in the stream, as the writer knows it.</param>
    /// <param name="tags">Beside the events: the keyed request that each event starts, if any.</param>
    public async Task<bool> AppendAsync(string stream, int version, IReadOnlyList<object> events, IReadOnlyList<WriteTag?>? tags = null, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return true;
        Exception failure;
        try
        {
            var head = version == 0 ? HashChain.Genesis : _heads.GetValueOrDefault(stream) ?? await ReadHeadAsync(stream, cancellationToken);
            var links = new string[events.Count];
            for (var i = 0; i < events.Count; i++)
                links[i] = head = Link(head, stream, version + i + 1, events[i]);
            if (commit is not null)
            {
                await commit.AppendAsync(stream, version, events, links, tags);
            }
            else
            {
                await using var session = store.LightweightSession();
                var action = version == 0
                    ? session.Events.StartStream(stream, [.. events])
                    : session.Events.Append(stream, version + events.Count, [.. events]);
                for (var i = 0; i < events.Count; i++)
                    action.Events[i].SetHeader(HashHeader, links[i]);
                WriteTag.WriteAll(tags, action.Events);
                await session.SaveChangesAsync(cancellationToken);
            }

            _heads[stream] = head;
            return true;
        }
        catch (Exception e) when (IsConflict(e))
        {
            return false;
        }
        catch (Exception e)
        {
            failure = e;
        }

        if (await LandedAnywayAsync(stream, version, events, cancellationToken))
        {
            await ReadHeadAsync(stream, cancellationToken);
            return true;
        }
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return false;
    }

    private static bool IsConflict(Exception e) =>
        e is JasperFx.ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException or ConcurrentUpdateException
        || (e.InnerException is { } inner && IsConflict(inner));

    private async Task<string> ReadHeadAsync(string stream, CancellationToken cancellationToken)
    {
        await ReadAsync(stream, cancellationToken);
        return _heads[stream];
    }

    private async Task<bool> LandedAnywayAsync(string stream, int version, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.QuerySession();
            var state = await session.Events.FetchStreamStateAsync(stream, cancellationToken);
            if (state is null || state.Version != version + events.Count)
                return false;
            var tail = await session.Events.FetchStreamAsync(stream, fromVersion: version + 1, token: cancellationToken);
            // By canonical form, as the hash chain sees events: record equality compares lists by reference.
            return tail.Count == events.Count && tail.Zip(events).All(p => CanonicalJson.Of(p.First.Data).AsSpan().SequenceEqual(CanonicalJson.Of(p.Second)));
        }
        catch (Exception)
        {
            return false; // still unreachable: let the caller's retry find out later
        }
    }
}
