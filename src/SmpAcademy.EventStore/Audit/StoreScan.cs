using System.Threading.Channels;
using Marten;
using Npgsql;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.EventStore.Audit;

/// <summary>
/// Verifies every stream of the store in one ordered scan of the events table: rows are read raw with
/// Npgsql (no per-event Marten wrappers), and each stream's events are decoded, put in canonical form
/// and chained on all cores while the scan goes on. For whole-store audits, and for the streams a checkpoint must
/// check (many at once, in one query); one stream at a time, use <see cref="ChainVerifier"/>.
/// </summary>
public static class StoreScan
{
    public static Task<IReadOnlyList<StreamVerification>> VerifyAllAsync(IDocumentStore store, Action<long>? progress = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(store, null, progress, cancellationToken);

    /// <summary>
    /// Verifies the given streams, each from the head a checkpoint signed (only the events after it are read and
    /// chained, from that signed link) or, where none is given, from its first event. What a checkpoint costs.
    /// </summary>
    public static Task<IReadOnlyList<StreamVerification>> VerifyTailsAsync(IDocumentStore store, IReadOnlyDictionary<string, StreamHead?> streams, CancellationToken cancellationToken = default) =>
        VerifyAsync(store, streams, null, cancellationToken);

    /// <param name="only">The streams to verify, each from its signed head if given; null for every stream of the store, whole.</param>
    private static async Task<IReadOnlyList<StreamVerification>> VerifyAsync(IDocumentStore store, IReadOnlyDictionary<string, StreamHead?>? only,
        Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var schema = store.Options.DatabaseSchemaName;
        var serializer = store.Options.Serializer();
        await using var connection = await StoredRows.OpenAsync(store, cancellationToken);
        var recorded = new Dictionary<string, long>(StringComparer.Ordinal);
        var streams = only?.Keys.ToArray() ?? [];
        var after = streams.Select(s => only![s]?.Version ?? 1).ToArray();
        await using (var listed = new NpgsqlCommand($"SELECT id, version FROM {schema}.mt_streams {(only is null ? "" : "WHERE id = ANY(@only)")}", connection) { Parameters = { new("only", streams) } })
        await using (var reader = await listed.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                recorded[reader.GetString(0)] = reader.GetInt64(1);
        }

        var work = Channel.CreateBounded<(string Stream, List<StoredEvent> Rows)>(Environment.ProcessorCount * 4);
        var results = new List<StreamVerification>();
        var verifying = Parallel.ForEachAsync(work.Reader.ReadAllAsync(cancellationToken), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, (item, _) =>
        {
            var entries = item.Rows.Select(r => StoredRows.Entry(r, serializer));
            var result = ChainCheck.Verify(item.Stream, entries, recorded.GetValueOrDefault(item.Stream), inVersionOrder: true, from: only?.GetValueOrDefault(item.Stream));
            lock (results)
                results.Add(result);
            return ValueTask.CompletedTask;
        });

        try
        {
            // A tail from its signed head on: by the (stream_id, version) index, whatever came before it.
            var tails = only is null ? "" : "JOIN unnest(@only, @after) AS t(stream, after) ON stream_id = t.stream AND version >= t.after";
            await using var command = new NpgsqlCommand(
                $"SELECT {StoredRows.Columns} FROM {schema}.mt_events {tails} ORDER BY stream_id, version", connection)
            {
                Parameters = { new("only", streams), new("after", after) },
            };
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            string? current = null;
            var batch = new List<StoredEvent>();
            long read = 0;
            while (await rows.ReadAsync(cancellationToken))
            {
                var stream = rows.GetString(0);
                if (stream != current && current is not null)
                {
                    await work.Writer.WriteAsync((current, batch), cancellationToken);
                    batch = [];
                }

                current = stream;
                batch.Add(StoredRows.Read(rows));
                if (++read % 100_000 == 0)
                    progress?.Invoke(read);
            }

            if (current is not null)
                await work.Writer.WriteAsync((current, batch), cancellationToken);
        }
        finally
        {
            work.Writer.TryComplete();
            await verifying;
        }

        // A stream the store records but whose events are all gone shows as broken too.
        var seen = results.Select(r => r.Stream).ToHashSet(StringComparer.Ordinal);
        foreach (var (stream, version) in recorded.Where(r => r.Value > 0 && !seen.Contains(r.Key)))
            results.Add(ChainCheck.Verify(stream, [], version, from: only?.GetValueOrDefault(stream)));
        return [.. results.OrderBy(r => r.Stream, StringComparer.Ordinal)];
    }
}
