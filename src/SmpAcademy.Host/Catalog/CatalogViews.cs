using SmpAcademy.Domain.Geometry;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Host.Catalog;

public sealed record BodyView(string Id, string Name);

public sealed record ExerciseView(string Id, string Name, string Description, string SkinId, int Sessions, int HealingIntervalDays,
    double MinDepthScore, double MinSpacingScore, double MinShadeScore, int MinDots, double MinMinutes, IReadOnlyList<string> ManualItems, bool RequiresSignOff);

public sealed record ModuleView(string Id, string Name, IReadOnlyList<ExerciseView> Exercises);

public sealed record ProgramView(string Id, string Name, string Description, int RubricVersion, double PracticeHours, int InstructorSignOffs,
    IReadOnlyList<ModuleView> Modules, IReadOnlyList<BodyView> Bodies);

/// <param name="SuitedZones">The kinds of zone the rubric says the needle suits: elsewhere its dots are flagged wrong-needle.</param>
public sealed record NeedleView(string Id, int Grouping, double GaugeMm, double FreshDotDiameterMm, IReadOnlyList<ZoneKind> SuitedZones);

/// <summary>A zone as it is drawn: its outline (a polygon, a strip along a line, or circles) and its targets this session.</summary>
public sealed record ZoneView(string Id, ZoneKind Kind, string Shape, IReadOnlyList<double[]> Points, double? WidthMm, double? DiameterMm,
    double EpidermisMm, double DermisMm, double? HairDensityPerCm2, HairColour? HairColour, ScarTissue? ScarTissue, IReadOnlyList<double[]>? LeadingEdge,
    double TargetGapMm, double TargetShade);

/// <summary>Depths in mm: the band that passes the exercise (or scores best), and where the flags start.</summary>
public sealed record DepthBandView(double From, double To, double FadeRiskBelowMm, double BlowoutRiskAboveMm);

/// <summary>Everything a browser needs to draw a practice skin to scale and plot dots against their targets.</summary>
public sealed record SkinView(string Id, string Name, string Description, double WidthMm, double HeightMm, int Fitzpatrick, HairColour ClientHairColour,
    int RubricVersion, int CourseSessionNumber, IReadOnlyList<ZoneView> Zones, DepthBandView DepthBand, IReadOnlyList<NeedleView> Needles);

public static class CatalogViews
{
    public static ProgramView Of(CertificationProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new(program.Id, program.Name, program.Description, program.RubricVersion, program.Requirements.PracticeHours, program.Requirements.InstructorSignOffs,
            [.. program.Modules.Select(m => new ModuleView(m.Id, m.Name, [.. m.Exercises.Select(Of)]))],
            [.. program.Bodies.Select(b => new BodyView(b.Id, b.Name))]);
    }

    private static ExerciseView Of(Exercise e) =>
        new(e.Id, e.Name, e.Description, e.SkinId, e.Sessions, e.HealingIntervalDays, e.PassCriteria.MinDepthScore, e.PassCriteria.MinSpacingScore,
            e.PassCriteria.MinShadeScore, e.PassCriteria.MinDots, e.PassCriteria.MinMinutes, e.ManualItems, e.RequiresSignOff);

    /// <param name="minDepthScore">The exercise's pass mark on depth; null for the depths that score best.</param>
    public static SkinView Of(PracticeSkin skin, Rubric rubric, int sessionNumber, double? minDepthScore)
    {
        ArgumentNullException.ThrowIfNull(skin);
        ArgumentNullException.ThrowIfNull(rubric);
        var targets = SessionTargets.For(skin, rubric, sessionNumber);
        var band = rubric.Depth.Score.RangeAtLeast(minDepthScore ?? rubric.Depth.Score.MaxY) ?? (0, 0);
        var zones = skin.Zones.Select((z, i) => Of(z, targets[i])).ToArray();
        return new(skin.Id, skin.Name, skin.Description, skin.WidthMm, skin.HeightMm, (int)skin.Fitzpatrick, skin.ClientHairColour,
            rubric.Version, sessionNumber, zones,
            new DepthBandView(Math.Max(0, band.From), Math.Min(band.To, skin.Zones.Max(z => z.TotalThicknessMm)), rubric.Depth.FadeRiskBelowMm, rubric.Depth.BlowoutRiskAboveMm),
            [.. rubric.Needles.Values.OrderBy(n => n.GaugeMm).ThenBy(n => n.Grouping).Select(n => new NeedleView(n.Id, n.Grouping, n.GaugeMm, n.FreshDotDiameterMm, [.. n.SuitedZones.Order()]))]);
    }

    private static ZoneView Of(Zone zone, ZoneTargets target)
    {
        var (kind, points, width, diameter) = zone.Shape switch
        {
            PolygonShape p => ("polygon", p.Vertices, (double?)null, (double?)null),
            StripShape s => ("strip", s.Line, s.WidthMm, null),
            CirclesShape c => ("circles", c.Centres, null, c.DiameterMm),
            _ => throw new NotSupportedException($"zone {zone.Id}: no drawing for {zone.Shape.GetType().Name}"),
        };
        return new(zone.Id, zone.Kind, kind, Pairs(points), width, diameter, zone.EpidermisMm, zone.DermisMm,
            zone.ExistingHair?.DensityPerCm2, zone.ExistingHair?.Colour, zone.ScarTissue, zone.LeadingEdge is { } edge ? Pairs(edge) : null,
            target.TargetGapMm, target.TargetShade);
    }

    private static double[][] Pairs(IEnumerable<Point> points) => [.. points.Select(p => new[] { p.X, p.Y })];
}
