using Marten;
using Npgsql;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Domain.Audit;
using SmpAcademy.EventStore.Streams;

namespace SmpAcademy.EventStore.Audit;

/// <summary>The signer found history it will not vouch for: a broken chain, or a change to what an earlier checkpoint signed.</summary>
public sealed class CheckpointRefusedException(IReadOnlyList<string> problems)
    : Exception($"refused to sign a checkpoint: {string.Join("; ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>Signs checkpoints over every stream's head, and checks them against the history as it is now.</summary>
public static class Checkpoints
{
    /// <summary>
    /// Signs a checkpoint (format 2: a Merkle tree over every stream's head, chained to the latest one), having first verified every stream that changed since the latest
    /// checkpoint: it still holds the link that checkpoint signed as its head, and every event after it chains on from that
    /// link (a new stream: from its first event). Streams that did not change are not read again, and a changed one only
    /// from its signed head, so the check costs what changed, not the whole history.
    /// </summary>
    /// <exception cref="CheckpointRefusedException">A changed stream's chain is broken, or rewrites, shortens or drops what the latest checkpoint signed; or the checkpoint this key last signed is no longer in the database.</exception>
    public static async Task<Checkpoint> CreateAsync(IDocumentStore store, CheckpointSigner signer, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        var heads = await HeadsAsync(store, cancellationToken);

        await using var session = store.LightweightSession();
        var latest = await session.Query<Checkpoint>().OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var problems = await ChangesProblemsAsync(store, latest, heads, cancellationToken);
        if (signer.LastSigned is { } remembered && (await session.LoadAsync<Checkpoint>(remembered.Id, cancellationToken))?.Signature != remembered.Signature)
            problems.Insert(0, $"checkpoint {remembered.Id}, which this key signed, is gone from the database or changed (checkpoints truncated or rolled back?); if the database was reset on purpose, delete {CheckpointSigner.MemoryFileName} in the data folder to begin a new chain of checkpoints");
        if (problems.Count > 0)
            throw new CheckpointRefusedException(problems);

        var id = (latest?.Id ?? 0) + 1;
        var at = now.ToUniversalTime();
        var checkpoint = Checkpoint.Sign(id, at, heads, latest, signer.PublicKeyHex, signer.Sign);
        session.Insert(checkpoint);
        await session.SaveChangesAsync(cancellationToken);
        signer.Remember(id, checkpoint.Signature);
        return checkpoint;
    }

    private static async Task<List<StreamHead>> HeadsAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        var heads = new List<StreamHead>();
        await using var connection = await StoredRows.OpenAsync(store, cancellationToken);
        // Each stream's last event by index, not a scan of every event: O(streams), whatever the history's length.
        // A stream is in mt_streams before any of its events can be (Marten's foreign key), so none is left out.
        var schema = store.Options.DatabaseSchemaName;
        await using var command = new NpgsqlCommand(
            $"""
            SELECT s.id, e.version, e.headers->>'{MartenJournal.HashHeader}' FROM {schema}.mt_streams s
            CROSS JOIN LATERAL (SELECT version, headers FROM {schema}.mt_events WHERE stream_id = s.id ORDER BY version DESC LIMIT 1) e ORDER BY s.id
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            heads.Add(new StreamHead(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2)));
        return heads;
    }

    /// <summary>What is wrong with the streams whose head moved since <paramref name="latest"/> (all of them when there is none).</summary>
    private static async Task<List<string>> ChangesProblemsAsync(IDocumentStore store, Checkpoint? latest, List<StreamHead> heads, CancellationToken cancellationToken)
    {
        var signed = latest?.Heads.ToDictionary(h => h.Stream, StringComparer.Ordinal) ?? [];
        var now = heads.ToDictionary(h => h.Stream, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var gone in signed.Keys.Where(s => !now.ContainsKey(s)).Order(StringComparer.Ordinal))
            problems.Add($"{gone}: checkpoint {latest!.Id} signed {signed[gone].Version} event(s) of it, and it is gone (deleted?)");

        // Each changed stream from the head the latest checkpoint signed (that link vouched for what came before it),
        // all in one ordered query: a checkpoint reads what was added since the last one, not the history.
        var changed = heads.Where(h => !signed.TryGetValue(h.Stream, out var before) || before != h)
            .ToDictionary(h => h.Stream, h => signed.GetValueOrDefault(h.Stream), StringComparer.Ordinal);
        foreach (var chain in changed.Count == 0 ? [] : await StoreScan.VerifyTailsAsync(store, changed, cancellationToken))
        {
            var before = changed[chain.Stream];
            if (before is not null && now[chain.Stream].Version < before.Version)
                problems.Add($"{chain.Stream}: checkpoint {latest!.Id} signed {before.Version} event(s) and {now[chain.Stream].Version} are left (deleted from the end?)");
            else if (before is not null && chain.Break is { } rewritten && rewritten.Version == before.Version)
                problems.Add($"{chain.Stream}: history up to version {before.Version} differs from what checkpoint {latest!.Id} signed (rewritten?)");
            else if (chain.Break is { } broken)
                problems.Add($"{broken.Stream} event {broken.Version}: {broken.Reason}");
        }

        return problems;
    }

    /// <param name="trustedPublicKeyHex">The key the checkpoints must be signed with, obtained from the platform out of band.</param>
    public static async Task<IReadOnlyList<CheckpointVerification>> VerifyAllAsync(IDocumentStore store, string trustedPublicKeyHex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var query = store.QuerySession();
        var checkpoints = await query.Query<Checkpoint>().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var chains = new Dictionary<string, StreamVerification>(StringComparer.Ordinal);
        var results = new List<CheckpointVerification>();
        foreach (var checkpoint in checkpoints)
        {
            foreach (var stream in checkpoint.Heads.Select(h => h.Stream).Where(s => !chains.ContainsKey(s)))
                chains[stream] = await ChainVerifier.VerifyAsync(store, stream, keepLinks: true, cancellationToken);
            var signed = CheckpointSigner.Verify(trustedPublicKeyHex, checkpoint.SignedBytes(), checkpoint.Signature);
            results.Add(CheckpointCheck.Against(checkpoint, signed, chains));
        }

        return results;
    }
}
