using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Testing;

namespace SmpAcademy.Benchmarks.Sessions;

/// <summary>
/// What an active 10,000-dot session grain keeps in memory: its recorded dots, the scorer's spatial
/// index rebuilt by replay, and the journaled state (confirmed and tentative copies). Measured as the
/// managed heap retained after a full collection, with the dots' events themselves counted.
///   dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- memory [--dots 10000]
/// </summary>
public static class SessionMemory
{
    public static void Run(string[] args)
    {
        var count = Array.IndexOf(args, "--dots") is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        var curriculum = CurriculumLoader.Load(RepoPaths.Curriculum);
        var skin = curriculum.Skins["norwood-6-full-scalp"];
        var rubric = curriculum.Rubrics[1];
        var id = Guid.NewGuid();
        var started = new SessionStarted(id, "bench", "smp-practitioner", "bench", skin.Id, Guid.NewGuid(), 1, rubric.Version, DateTimeOffset.UnixEpoch, []);
        var placements = Scoring.BenchmarkDots.Session(count, skin.WidthMm, skin.HeightMm);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var (grain, dots) = Build(started, placements, skin, rubric, id);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(grain);
        Console.WriteLine(FormattableString.Invariant(
            $"an active session grain's own data with {dots:N0} dots: {(after - before) / 1e6:0.00} MB retained ({(after - before) / (double)dots:0} bytes per dot: events, spatial index, state twice)"));
    }

    private static (object Held, int Dots) Build(SessionStarted started, DotPlacement[] placements, Domain.Skins.PracticeSkin skin, Domain.Rubrics.Rubric rubric, Guid id)
    {
        var scorer = new SessionScorer(skin, rubric, 1);
        var events = new List<DotPlaced>(placements.Length);
        foreach (var dot in placements)
        {
            if (scorer.TryPlace(dot, out var score, out _))
                events.Add(DotPlaced.From(id, events.Count + 1, dot, DateTimeOffset.UnixEpoch.AddSeconds(events.Count), rubric.Version, score));
        }

        // As on reactivation: the replayed scorer, the dots, and the state (confirmed + tentative).
        var (replayed, _) = Rescoring.Replay(skin, rubric, started, [], events);
        var confirmed = new PracticeSessionState();
        var tentative = new PracticeSessionState();
        foreach (var state in new[] { confirmed, tentative })
        {
            state.Apply(started);
            foreach (var e in events)
                state.Apply(e);
        }

        return (new object[] { replayed, events, confirmed, tentative }, events.Count);
    }
}
