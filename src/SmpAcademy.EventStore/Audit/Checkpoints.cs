using Marten;
using Npgsql;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Domain.Audit;
using SmpAcademy.EventStore.Streams;

namespace SmpAcademy.EventStore.Audit;

/// <summary>Signs checkpoints over every stream's head, and checks them against the history as it is now.</summary>
public static class Checkpoints
{
    public static async Task<Checkpoint> CreateAsync(IDocumentStore store, CheckpointSigner signer, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        var schema = store.Options.DatabaseSchemaName;
        var heads = new List<StreamHead>();
        await using (var connection = new NpgsqlConnection(store.Options.Tenancy.Default.Database.CreateConnection().ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                $"SELECT DISTINCT ON (stream_id) stream_id, version, headers->>'{MartenJournal.HashHeader}' FROM {schema}.mt_events ORDER BY stream_id, version DESC", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                heads.Add(new StreamHead(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2)));
        }

        await using var session = store.LightweightSession();
        var id = await session.Query<Checkpoint>().CountAsync(cancellationToken) + 1;
        var at = now.ToUniversalTime();
        var checkpoint = new Checkpoint(id, at, heads, signer.PublicKeyHex, signer.Sign(Checkpoint.SignedBytes(id, at, heads)));
        session.Insert(checkpoint);
        await session.SaveChangesAsync(cancellationToken);
        return checkpoint;
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
