using SmpAcademy.Domain.Geometry;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Domain.Scoring;

/// <summary>A zone's targets for one session, worked out once when the session's scorer is made.</summary>
internal sealed record ZonePlan(
    Zone Zone,
    double TargetGapMm,
    double WindowHalfMm,
    double BaseDilution,
    IReadOnlyList<Point>? LeadingEdge)
{
    public static ZonePlan For(Zone zone, PracticeSkin skin, Rubric rubric, int sessionNumber)
    {
        var target = rubric.Zones[zone.Kind].DensityPerCm2;
        var hair = zone.ExistingHair?.DensityPerCm2 ?? 0;
        var dotsPerCm2 = Math.Max(target - hair, target * rubric.Spacing.MinimumDotShareBesideHair)
            * rubric.Spacing.ShareInSession(sessionNumber);
        var dotsPerMm2 = dotsPerCm2 / 100;

        // Clark–Evans: a random pattern of density ρ has mean nearest-neighbour distance 0.5/√ρ;
        // a natural one is R times that.
        var gap = rubric.Spacing.NaturalPatternIndex * 0.5 / Math.Sqrt(dotsPerMm2);
        var dilution = rubric.Shade.BaseDilution[skin.HairColourIn(zone)] + rubric.Shade.LighterInSession(sessionNumber);
        return new ZonePlan(zone, gap, gap * rubric.Pattern.WindowHalfInGaps, dilution, zone.LeadingEdge);
    }
}
