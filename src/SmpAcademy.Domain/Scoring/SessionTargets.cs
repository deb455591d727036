using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Domain.Scoring;

/// <summary>What one zone asks for in one session of a course, as the scorer sees it.</summary>
/// <param name="TargetGapMm">The nearest-neighbour gap of a natural pattern at this session's density.</param>
/// <param name="TargetShade">Pigment strength (0–1) matched to the hair, before any hairline fade.</param>
public sealed record ZoneTargets(string ZoneId, double TargetGapMm, double TargetShade);

/// <summary>The scorer's zone targets, for showing beside the dots (plots, overlays); the scorer stays the judge.</summary>
public static class SessionTargets
{
    public static IReadOnlyList<ZoneTargets> For(PracticeSkin skin, Rubric rubric, int sessionNumber)
    {
        ArgumentNullException.ThrowIfNull(skin);
        ArgumentNullException.ThrowIfNull(rubric);
        return [.. skin.Zones.Select(zone =>
        {
            var plan = ZonePlan.For(zone, skin, rubric, sessionNumber);
            return new ZoneTargets(zone.Id, plan.TargetGapMm, rubric.Shade.ShadeOfDilution(plan.BaseDilution));
        })];
    }
}
