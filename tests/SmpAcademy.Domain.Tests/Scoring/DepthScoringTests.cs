using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Domain.Tests.Scoring;

public class DepthScoringTests
{
    private static DotScore ScoreAlone(double depth, string needle = Dots.Needle) =>
        new SessionScorer(TestSkins.Pad(), TestSkins.RubricV1, 1).Place(Dots.At(50, 50, depth, needle: needle));

    [TestCase(0.3)]
    [TestCase(0.5)]
    [TestCase(0.8)]
    public void A_dot_inside_the_target_band_scores_full_marks_without_flags(double depth)
    {
        var score = ScoreAlone(depth);
        Assert.That(score.Depth, Is.EqualTo(100));
        Assert.That(score.Flags & (DotFlags.FadeRisk | DotFlags.BlowoutRisk), Is.EqualTo(DotFlags.None));
    }

    [Test]
    public void The_depth_score_falls_as_the_dot_leaves_the_band_on_either_side()
    {
        double[] deeper = [0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.35];
        double[] shallower = [0.3, 0.25, 0.2, 0.15, 0.1, 0.05];
        foreach (var path in new[] { deeper, shallower })
        {
            var scores = path.Select(d => ScoreAlone(d).Depth).ToArray();
            for (var i = 1; i < scores.Length; i++)
                Assert.That(scores[i], Is.LessThan(scores[i - 1]), $"depth {path[i]} should score below depth {path[i - 1]}");
        }
    }

    [TestCase(0.14)]
    [TestCase(0.05)]
    public void Too_shallow_is_flagged_as_fade_risk(double depth) =>
        Assert.That(ScoreAlone(depth).Flags.HasFlag(DotFlags.FadeRisk), Is.True);

    [Test]
    public void A_dot_at_or_above_the_zones_epidermis_is_a_fade_risk_even_where_the_rubric_threshold_is_passed()
    {
        var thickEpidermis = TestSkins.Pad() with { Zones = [TestSkins.Pad().Zones[0] with { EpidermisMm = 0.18 }] };
        var score = new SessionScorer(thickEpidermis, TestSkins.RubricV1, 1).Place(Dots.At(50, 50, depth: 0.17));
        Assert.That(score.Flags.HasFlag(DotFlags.FadeRisk), Is.True);
    }

    [TestCase(1.25)]
    [TestCase(1.35)]
    public void Too_deep_is_flagged_as_blowout_risk_with_a_steep_penalty(double depth)
    {
        var score = ScoreAlone(depth);
        Assert.That(score.Flags.HasFlag(DotFlags.BlowoutRisk), Is.True);
        Assert.That(score.Depth, Is.LessThan(25));
    }

    [Test]
    public void A_wide_needle_pushed_deep_in_the_band_blows_out_by_dot_size()
    {
        // 3RL-0.30 makes a 0.34 mm fresh dot; pressure at 0.9 mm spreads it past the 0.35 mm limit.
        Assert.That(ScoreAlone(0.9, "3RL-0.30").Flags.HasFlag(DotFlags.BlowoutRisk), Is.True);
        Assert.That(ScoreAlone(0.9, "1RL-0.20").Flags.HasFlag(DotFlags.BlowoutRisk), Is.False);
    }
}
