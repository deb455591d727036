using SmpAcademy.Domain.Healing;
using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Domain.Tests.Scoring;

public class SpacingScoringTests
{
    private static SessionScorer NewScorer(int session = 3) => new(TestSkins.Pad(), TestSkins.RubricV1, session);

    private static double HealedDiameter(double depth) =>
        HealingModel.HealedDiameterMm(depth, TestSkins.RubricV1.Needles[Dots.Needle], TestSkins.RubricV1.Healing);

    [TestCase(0.5)]
    [TestCase(1.3)]
    public void Two_dots_merge_exactly_when_their_healed_discs_touch(double depth)
    {
        var touching = HealedDiameter(depth);
        var scorer = NewScorer();
        scorer.Place(Dots.At(50, 50, depth));
        Assert.That(scorer.Place(Dots.At(50 + (touching * 0.99), 50, depth)).Flags.HasFlag(DotFlags.Merge), Is.True);

        scorer = NewScorer();
        scorer.Place(Dots.At(50, 50, depth));
        Assert.That(scorer.Place(Dots.At(50 + (touching * 1.01), 50, depth)).Flags.HasFlag(DotFlags.Merge), Is.False);
    }

    [Test]
    public void Deep_dots_spread_so_they_merge_at_a_distance_where_shallow_ones_do_not()
    {
        var distance = (HealedDiameter(0.5) + HealedDiameter(1.3)) / 2;
        Assert.That(distance, Is.GreaterThan(HealedDiameter(0.5)));
        var shallow = NewScorer();
        shallow.Place(Dots.At(50, 50, 0.5));
        var deep = NewScorer();
        deep.Place(Dots.At(50, 50, 1.3));
        Assert.That(shallow.Place(Dots.At(50 + distance, 50, 0.5)).Flags.HasFlag(DotFlags.Merge), Is.False);
        Assert.That(deep.Place(Dots.At(50 + distance, 50, 1.3)).Flags.HasFlag(DotFlags.Merge), Is.True);
    }

    [Test]
    public void A_dot_closer_than_the_too_close_distance_scores_zero_on_spacing()
    {
        var scorer = NewScorer();
        scorer.Place(Dots.At(50, 50));
        var score = scorer.Place(Dots.At(50 + (TestSkins.RubricV1.Spacing.TooCloseMm * 0.9), 50));
        Assert.That(score.Spacing, Is.Zero);
        Assert.That(score.NearestDotMm, Is.EqualTo(TestSkins.RubricV1.Spacing.TooCloseMm * 0.9).Within(1e-12));
    }

    [Test]
    public void The_first_dot_and_a_dot_at_the_target_gap_score_full_marks()
    {
        var scorer = NewScorer();
        Assert.That(scorer.Place(Dots.At(50, 50)).Spacing, Is.EqualTo(100));
        Assert.That(scorer.Place(Dots.At(51, 50)).Spacing, Is.EqualTo(100), "session 3 pad target gap is 0.78 mm");
    }

    [Test]
    public void Session_one_wants_sparser_dots_than_session_three()
    {
        double SpacingAt(int session)
        {
            var scorer = NewScorer(session);
            scorer.Place(Dots.At(50, 50));
            return scorer.Place(Dots.At(50.7, 50)).Spacing;
        }

        Assert.That(SpacingAt(1), Is.LessThan(SpacingAt(3)));
    }

    [Test]
    public void Dots_from_earlier_sessions_of_the_course_count_as_neighbours()
    {
        var fresh = NewScorer(2);
        var later = NewScorer(2);
        later.AddEarlierSessionDot(Dots.At(50, 50));

        Assert.That(fresh.Place(Dots.At(50.35, 50)).Spacing, Is.EqualTo(100), "alone on the skin");
        var crowded = later.Place(Dots.At(50.35, 50));
        Assert.That(crowded.NearestDotMm, Is.EqualTo(0.35).Within(1e-9));
        Assert.That(crowded.Spacing, Is.LessThan(50));
    }

    [Test]
    public void A_grid_pattern_is_flagged_as_grid_pattern()
    {
        var scorer = NewScorer();
        var scores = Dots.Grid(2, 98, 1.15).Select(d => scorer.Place(d)).ToArray();
        var judged = scores.Where(s => s.PatternIndex is not null).ToArray();
        Assert.That(judged, Has.Length.GreaterThan(scores.Length * 0.9));
        var flagged = judged.Count(s => s.Flags.HasFlag(DotFlags.GridPattern));
        Assert.That(flagged, Is.GreaterThan(judged.Length * 0.9), $"{flagged} of {judged.Length} grid dots flagged");
        Assert.That(Median(judged), Is.InRange(1.9, 2.1), "R of a square lattice is 2");
    }

    [TestCase(1)]
    [TestCase(2)]
    public void A_random_pattern_is_not_flagged_as_grid_pattern(int seed)
    {
        foreach (var dots in new[] { Dots.Random(7000, 2, 98, seed), Dots.RandomInRows(7000, 2, 98, seed) })
        {
            var scorer = NewScorer();
            var judged = dots.Select(d => scorer.Place(d)).Where(s => s.PatternIndex is not null).ToArray();
            var flagged = judged.Count(s => s.Flags.HasFlag(DotFlags.GridPattern));
            Assert.That(judged, Has.Length.GreaterThan(3500), "most dots get judged once the skin fills up");
            Assert.That(flagged, Is.LessThan(judged.Length * 0.01), $"{flagged} of {judged.Length} random dots flagged as grid");
            Assert.That(Median(judged), Is.InRange(0.85, 1.2), "R of a random pattern is about 1");
        }
    }

    [Test]
    public void Clumped_dots_are_flagged_as_clumping()
    {
        var random = new Random(3);
        var clumps = Dots.Random(250, 5, 95, 3)
            .SelectMany(centre => Enumerable.Range(0, 6).Select(_ => centre with { X = centre.X + (random.NextDouble() * 0.6), Y = centre.Y + (random.NextDouble() * 0.6) }))
            .ToArray();
        var scorer = NewScorer();
        var judged = clumps.Select(d => scorer.Place(d)).Where(s => s.PatternIndex is not null).ToArray();
        var flagged = judged.Count(s => s.Flags.HasFlag(DotFlags.Clumping));
        Assert.That(flagged, Is.GreaterThan(judged.Length * 0.5), $"{flagged} of {judged.Length} clumped dots flagged");
    }

    private static double Median(DotScore[] judged) =>
        judged.Select(s => s.PatternIndex!.Value).Order().ElementAt(judged.Length / 2);
}
