using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Domain.Sessions;

/// <summary>Running totals of a session's dots, kept as events are applied.</summary>
public sealed class SessionTally
{
    public int Dots { get; set; }

    public double DepthSum { get; set; }

    public double SpacingSum { get; set; }

    public double ShadeSum { get; set; }

    public Dictionary<string, int> ZoneCounts { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> FlagCounts { get; set; } = new(StringComparer.Ordinal);

    public void Add(DotPlaced dot)
    {
        Dots++;
        DepthSum += dot.DepthScore;
        SpacingSum += dot.SpacingScore;
        ShadeSum += dot.ShadeScore;
        ZoneCounts[dot.Zone] = ZoneCounts.GetValueOrDefault(dot.Zone) + 1;
        foreach (var name in dot.Flags.Names())
            FlagCounts[name] = FlagCounts.GetValueOrDefault(name) + 1;
    }

    public double MeanDepthScore => DepthSum / Math.Max(Dots, 1);

    public double MeanSpacingScore => SpacingSum / Math.Max(Dots, 1);

    public double MeanShadeScore => ShadeSum / Math.Max(Dots, 1);

    /// <summary>Dots per cm² in each zone that received dots, by zone id.</summary>
    public Dictionary<string, double> ZoneDensityPerCm2(PracticeSkin skin)
    {
        ArgumentNullException.ThrowIfNull(skin);
        var areas = skin.ZoneAreasMm2();
        return ZoneCounts.Where(z => areas.GetValueOrDefault(z.Key) > 0)
            .OrderBy(z => z.Key, StringComparer.Ordinal)
            .ToDictionary(z => z.Key, z => z.Value / (areas[z.Key] / 100));
    }

    /// <summary>Share of dots carrying each flag, by flag name.</summary>
    public Dictionary<string, double> FlagRates() =>
        FlagCounts.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => f.Value / (double)Math.Max(Dots, 1));

    public SessionSummary Summarise(PracticeSkin skin, TimeSpan activeDuration) =>
        new(Dots, MeanDepthScore, MeanSpacingScore, MeanShadeScore, ZoneDensityPerCm2(skin),
            FlagCounts.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => f.Value), activeDuration);
}
