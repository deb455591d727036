using System.Text.Json;
using Marten;
using Npgsql;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.EventStore.Audit;

/// <summary>
/// The signed checkpoints as a public log: each one's statement (number, time, tree size, tree head, the previous
/// checkpoint's hash, signature) without the heads, which name streams. A witness keeps these; a run of consecutive
/// statements, each naming the hash of the one before, proves that a later checkpoint extends an earlier one.
/// Only format 2 is chained; format-1 checkpoints are left out.
/// </summary>
public static class CheckpointLog
{
    /// <summary>The most statements one answer carries; a witness far behind reads page by page.</summary>
    public const int PageSize = SmpAcademy.Audit.Witness.WitnessLog.PageSize;

    public static async Task<Checkpoint?> LatestAsync(IDocumentStore store, CancellationToken cancellationToken = default) =>
        (await ReadAsync(store, "ORDER BY id DESC LIMIT 1", 0, 0, cancellationToken)).SingleOrDefault();

    /// <summary>The statements numbered <paramref name="from"/> to <paramref name="to"/>, in order (fewer if some are not there).</summary>
    public static Task<IReadOnlyList<Checkpoint>> RangeAsync(IDocumentStore store, long from, long to, CancellationToken cancellationToken = default) =>
        ReadAsync(store, "AND id BETWEEN @from AND @to ORDER BY id", from, to, cancellationToken);

    private static async Task<IReadOnlyList<Checkpoint>> ReadAsync(IDocumentStore store, string clause, long from, long to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await StorageReady.EnsureAsync(store, typeof(Checkpoint), cancellationToken);
        await using var connection = await StoredRows.OpenAsync(store, cancellationToken);
        // The heads are dropped in PostgreSQL: a statement costs the same whatever the number of streams.
        await using var command = new NpgsqlCommand(
            $"SELECT (data - 'Heads' - 'Proofs')::text FROM {store.Options.DatabaseSchemaName}.mt_doc_checkpoint WHERE (data->>'Format')::int = 2 {clause}", connection)
        {
            Parameters = { new("from", from), new("to", to) },
        };
        var statements = new List<Checkpoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            statements.Add(JsonSerializer.Deserialize<Checkpoint>(reader.GetString(0))! with { Heads = [], Proofs = [] });
        return statements;
    }
}
