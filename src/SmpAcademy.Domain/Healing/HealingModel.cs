using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Domain.Healing;

/// <summary>A dot as it looks once the skin has healed (about 7 days later).</summary>
public sealed record HealedDot(double X, double Y, double DiameterMm, double Shade, bool Visible, bool Blurred);

/// <summary>Shallow dots fade, deep dots spread and blur; fresh pigment also lightens as it settles.</summary>
public static class HealingModel
{
    public static double HealedDiameterMm(double depthMm, Needle needle, HealingRules rules) =>
        needle.FreshDotDiameterMm * rules.HealedDiameterByDepth.At(depthMm);

    public static HealedDot Heal(in DotPlacement dot, Zone zone, Needle needle, HealingRules rules)
    {
        var retention = rules.RetentionByDepth.At(dot.DepthMm);
        if (zone.Kind == ZoneKind.Scar)
            retention *= rules.ScarRetention;
        return new HealedDot(
            dot.X,
            dot.Y,
            HealedDiameterMm(dot.DepthMm, needle, rules),
            dot.Shade * retention * rules.HealedLightening,
            retention >= rules.VisibleRetention,
            dot.DepthMm > rules.BlurredAboveMm);
    }

    /// <summary>The healed view of a session's accepted dots, in placement order.</summary>
    public static IReadOnlyList<HealedDot> HealAll(PracticeSkin skin, Rubric rubric, IEnumerable<DotPlacement> dots) =>
        dots.Select(d => Heal(d, skin.ZoneAt(new(d.X, d.Y)), rubric.Needles[d.Needle], rubric.Healing)).ToArray();
}
