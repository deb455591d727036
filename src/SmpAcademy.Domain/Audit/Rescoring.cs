using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Domain.Audit;

/// <summary>One recorded dot whose score the rubric no longer reproduces bit for bit.</summary>
public sealed record ScoreMismatch(long Sequence, string Field, double Recorded, double Recomputed);

/// <summary>What re-scoring a session found: how many dots were checked and every difference.</summary>
public sealed record RescoreReport(Guid SessionId, int RubricVersion, int Dots, IReadOnlyList<ScoreMismatch> Mismatches)
{
    public bool Identical => Mismatches.Count == 0;
}

/// <summary>
/// Replays a session dot by dot with the rubric version recorded in it, on the skin as it was (earlier
/// sessions' dots of the course first), and compares every score bit for bit with what was recorded.
/// </summary>
public static class Rescoring
{
    public static RescoreReport Rescore(PracticeSkin skin, Rubric rubric, SessionStarted started, IEnumerable<DotPlacement> earlierSessionDots, IEnumerable<DotPlaced> dots) =>
        Replay(skin, rubric, started, earlierSessionDots, dots).Report;

    /// <summary>The replay itself; its scorer holds the session's index afterwards, ready for further dots.</summary>
    public static (SessionScorer Scorer, RescoreReport Report) Replay(PracticeSkin skin, Rubric rubric, SessionStarted started, IEnumerable<DotPlacement> earlierSessionDots, IEnumerable<DotPlaced> dots)
    {
        ArgumentNullException.ThrowIfNull(started);
        ArgumentNullException.ThrowIfNull(dots);
        ArgumentNullException.ThrowIfNull(earlierSessionDots);
        if (rubric?.Version != started.RubricVersion)
            throw new ArgumentException($"the session was scored with rubric v{started.RubricVersion}, not v{rubric?.Version}", nameof(rubric));
        var scorer = new SessionScorer(skin, rubric, started.CourseSessionNumber);
        foreach (var dot in earlierSessionDots)
            scorer.AddEarlierSessionDot(dot);

        var mismatches = new List<ScoreMismatch>();
        var count = 0;
        foreach (var dot in dots)
        {
            count++;
            if (!scorer.TryPlace(dot.Placement, out var score, out var rejection))
            {
                mismatches.Add(new ScoreMismatch(dot.Sequence, $"rejected now: {rejection.Code}", 0, 0));
                continue;
            }

            Compare(dot.Sequence, "depth", dot.DepthScore, score.Depth, mismatches);
            Compare(dot.Sequence, "spacing", dot.SpacingScore, score.Spacing, mismatches);
            Compare(dot.Sequence, "shade", dot.ShadeScore, score.Shade, mismatches);
            Compare(dot.Sequence, "flags", (double)dot.Flags, (double)score.Flags, mismatches);
            if (dot.Zone != score.Zone)
                mismatches.Add(new ScoreMismatch(dot.Sequence, $"zone {dot.Zone} → {score.Zone}", 0, 0));
        }

        return (scorer, new RescoreReport(started.SessionId, rubric.Version, count, mismatches));
    }

    private static void Compare(long sequence, string field, double recorded, double recomputed, List<ScoreMismatch> mismatches)
    {
        if (BitConverter.DoubleToInt64Bits(recorded) != BitConverter.DoubleToInt64Bits(recomputed))
            mismatches.Add(new ScoreMismatch(sequence, field, recorded, recomputed));
    }
}
