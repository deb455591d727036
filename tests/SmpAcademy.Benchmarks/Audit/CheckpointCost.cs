using System.Diagnostics;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.LocalServers.Postgres;

namespace SmpAcademy.Benchmarks.Audit;

/// <summary>
/// What signing a checkpoint costs, since the signer verifies every chain that changed before it signs: the first one
/// (every stream is new), one with nothing changed, and one after --changed streams each got one more event, beside a
/// full verification of the whole store in the same run (what an O(history) signer would pay every time).
///   dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- checkpoint [--streams 10000] [--events 20] [--changed 1000]
/// </summary>
public static class CheckpointCost
{
    public static async Task RunAsync(string[] args)
    {
        int Option(string name, int fallback) => BenchmarkArgs.Number(args, name, fallback);
        var streams = Option("streams", 10_000);
        var perStream = Option("events", 20);
        var changed = Math.Min(Option("changed", 1000), streams);

        Console.WriteLine("Starting a private PostgreSQL …");
        await using var postgres = await PrivatePostgres.StartAsync(settings: new Dictionary<string, string> { ["fsync"] = "off", ["synchronous_commit"] = "off" });
        using var store = EventStoreSetup.CreateStore(postgres.ConnectionString, "checkpoint_cost");
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var keys = Enumerable.Range(0, streams).Select(_ => StreamKeys.Session(Guid.NewGuid())).ToArray();
        Console.WriteLine($"writing {streams:N0} streams of {perStream} dot events through the journal …");
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (key, token) =>
        {
            if (!await new MartenJournal(store).AppendAsync(key, 0, Dots(1, perStream), cancellationToken: token))
                throw new InvalidOperationException("unexpected conflict");
        });

        var folder = Directory.CreateTempSubdirectory("smp-bench-checkpoint-");
        using var signer = CheckpointSigner.Load(folder.FullName);
        var now = DateTimeOffset.UtcNow;
        var first = await TimeAsync(() => Checkpoints.CreateAsync(store, signer, now));
        var unchanged = await TimeAsync(() => Checkpoints.CreateAsync(store, signer, now.AddMinutes(1)));
        foreach (var key in keys.Take(changed))
        {
            if (!await new MartenJournal(store).AppendAsync(key, perStream, Dots(perStream + 1, 1)))
                throw new InvalidOperationException("unexpected conflict");
        }

        var afterChanges = await TimeAsync(() => Checkpoints.CreateAsync(store, signer, now.AddMinutes(2)));
        var scan = await TimeAsync(async () => (await StoreScan.VerifyAllAsync(store)).Count);
        folder.Delete(recursive: true);

        var events = (long)streams * perStream;
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"| {streams:N0} streams, {events + changed:N0} events | time | ÷ whole-store verification |"));
        Console.WriteLine("|---|---|---|");
        foreach (var (name, seconds) in new[] { ("first checkpoint (every stream new: all verified)", first), ("next, nothing changed (heads read, tree rebuilt)", unchanged),
                     ($"next, after {changed:N0} streams changed ({changed:N0} chains verified)", afterChanges), ("whole-store verification, same run (an O(history) signer)", scan) })
            Console.WriteLine(FormattableString.Invariant($"| {name} | {seconds * 1000:N0} ms | {seconds / scan:0.00}× |"));
    }

    private static object[] Dots(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(s => (object)new DotPlaced(Guid.Empty, s, s % 100, s / 100 % 100, "1RL-0.25", 0.5, 0.6, DateTimeOffset.UnixEpoch.AddSeconds(s), 1, "pad", 100, 87.5, 92.25, DotFlags.None))];

    private static async Task<double> TimeAsync<T>(Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalSeconds;
    }
}
