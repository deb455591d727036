using System.Threading.Channels;
using Marten;
using Npgsql;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.EventStore.Audit;

/// <summary>
/// Verifies every stream of the store in one ordered scan of the events table: rows are read raw with
/// Npgsql (no per-event Marten wrappers), and each stream's events are decoded, put in canonical form
/// and chained on all cores while the scan goes on. For whole-store audits; one stream at a time, use
/// <see cref="ChainVerifier"/>.
/// </summary>
public static class StoreScan
{
    public static async Task<IReadOnlyList<StreamVerification>> VerifyAllAsync(IDocumentStore store, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var schema = store.Options.DatabaseSchemaName;
        var serializer = store.Options.Serializer();
        await using var connection = await StoredRows.OpenAsync(store, cancellationToken);
        var recorded = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var streams = new NpgsqlCommand($"SELECT id, version FROM {schema}.mt_streams", connection))
        await using (var reader = await streams.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                recorded[reader.GetString(0)] = reader.GetInt64(1);
        }

        var work = Channel.CreateBounded<(string Stream, List<StoredEvent> Rows)>(Environment.ProcessorCount * 4);
        var results = new List<StreamVerification>();
        var verifying = Parallel.ForEachAsync(work.Reader.ReadAllAsync(cancellationToken), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, (item, _) =>
        {
            var entries = item.Rows.Select(r => StoredRows.Entry(r, serializer));
            var result = ChainCheck.Verify(item.Stream, entries, recorded.GetValueOrDefault(item.Stream), inVersionOrder: true);
            lock (results)
                results.Add(result);
            return ValueTask.CompletedTask;
        });

        try
        {
            await using var command = new NpgsqlCommand(
                $"SELECT {StoredRows.Columns} FROM {schema}.mt_events ORDER BY stream_id, version", connection);
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
            results.Add(ChainCheck.Verify(stream, [], version));
        return [.. results.OrderBy(r => r.Stream, StringComparer.Ordinal)];
    }
}
