using System.Diagnostics;
using Marten;
using Npgsql;
using NpgsqlTypes;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore;

namespace SmpAcademy.Cli.Load;

public sealed record BaselineResult(string Name, long Events, double Seconds, int Writers, int Batch)
{
    public double PerSecond => Events / Seconds;
}

/// <summary>
/// The same events written without the platform, against the same PostgreSQL in the same run: raw
/// Marten appends (same batch size and writers as the load, expected version checked as the journal
/// does) and raw Npgsql binary COPY of the same rows into an event-shaped table.
/// </summary>
public static class Baselines
{
    public static async Task<BaselineResult> MartenAppendsAsync(string connectionString, long events, int writers, int batch)
    {
        using var store = EventStoreSetup.CreateStore(connectionString, "load_baseline");
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var perWriter = (int)Math.Ceiling(events / (double)writers / batch) * batch;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, writers), new ParallelOptions { MaxDegreeOfParallelism = writers }, async (w, token) =>
        {
            var stream = $"baseline-{Guid.NewGuid():N}";
            var session = Guid.NewGuid();
            for (var version = 0; version < perWriter; version += batch)
            {
                await using var write = store.LightweightSession();
                var dots = Dots(session, version, batch);
                if (version == 0)
                    write.Events.StartStream(stream, dots);
                else
                    write.Events.Append(stream, version + batch, dots);
                await write.SaveChangesAsync(token);
            }
        });
        return new BaselineResult("raw Marten appends", (long)perWriter * writers, clock.Elapsed.TotalSeconds, writers, batch);
    }

    public static async Task<BaselineResult> BinaryCopyAsync(string connectionString, long events, int writers = 4, int batch = 1000)
    {
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand(
                "DROP TABLE IF EXISTS load_copy; CREATE TABLE load_copy (seq_id bigserial PRIMARY KEY, id uuid NOT NULL, stream_id text NOT NULL, version bigint NOT NULL, data jsonb NOT NULL, type text NOT NULL, timestamp timestamptz NOT NULL, UNIQUE (stream_id, version))", setup);
            await create.ExecuteNonQueryAsync();
        }

        var perWriter = (int)Math.Ceiling(events / (double)writers / batch) * batch;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, writers), new ParallelOptions { MaxDegreeOfParallelism = writers }, async (w, token) =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(token);
            var stream = $"copy-{Guid.NewGuid():N}";
            var session = Guid.NewGuid();
            for (var version = 0; version < perWriter; version += batch)
            {
                await using var copy = await connection.BeginBinaryImportAsync("COPY load_copy (id, stream_id, version, data, type, timestamp) FROM STDIN (FORMAT BINARY)", token);
                var i = version;
                foreach (var dot in Dots(session, version, batch))
                {
                    await copy.StartRowAsync(token);
                    await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid, token);
                    await copy.WriteAsync(stream, NpgsqlDbType.Text, token);
                    await copy.WriteAsync((long)++i, NpgsqlDbType.Bigint, token);
                    await copy.WriteAsync(System.Text.Encoding.UTF8.GetString(CanonicalJson.Of(dot)), NpgsqlDbType.Jsonb, token);
                    await copy.WriteAsync("dot_placed_v1", NpgsqlDbType.Text, token);
                    await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz, token);
                }

                await copy.CompleteAsync(token);
            }
        });
        return new BaselineResult("raw Npgsql binary COPY", (long)perWriter * writers, clock.Elapsed.TotalSeconds, writers, batch);
    }

    private static object[] Dots(Guid session, int from, int count) =>
        [.. Enumerable.Range(from + 1, count).Select(s => (object)new DotPlaced(session, s, s % 100, s / 100 % 100, "1RL-0.25", 0.5, 0.6,
            DateTimeOffset.UtcNow, 1, "pad", 100, 87.5, 92.25, DotFlags.None))];
}
