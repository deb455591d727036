using BenchmarkDotNet.Attributes;
using Marten;
using SmpAcademy.Curriculum;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.LocalServers.Postgres;
using SmpAcademy.Testing;

namespace SmpAcademy.Benchmarks.Sessions;

/// <summary>
/// What a session grain does when it comes back: read its 10,000-dot stream from PostgreSQL and
/// re-score every dot with the recorded rubric (checking each against the record). Reading alone and
/// the chain check of the same stream are measured beside it.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private const string Skin = "norwood-6-full-scalp";
    private PrivatePostgres _postgres = null!;
    private DocumentStore _store = null!;
    private CurriculumCatalog _curriculum = null!;
    private string _stream = "";

    public int Dots => 10_000;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _curriculum = CurriculumLoader.Load(RepoPaths.Curriculum);
        _postgres = await PrivatePostgres.StartAsync();
        _store = EventStoreSetup.CreateStore(_postgres.ConnectionString);
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        _stream = await SessionHistory.WriteAsync(_store, _curriculum, Skin, Dots);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _postgres.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "read 10k-dot stream (Marten)")]
    public async Task<int> Read()
    {
        await using var query = _store.QuerySession();
        return (await query.Events.FetchStreamAsync(_stream)).Count;
    }

    [Benchmark(Description = "Marten FetchStream + re-score 10k dots")]
    public async Task<int> ReadAndRescore()
    {
        await using var query = _store.QuerySession();
        var events = (await query.Events.FetchStreamAsync(_stream)).Select(e => e.Data).ToArray();
        var started = events.OfType<SessionStarted>().Single();
        var (_, report) = Rescoring.Replay(_curriculum.Skins[started.SkinId], _curriculum.Rubrics[started.RubricVersion], started, [], events.OfType<DotPlaced>());
        return report.Identical ? report.Dots : throw new InvalidOperationException("replay differs");
    }

    [Benchmark(Description = "journal read + re-score, as the grain reactivates")]
    public async Task<int> JournalReadAndRescore()
    {
        var events = await new MartenJournal(_store).ReadAsync(_stream);
        var started = events.OfType<SessionStarted>().Single();
        var (_, report) = Rescoring.Replay(_curriculum.Skins[started.SkinId], _curriculum.Rubrics[started.RubricVersion], started, [], events.OfType<DotPlaced>());
        return report.Identical ? report.Dots : throw new InvalidOperationException("replay differs");
    }

    [Benchmark(Description = "read + verify the hash chain")]
    public async Task<long> ReadAndVerify()
    {
        return (await EventStore.Audit.ChainVerifier.VerifyAsync(_store, _stream)).Events;
    }
}

/// <summary>A scored session written through the journal, as the grain writes it.</summary>
internal static class SessionHistory
{
    public static async Task<string> WriteAsync(IDocumentStore store, CurriculumCatalog curriculum, string skinId, int dots)
    {
        var skin = curriculum.Skins[skinId];
        var rubric = curriculum.Rubrics[1];
        var id = Guid.NewGuid();
        var started = new SessionStarted(id, "bench", "smp-practitioner", "bench", skinId, Guid.NewGuid(), 1, rubric.Version, DateTimeOffset.UnixEpoch, []);
        var scorer = new SessionScorer(skin, rubric, 1);
        var events = new List<object> { started };
        var sequence = 0L;
        foreach (var dot in Scoring.BenchmarkDots.Session(dots, skin.WidthMm, skin.HeightMm))
        {
            if (scorer.TryPlace(dot, out var score, out _))
                events.Add(DotPlaced.From(id, ++sequence, dot, DateTimeOffset.UnixEpoch, rubric.Version, score));
        }

        var journal = new MartenJournal(store);
        var stream = StreamKeys.Session(id);
        for (var i = 0; i < events.Count; i += 1000)
        {
            if (!await journal.AppendAsync(stream, i, events.Skip(i).Take(1000).ToArray()))
                throw new InvalidOperationException("conflict while writing the benchmark session");
        }

        return stream;
    }
}
