using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Domain.Tests.Scoring;

public class ShadeScoringTests
{
    private static double Target(int session, double lighterBy = 0)
    {
        var shade = TestSkins.RubricV1.Shade;
        return shade.ShadeOfDilution(shade.BaseDilution[HairColour.DarkBrown] + shade.LighterInSession(session) + lighterBy);
    }

    private static DotScore ScoreAlone(double shade, int session = 3, FitzpatrickType type = FitzpatrickType.III) =>
        new SessionScorer(TestSkins.Pad(type: type), TestSkins.RubricV1, session).Place(Dots.At(50, 50, shade: shade));

    [TestCase(1)]
    [TestCase(3)]
    public void The_zones_target_shade_for_the_session_scores_full_marks(int session)
    {
        var score = ScoreAlone(Target(session), session);
        Assert.That(score.Shade, Is.EqualTo(100));
        Assert.That(score.Flags.HasFlag(DotFlags.OffShade), Is.False);
    }

    [Test]
    public void Session_one_wants_a_lighter_shade_than_session_three() =>
        Assert.That(Target(1), Is.LessThan(Target(3)));

    [Test]
    public void Far_from_the_target_is_flagged_off_shade_and_scores_low()
    {
        var score = ScoreAlone(Target(3) - 0.35);
        Assert.That(score.Flags.HasFlag(DotFlags.OffShade), Is.True);
        Assert.That(score.Shade, Is.LessThan(30));
    }

    [Test]
    public void On_fair_skin_too_dark_costs_more_than_equally_too_light()
    {
        var darker = ScoreAlone(Target(3) + 0.15, type: FitzpatrickType.I).Shade;
        var lighter = ScoreAlone(Target(3) - 0.15, type: FitzpatrickType.I).Shade;
        Assert.That(darker, Is.LessThan(lighter));
    }

    [Test]
    public void The_frontal_hairline_wants_lighter_dots_towards_its_leading_edge()
    {
        var rubric = TestSkins.RubricV1;
        var edgeTarget = Target(3, rubric.Shade.HairlineLighterBy * (1 - (1 / rubric.Shade.HairlineFadeMm)));
        var scorer = new SessionScorer(TestSkins.PadWithHairline(), rubric, 3);

        var atEdgeWithZoneShade = scorer.Place(Dots.At(20, 1, shade: Target(3)));
        var atEdgeLighter = scorer.Place(Dots.At(40, 1, shade: edgeTarget));
        var farBehindEdge = scorer.Place(Dots.At(60, 15, shade: Target(3)));

        Assert.That(atEdgeLighter.Shade, Is.EqualTo(100));
        Assert.That(atEdgeWithZoneShade.Shade, Is.LessThan(100));
        Assert.That(farBehindEdge.Shade, Is.EqualTo(100));
        Assert.That(atEdgeLighter.Zone, Is.EqualTo("hairline"));
    }
}
