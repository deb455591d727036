using System.Diagnostics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmpAcademy.Benchmarks.Scoring;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore;
using SmpAcademy.Grains;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.LocalServers;
using SmpAcademy.LocalServers.Postgres;
using SmpAcademy.Testing;

namespace SmpAcademy.Benchmarks.Appends;

/// <summary>
/// Durable dots per second through the practice-session grain (score, journal, acknowledge) against raw
/// Marten appends of the very same events, in the same run, on a private PostgreSQL with default
/// (durable) settings. Two shapes: batches of dots per request, and single dots sent concurrently.
///   dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- append [--dots 20000] [--sessions 8] [--batch 100] [--concurrency 16]
/// </summary>
public static class AppendThroughput
{
    public static async Task RunAsync(string[] args)
    {
        int Option(string name, int fallback) => BenchmarkArgs.Number(args, name, fallback);
        var dots = Option("dots", 20_000);
        var sessions = Option("sessions", 8);
        var batch = Option("batch", 100);
        var concurrency = Option("concurrency", 16);

        Console.WriteLine($"Starting a private PostgreSQL and an Orleans silo … ({Environment.ProcessorCount} cores)");
        await using var postgres = await PrivatePostgres.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(CurriculumLoader.Load(RepoPaths.Curriculum));
        builder.Services.AddSingleton<IDocumentStore>(_ => EventStoreSetup.CreateStore(postgres.ConnectionString));
        builder.UseOrleans(silo => silo.UseLocalhostClustering(LoopbackPorts.Free(), LoopbackPorts.Free()).AddSmpGrains());
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var store = host.Services.GetRequiredService<IDocumentStore>();

        var rows = new List<(string Name, int Dots, TimeSpan Time)>();
        var batched = await GrainAsync(grains, "batch", sessions, dots / sessions, batch, 1);
        rows.Add(($"grain, batches of {batch}, {sessions} sessions", batched.Count, batched.Time));
        rows.Add(($"raw Marten, batches of {batch}, {sessions} writers", batched.Count, await RawAsync(store, batched.Events, batch)));

        var singles = await GrainAsync(grains, "single", sessions, dots / sessions / 4, 1, concurrency);
        rows.Add(($"grain, single dots, {concurrency} in flight per session", singles.Count, singles.Time));
        rows.Add(($"raw Marten, one event per append, {sessions} writers", singles.Count, await RawAsync(store, singles.Events, 1)));

        Console.WriteLine();
        Console.WriteLine($"{"what",-52} {"dots",8} {"seconds",8} {"dots/s",10}");
        foreach (var (name, count, time) in rows)
            Console.WriteLine(FormattableString.Invariant($"{name,-52} {count,8} {time.TotalSeconds,8:0.00} {count / time.TotalSeconds,10:N0}"));
        Console.WriteLine(FormattableString.Invariant($"grain / raw Marten: batches {Rate(rows[0]) / Rate(rows[1]):0.00}x, single dots {Rate(rows[2]) / Rate(rows[3]):0.00}x"));
        await host.StopAsync();
    }

    private static double Rate((string, int Dots, TimeSpan Time) row) => row.Dots / row.Time.TotalSeconds;

    /// <summary>Each session places its dots in requests of <paramref name="perRequest"/>, <paramref name="inFlight"/> requests at a time.</summary>
    private static async Task<(int Count, TimeSpan Time, List<DotPlaced[]> Events)> GrainAsync(IGrainFactory grains, string name, int sessions, int perSession, int perRequest, int inFlight)
    {
        var ids = new List<Guid>();
        for (var s = 0; s < sessions; s++)
        {
            var trainee = grains.GetGrain<ITraineeGrain>($"{name}-{s}-{Guid.NewGuid():N}");
            await trainee.Enroll("smp-practitioner");
            ids.Add((await trainee.StartSession("random-fill", null)).Opened!.SessionId);
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select((id, s) => Task.Run(async () =>
        {
            var session = grains.GetGrain<IPracticeSessionGrain>(id);
            var requests = BenchmarkDots.Session(perSession, 100, 100, seed: s).Chunk(perRequest).ToArray();
            using var gate = new SemaphoreSlim(inFlight);
            await Task.WhenAll(requests.Select(async request =>
            {
                await gate.WaitAsync();
                try
                {
                    var result = await session.PlaceDots(request);
                    if (result.Refusal is { } refusal)
                        throw new InvalidOperationException(refusal.Message);
                }
                finally
                {
                    gate.Release();
                }
            }));
        })));
        var time = clock.Elapsed;

        var events = new List<DotPlaced[]>();
        foreach (var id in ids)
            events.Add([.. (await grains.GetGrain<IPracticeSessionGrain>(id).GetView(1, int.MaxValue))!.Dots]);
        return (events.Sum(e => e.Length), time, events);
    }

    /// <summary>The same events into fresh streams, one writer per stream, with optimistic versions.</summary>
    private static async Task<TimeSpan> RawAsync(IDocumentStore store, List<DotPlaced[]> streams, int perAppend)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(streams.Select(events => Task.Run(async () =>
        {
            var stream = "raw-" + Guid.NewGuid().ToString("N");
            var version = 0;
            foreach (var chunk in events.Chunk(perAppend))
            {
                await using var session = store.LightweightSession();
                if (version == 0)
                    session.Events.StartStream(stream, [.. chunk]);
                else
                    session.Events.Append(stream, version + chunk.Length, [.. chunk]);
                await session.SaveChangesAsync();
                version += chunk.Length;
            }
        })));
        return clock.Elapsed;
    }
}
