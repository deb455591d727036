using SmpAcademy.Domain.Healing;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Skins;
using SmpAcademy.Domain.Tests.Scoring;

namespace SmpAcademy.Domain.Tests.Healing;

public class HealingModelTests
{
    private static HealedDot Heal(double depth, ZoneKind kind = ZoneKind.PracticePad, double shade = 0.7)
    {
        var zone = TestSkins.Pad().Zones[0] with { Kind = kind };
        var rubric = TestSkins.RubricV1;
        return HealingModel.Heal(Dots.At(10, 10, depth, shade), zone, rubric.Needles[Dots.Needle], rubric.Healing);
    }

    [Test]
    public void A_well_placed_dot_heals_smaller_and_lighter_but_stays_visible()
    {
        var healed = Heal(0.5);
        Assert.That(healed.Visible, Is.True);
        Assert.That(healed.Blurred, Is.False);
        Assert.That(healed.Shade, Is.LessThan(0.7));
        Assert.That(healed.DiameterMm, Is.InRange(0.10, 0.15), "healed dots are 0.10–0.15 mm");
    }

    [Test]
    public void A_shallow_dot_fades_away()
    {
        var healed = Heal(0.05);
        Assert.That(healed.Visible, Is.False);
        Assert.That(healed.Shade, Is.LessThan(Heal(0.5).Shade / 4));
    }

    [Test]
    public void A_deep_dot_spreads_and_blurs()
    {
        var healed = Heal(1.4);
        Assert.That(healed.Blurred, Is.True);
        Assert.That(healed.DiameterMm, Is.GreaterThan(Heal(0.5).DiameterMm * 2));
    }

    [Test]
    public void Scar_tissue_holds_less_pigment_than_healthy_skin() =>
        Assert.That(Heal(0.5, ZoneKind.Scar).Shade, Is.LessThan(Heal(0.5).Shade));

    [Test]
    public void The_healed_view_of_a_session_keeps_every_dot_in_order()
    {
        var dots = new[] { Dots.At(1, 1), Dots.At(2, 2, depth: 0.05), Dots.At(3, 3, depth: 1.3) };
        var healed = HealingModel.HealAll(TestSkins.Pad(), TestSkins.RubricV1, dots);
        Assert.That(healed.Select(h => (h.X, h.Y)), Is.EqualTo(dots.Select(d => (d.X, d.Y))));
        Assert.That(healed.Select(h => h.Visible), Is.EqualTo(new[] { true, false, true }));
    }
}
