using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Domain.Tests.Audit;

public class RescoringTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static (SessionStarted Started, DotPlaced[] Dots) RecordSession(int count, int session = 2)
    {
        var skin = TestSkins.Shipped("norwood-6-full-scalp");
        var started = new SessionStarted(Guid.NewGuid(), "ana", "smp-practitioner", "three-session-course", skin.Id, Guid.NewGuid(), session, 1, T0, []);
        var scorer = new SessionScorer(skin, TestSkins.RubricV1, session);
        var random = new Random(11);
        var dots = new List<DotPlaced>();
        while (dots.Count < count)
        {
            var placement = new DotPlacement(random.NextDouble() * 200, random.NextDouble() * 260, "1RL-0.25", 0.2 + (random.NextDouble() * 1.0), random.NextDouble());
            if (scorer.TryPlace(placement, out var score, out _))
                dots.Add(DotPlaced.From(started.SessionId, dots.Count + 1, placement, T0, 1, score));
        }

        return (started, [.. dots]);
    }

    [Test]
    public void Re_scoring_a_long_session_with_its_rubric_reproduces_every_score_bit_for_bit()
    {
        var (started, dots) = RecordSession(30_000);
        var report = Rescoring.Rescore(TestSkins.Shipped(started.SkinId), TestSkins.RubricV1, started, [], dots);
        Assert.That(report.Dots, Is.EqualTo(30_000));
        Assert.That(report.Mismatches, Is.Empty);
        Assert.That(report.Identical, Is.True);
    }

    [Test]
    public void An_altered_score_is_reported_with_its_dot_field_and_both_values()
    {
        var (started, dots) = RecordSession(500);
        dots[123] = dots[123] with { SpacingScore = dots[123].SpacingScore + 1e-9 };
        dots[400] = dots[400] with { Flags = dots[400].Flags ^ DotFlags.Merge };

        var report = Rescoring.Rescore(TestSkins.Shipped(started.SkinId), TestSkins.RubricV1, started, [], dots);

        Assert.That(report.Mismatches.Select(m => (m.Sequence, m.Field)), Is.EqualTo(new[] { (124L, "spacing"), (401L, "flags") }));
        Assert.That(report.Mismatches[0].Recorded - report.Mismatches[0].Recomputed, Is.EqualTo(1e-9).Within(1e-12));
    }

    [Test]
    public void A_dot_moved_onto_its_neighbour_no_longer_matches_its_recorded_spacing()
    {
        var (started, dots) = RecordSession(2000);
        dots[10] = dots[10] with { X = dots[9].X, Y = dots[9].Y + 0.1 };
        var report = Rescoring.Rescore(TestSkins.Shipped(started.SkinId), TestSkins.RubricV1, started, [], dots);
        Assert.That(report.Mismatches.Select(m => (m.Sequence, m.Field)), Has.Member((11L, "spacing")).And.Member((11L, "flags")));
    }

    [Test]
    public void The_rubric_must_be_the_version_recorded_in_the_session()
    {
        var (started, dots) = RecordSession(10);
        Assert.That(() => Rescoring.Rescore(TestSkins.Shipped(started.SkinId), TestSkins.RubricV1 with { Version = 2 }, started, [], dots),
            Throws.ArgumentException.With.Message.Contains("rubric v1"));
    }
}
