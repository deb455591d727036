using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Npgsql;
using SmpAcademy.Domain;
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

    private readonly Dictionary<string, string> _heads = new(StringComparer.Ordinal);

    /// <summary>
    /// The stream's events, in order. Read as raw rows and decoded with Marten's serializer: a grain
    /// reactivating replays its whole stream, and Marten's per-event wrappers and metadata cost more
    /// than the events (measured: ReplayBenchmarks).
    /// </summary>
    public async Task<IReadOnlyList<object>> ReadAsync(string stream, CancellationToken cancellationToken = default)
    {
        var events = new List<object>();
        string? lastHash = null;
        try
        {
            lastHash = await ReadRowsAsync(stream, events, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Nothing was ever written to this store: Marten creates its tables on the first append.
        }

        _heads[stream] = events.Count == 0 ? HashChain.Genesis : HeadOf(stream, events, lastHash);
        return events;
    }

    /// <returns>The last event's recorded link, if any.</returns>
    private async Task<string?> ReadRowsAsync(string stream, List<object> events, CancellationToken cancellationToken)
    {
        var serializer = store.Options.Serializer();
        string? lastHash = null;

        // Marten's own pool: a second pool per connection string would double the connections PostgreSQL must hold.
        await using var connection = store.Options.Tenancy.Default.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT type, data, headers->>'{HashHeader}' FROM {store.Options.DatabaseSchemaName}.mt_events WHERE stream_id = $1 ORDER BY version", connection)
        { Parameters = { new() { Value = stream } } };
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var type = EventCatalog.Types.TryGetValue(rows.GetString(0), out var known) ? known
                : throw new InvalidOperationException($"{stream} holds an event of unknown type '{rows.GetString(0)}'");
            await using (var json = await rows.GetStreamAsync(1, cancellationToken))
                events.Add(serializer.FromJson(type, json));
            lastHash = rows.IsDBNull(2) ? null : rows.GetString(2);
        }

        return lastHash;
    }

    /// <summary>The last event's recorded link; recomputed over the stream if it has none (written outside the journal).</summary>
    private static string HeadOf(string stream, List<object> events, string? lastHash) =>
        lastHash is { Length: 64 }
            ? lastHash
            : events.Select((e, i) => (e, i)).Aggregate(HashChain.Genesis, (previous, p) => Link(previous, stream, p.i + 1, p.e));

    public static string Link(string previous, string stream, long version, object @event) =>
        HashChain.LinkOf(previous, stream, version, @event);

    /// <param name="version">Events already in the stream, as the writer knows it.</param>
    public async Task<bool> AppendAsync(string stream, int version, IReadOnlyList<object> events, CancellationToken cancellationToken = default)
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
                await commit.AppendAsync(stream, version, events, links);
            }
            else
            {
                await using var session = store.LightweightSession();
                var action = version == 0
                    ? session.Events.StartStream(stream, [.. events])
                    : session.Events.Append(stream, version + events.Count, [.. events]);
                for (var i = 0; i < events.Count; i++)
                    action.Events[i].SetHeader(HashHeader, links[i]);
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
