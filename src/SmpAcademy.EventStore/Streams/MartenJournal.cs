using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.EventStore.Streams;

/// <summary>
/// A grain's event log in one Marten stream: read it whole, or append with an optimistic version
/// check. A version conflict returns false (another writer got there first). An append that failed
/// in a way that may have committed anyway is checked against the stream's tail, so a retry never
/// appends the same events twice. Every appended event is sealed with its link in the stream's hash chain
/// (<see cref="EventStamp"/>), under the current scheme.
/// </summary>
/// <param name="commit">Shared with other journals to commit many streams' appends together; null commits each append alone.</param>
public sealed class MartenJournal(IDocumentStore store, GroupCommit? commit = null, TimeProvider? clock = null)
{
    public const string HashHeader = ChainSchemes.HashHeader;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>A stream read that takes longer has met a stalled database (100k events read in about a second).</summary>
    public const int ReadTimeoutSeconds = 5;

    private readonly Dictionary<string, string> _heads = new(StringComparer.Ordinal);

    /// <summary>The stream's events as today's code reads them (retired shapes upcast).</summary>
    public async Task<IReadOnlyList<object>> ReadAsync(string stream, CancellationToken cancellationToken = default) =>
        (await ReadEventsAsync(stream, cancellationToken)).Select(e => EventCatalog.Upcast(e.Data)).ToArray();

    /// <summary>The stream as stored, with each event's metadata (version, headers); data in its stored shape (see <see cref="EventCatalog.Upcast"/>).</summary>
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
            : events.Aggregate(HashChain.Genesis, (previous, e) => HashChain.LegacyLinkOf(previous, stream, e.Version, e.Data));

    /// <param name="version">Events already in the stream, as the writer knows it.</param>
    /// <param name="tags">Beside the events: the keyed request that each event starts, if any.</param>
    /// <param name="actors">Beside the events: who recorded each, if known.</param>
    /// <param name="alongside">Documents to store in the same transaction (a read model the writer keeps), if any.</param>
    public async Task<bool> AppendAsync(string stream, int version, IReadOnlyList<object> events, IReadOnlyList<WriteTag?>? tags = null,
        IReadOnlyList<Actor?>? actors = null, Action<IDocumentOperations>? alongside = null, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return true;
        Exception failure;
        EventStamp[] stamps = [];
        try
        {
            var previous = version == 0 ? HashChain.Genesis : _heads.GetValueOrDefault(stream) ?? await ReadHeadAsync(stream, cancellationToken);
            (stamps, var head) = EventStamp.Seal(store.Options.Serializer(), _clock, stream, version, previous, events, tags, actors);
            if (commit is not null)
            {
                await commit.AppendAsync(stream, version, events, stamps, alongside);
            }
            else
            {
                await using var session = store.LightweightSession();
                EventStamp.Append(session, stream, version, events, stamps);
                alongside?.Invoke(session);
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

        if (stamps.Length > 0 && await LandedAnywayAsync(stream, version, stamps, cancellationToken))
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

    private async Task<bool> LandedAnywayAsync(string stream, int version, EventStamp[] stamps, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.QuerySession();
            var state = await session.Events.FetchStreamStateAsync(stream, cancellationToken);
            if (state is null || state.Version != version + stamps.Length)
                return false;
            var tail = await session.Events.FetchStreamAsync(stream, fromVersion: version + 1, token: cancellationToken);
            // Event ids are fixed before the write: the same ids there mean this very append committed.
            return tail.Select(e => e.Id).SequenceEqual(stamps.Select(s => s.Id));
        }
        catch (Exception)
        {
            return false; // still unreachable: let the caller's retry find out later
        }
    }
}
