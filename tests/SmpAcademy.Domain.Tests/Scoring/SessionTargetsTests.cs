using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Domain.Tests.Scoring;

/// <summary>The targets shown beside the dots must be the ones the scorer rewards.</summary>
public class SessionTargetsTests
{
    [TestCase(1)]
    [TestCase(3)]
    public void A_dot_at_the_target_gap_scores_full_spacing_and_one_well_inside_it_does_not(int session)
    {
        var pad = TestSkins.Pad();
        var gap = SessionTargets.For(pad, TestSkins.RubricV1, session).Single(t => t.ZoneId == pad.Zones[0].Id).TargetGapMm;

        var scorer = new SessionScorer(pad, TestSkins.RubricV1, session);
        scorer.Place(Dots.At(50, 50));
        Assert.That(scorer.Place(Dots.At(50 + gap, 50)).Spacing, Is.EqualTo(100));

        scorer = new SessionScorer(pad, TestSkins.RubricV1, session);
        scorer.Place(Dots.At(50, 50));
        Assert.That(scorer.Place(Dots.At(50 + (gap * 0.5), 50)).Spacing, Is.LessThan(100));
    }

    [Test]
    public void A_dot_at_the_target_shade_scores_full_shade_and_one_far_off_it_does_not()
    {
        var pad = TestSkins.Pad();
        var shade = SessionTargets.For(pad, TestSkins.RubricV1, 1).Single().TargetShade;

        Assert.That(new SessionScorer(pad, TestSkins.RubricV1, 1).Place(Dots.At(50, 50, shade: shade)).Shade, Is.EqualTo(100));
        Assert.That(new SessionScorer(pad, TestSkins.RubricV1, 1).Place(Dots.At(50, 50, shade: Math.Clamp(shade + 0.3, 0, 1))).Shade, Is.LessThan(100));
    }

    [Test]
    public void Every_zone_of_a_skin_has_its_targets() =>
        Assert.That(SessionTargets.For(TestSkins.Shipped("norwood-3-hairline"), TestSkins.RubricV1, 2).Select(t => t.ZoneId),
            Is.EqualTo(TestSkins.Shipped("norwood-3-hairline").Zones.Select(z => z.Id)));
}
