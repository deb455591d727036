using System.Diagnostics;
using Marten;
using SmpAcademy.Audit.Bundles;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Curriculum;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.LocalServers.Postgres;

namespace SmpAcademy.Benchmarks.Audit;

/// <summary>
/// Hash-chain verification throughput over a history of dot events written through the journal (so each
/// carries its link): read back from PostgreSQL, canonicalised, re-hashed and compared, stream by stream.
///   dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- verify [--events 1000000] [--streams 100] [--keep FILE]
/// --keep FILE leaves the scheme-2 bundle there (and prints its key), to measure <c>smp audit verify</c> on it, e.g. with <c>/usr/bin/time -v</c>.
/// </summary>
public static class VerifyThroughput
{
    /// <summary>As the host records a trainee's own dots (scheme 2 carries who acted on every event).</summary>
    private static readonly Actor Trainee = new("bench", "trainee", null, "http");

    private static string? _keep;

    public static async Task RunAsync(string[] args)
    {
        int Option(string name, int fallback) => BenchmarkArgs.Number(args, name, fallback);
        var total = Option("events", 1_000_000);
        var streams = Option("streams", 100);
        _keep = BenchmarkArgs.Text(args, "keep") is { } keep ? Path.GetFullPath(keep) : null;

        Console.WriteLine("Starting a private PostgreSQL …");
        await using var postgres = await PrivatePostgres.StartAsync(settings: new Dictionary<string, string> { ["fsync"] = "off", ["synchronous_commit"] = "off" });
        // The baseline in the same run: the same history with scheme-1 links (as written before scheme 2), then as written now.
        var before = await MeasureAsync(postgres.ConnectionString, "scheme_1", total, streams, legacy: true);
        var after = await MeasureAsync(postgres.ConnectionString, "scheme_2", total, streams, legacy: false);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"| {total:N0} events | scheme 1 (before) | scheme 2 (now) | now ÷ before |"));
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, b, a) in new[] { ("rows read alone, nothing checked (the database's ceiling)", before.Read, after.Read), ("stream by stream", before.Stream, after.Stream),
                     ("whole-store scan", before.Scan, after.Scan), ("offline bundle", before.Bundle, after.Bundle) })
            Console.WriteLine(FormattableString.Invariant($"| {name} | {b:N0} events/s | {a:N0} events/s | {a / b:0.00}× |"));
    }

    private static async Task<(double Read, double Stream, double Scan, double Bundle)> MeasureAsync(string connectionString, string schema, int total, int streams, bool legacy)
    {
        var perStream = total / streams;
        Console.WriteLine($"[{schema}] writing {total:N0} dot events in {streams} streams {(legacy ? "with scheme-1 links" : "through the journal")} …");
        using var store = EventStoreSetup.CreateStore(connectionString, schema);
        var keys = Enumerable.Range(0, streams).Select(_ => StreamKeys.Session(Guid.NewGuid())).ToArray();
        var writing = Stopwatch.StartNew();
        var written = 0;
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (key, token) =>
        {
            var journal = new MartenJournal(store);
            var id = Guid.NewGuid();
            var head = HashChain.Genesis;
            for (var version = 0; version < perStream; version += 1000)
            {
                var batch = Enumerable.Range(version + 1, Math.Min(1000, perStream - version))
                    .Select(s => (object)new DotPlaced(id, s, s % 100, s / 100 % 100, "1RL-0.25", 0.5, 0.6, DateTimeOffset.UnixEpoch.AddSeconds(s), 1, "pad", 100, 87.5, 92.25, DotFlags.None))
                    .ToArray();
                if (legacy)
                    head = await AppendLegacyAsync(store, key, version, head, batch, token);
                else if (!await journal.AppendAsync(key, version, batch, actors: [.. batch.Select(_ => Trainee)], cancellationToken: token))
                    throw new InvalidOperationException("unexpected conflict");
                if (Interlocked.Add(ref written, batch.Length) % 100_000 < batch.Length)
                    Console.WriteLine($"  {written:N0} written ({written / writing.Elapsed.TotalSeconds:N0} events/s)");
            }
        });

        var read = await ReadAloneAsync(store, schema);
        Console.WriteLine($"[{schema}] verifying every stream …");
        var verifying = Stopwatch.StartNew();
        long verified = 0;
        foreach (var key in keys)
        {
            var result = await ChainVerifier.VerifyAsync(store, key);
            if (!result.Intact || (result.LegacyEvents > 0) != legacy)
                throw new InvalidOperationException($"{key}: {result.Break?.Reason ?? result.Schemes}");
            verified += result.Events;
        }

        var seconds = verifying.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"[{schema}] verified {verified:N0} events in {seconds:0.0} s = {verified / seconds:N0} events/s ({Environment.ProcessorCount} cores, read + canonicalise + SHA-256 + compare)"));

        Console.WriteLine($"[{schema}] verifying the whole store in one ordered scan (raw Npgsql rows, canonicalised and chained on all cores) …");
        var scanning = Stopwatch.StartNew();
        var scanned = await StoreScan.VerifyAllAsync(store, read => Console.WriteLine(FormattableString.Invariant($"  {read:N0} read ({read / scanning.Elapsed.TotalSeconds:N0} events/s)")));
        var scanSeconds = scanning.Elapsed.TotalSeconds;
        if (scanned.FirstOrDefault(v => !v.Intact) is { } broken)
            throw new InvalidOperationException($"{broken.Stream}: {broken.Break!.Reason}");
        var scannedEvents = scanned.Sum(v => v.Events);
        Console.WriteLine(FormattableString.Invariant($"[{schema}] store scan: verified {scannedEvents:N0} events in {scanSeconds:0.0} s = {scannedEvents / scanSeconds:N0} events/s ({scannedEvents / scanSeconds / (verified / seconds):0.0}× stream by stream, same run)"));
        var bundle = await VerifyBundleAsync(store, keys, total);
        return (read, verified / seconds, scannedEvents / scanSeconds, bundle);
    }

    /// <summary>Every row read as the checks read them, and nothing more: how fast PostgreSQL and Npgsql hand them over on this machine.</summary>
    private static async Task<double> ReadAloneAsync(DocumentStore store, string schema)
    {
        var reading = Stopwatch.StartNew();
        long rows = 0;
        await using (var connection = await StoredRows.OpenAsync(store, CancellationToken.None))
        await using (var command = new Npgsql.NpgsqlCommand($"SELECT {StoredRows.Columns} FROM {schema}.mt_events ORDER BY stream_id, version", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                StoredRows.Read(reader);
                rows++;
            }
        }

        var rate = rows / reading.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"[{schema}] read {rows:N0} rows alone (nothing checked) in {reading.Elapsed.TotalSeconds:0.0} s = {rate:N0} events/s: the ceiling of any check of the database"));
        return rate;
    }

    /// <summary>Events as the release before scheme 2 wrote them: a scheme-1 link, and nothing else, in their headers.</summary>
    private static async Task<string> AppendLegacyAsync(DocumentStore store, string stream, int version, string head, object[] events, CancellationToken token)
    {
        await using var session = store.LightweightSession();
        var action = version == 0 ? session.Events.StartStream(stream, events) : session.Events.Append(stream, version + events.Length, events);
        for (var i = 0; i < events.Length; i++)
        {
            head = HashChain.LegacyLinkOf(head, stream, version + i + 1, events[i]);
            action.Events[i].SetHeader(ChainSchemes.HashHeader, head);
        }

        await session.SaveChangesAsync(token);
        return head;
    }

    /// <summary>The same history exported as an audit bundle and checked offline, as <c>smp audit verify</c> does.</summary>
    private static async Task<double> VerifyBundleAsync(DocumentStore store, string[] keys, int total)
    {
        var keyFolder = Directory.CreateTempSubdirectory("smp-bench-keys-");
        using var signer = CheckpointSigner.Load(keyFolder.FullName);
        var checkpoint = await Checkpoints.CreateAsync(store, signer, DateTimeOffset.UtcNow);
        var curriculum = CurriculumLoader.Load(CurriculumLocator.Find(null));
        var program = curriculum.Programs["smp-practitioner"];
        var events = new List<BundleEvent>(total);
        var streams = new List<BundleStream>();
        var history = new List<RecordedEvent>(total);
        foreach (var key in keys)
        {
            var stream = await TraineeHistory.LoadStreamAsync(store, key);
            streams.Add(new BundleStream(key, stream.RecordedVersion));
            events.AddRange(stream.Events.Select(ChainVerifier.ToBundleEvent));
            history.AddRange(stream.Events.Select(e => new RecordedEvent(e.Id, e.Stream, e.Version, e.Data!, e.Stored.Provenance)));
        }

        var decision = CertificationRules.Decide("bench", program, history);
        var bundle = Path.Combine(keyFolder.FullName, "bench-bundle.zip");
        await using (var file = File.Create(bundle))
        {
            await BundleWriter.WriteAsync(file, new BundleContents("bench", program.Id, DateTimeOffset.UtcNow, streams, events, [checkpoint], signer.PublicKeyHex, decision, [], "[]", curriculum, new PinnedCurriculum(curriculum, new Dictionary<string, byte[]>()).PinnedBy(history.Select(e => e.Data))));
        }

        Console.WriteLine(FormattableString.Invariant($"Checking the same {events.Count:N0} events offline as an audit bundle ({new FileInfo(bundle).Length / 1e6:0} MB zip) …"));
        var offline = Stopwatch.StartNew();
        BundleVerification result;
        await using (var file = File.OpenRead(bundle))
            result = BundleVerifier.Verify(file, signer.PublicKeyHex, line => Console.WriteLine(FormattableString.Invariant($"  {offline.Elapsed.TotalSeconds,5:0.0} s  {line}")));
        var seconds = offline.Elapsed.TotalSeconds;
        if (!result.Verified)
            throw new InvalidOperationException(string.Join("; ", result.Problems));
        Console.WriteLine(FormattableString.Invariant($"offline bundle: verified {result.Events:N0} events in {seconds:0.0} s = {result.Events / seconds:N0} events/s (unzip + parse + chain + signed checkpoint + decode + decision)"));
        if (_keep is not null) // scheme 2 runs last, so its bundle is the one left
        {
            File.Copy(bundle, _keep, overwrite: true);
            Console.WriteLine($"kept {_keep}: smp audit verify {_keep} --key {signer.PublicKeyHex}");
        }

        keyFolder.Delete(recursive: true);
        return result.Events / seconds;
    }
}
