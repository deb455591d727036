using System.Text.Json;
using Npgsql;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore;
using SmpAcademy.EventStore.Streams;

namespace SmpAcademy.Host.Tests.Faults;

/// <summary>A dot event as stored: its stream version, its sequence and where it was placed.</summary>
internal sealed record StoredDot(long Version, long Sequence, double X, double Y);

/// <summary>A session's stream as PostgreSQL holds it: every event's version, and its dot events in version order.</summary>
internal sealed record StoredSession(IReadOnlyList<long> Versions, IReadOnlyList<StoredDot> Dots);

/// <summary>Reads sessions' streams straight from mt_events, bypassing the host, Marten and every cache.</summary>
internal static class StoredDots
{
    private static readonly string DotType = EventCatalog.Names[typeof(DotPlaced)];

    public static async Task<StoredSession> ReadAsync(FaultDatabase database, Guid sessionId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT version, type, data::text FROM {EventStoreSetup.DefaultSchema}.mt_events WHERE stream_id = $1 ORDER BY version", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = StreamKeys.Session(sessionId) });
        var versions = new List<long>();
        var dots = new List<StoredDot>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt64(0));
            if (reader.GetString(1) != DotType)
                continue;
            using var data = JsonDocument.Parse(reader.GetString(2));
            dots.Add(new StoredDot(reader.GetInt64(0), Property(data, "sequence").GetInt64(), Property(data, "x").GetDouble(), Property(data, "y").GetDouble()));
        }

        return new StoredSession(versions, dots);
    }

    /// <summary>A property by name in any casing (the serializer's casing is Marten's to choose).</summary>
    private static JsonElement Property(JsonDocument data, string name) =>
        data.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } p
            ? p.Value
            : throw new InvalidOperationException($"a stored {DotType} has no '{name}': {data.RootElement}");
}
