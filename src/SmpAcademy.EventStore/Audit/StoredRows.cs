using System.Data.Common;
using Marten;
using Npgsql;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.EventStore.Audit;

/// <summary>
/// Reads events as PostgreSQL holds them, every column the hash chain covers, straight from <c>mt_events</c>
/// with Npgsql: verification and every audit view work from these rows, never from Marten's objects (which
/// would hide an edited column behind what today's C# types make of it).
/// </summary>
public static class StoredRows
{
    public const string Columns = "stream_id, version, id, type, timestamp, tenant_id, data, headers";

    public static StoredEvent Read(DbDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new StoredEvent(row.GetString(0), row.GetInt64(1), row.GetGuid(2), row.GetString(3), row.GetFieldValue<DateTimeOffset>(4),
            row.GetString(5), row.GetFieldValue<byte[]>(6), row.IsDBNull(7) ? ReadOnlyMemory<byte>.Empty : row.GetFieldValue<byte[]>(7));
    }

    /// <summary>One stream's events in version order, and the version the store records for it.</summary>
    public static async Task<(IReadOnlyList<StoredEvent> Events, long RecordedVersion)> ReadStreamAsync(IDocumentStore store, string stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = await OpenAsync(store, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM {schema}.mt_events WHERE stream_id = @stream ORDER BY version; SELECT version FROM {schema}.mt_streams WHERE id = @stream", connection)
        {
            Parameters = { new("stream", stream) },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken))
            events.Add(Read(reader));
        await reader.NextResultAsync(cancellationToken);
        var recorded = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;
        return (events, recorded);
    }

    public static async Task<NpgsqlConnection> OpenAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        // Raw SQL does not make Marten create its tables: a new host's first audit or checkpoint can come before any event.
        await StorageReady.EnsureAsync(store, typeof(JasperFx.Events.IEvent), cancellationToken);
        // From the store's own pool: audits must not open connections beside it.
        if (store.Storage.Database is Weasel.Postgresql.PostgresqlDatabase database)
            return await database.DataSource.OpenConnectionAsync(cancellationToken);
        var connection = new NpgsqlConnection(store.Options.Tenancy.Default.Database.CreateConnection().ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>The event's data as its C# type, read with the store's serializer; null for an unknown type or unreadable JSON.</summary>
    public static object? Decode(StoredEvent e, ISerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(serializer);
        if (!EventCatalog.Types.TryGetValue(e.Type, out var type))
            return null;
        try
        {
            // From the canonical form: equal values read alike however the row spells them (301.0 is 301, −0 is 0).
            using var json = new MemoryStream(Jcs.Canonicalize(e.Data), writable: false);
            return serializer.FromJson(type, json);
        }
        catch (Exception x) when (x is System.Text.Json.JsonException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The chain's view of a row: scheme 1 links re-serialize the data by its C# type, as they were made.</summary>
    public static ChainEntry Entry(StoredEvent e, ISerializer serializer) =>
        ChainSchemes.Entry(e, row => Decode(row, serializer) is { } data ? CanonicalJson.Of(data) : null);
}
