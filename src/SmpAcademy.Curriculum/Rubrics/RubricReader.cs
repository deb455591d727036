using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Curriculum.Rubrics;

/// <summary>Reads and checks one rubric version (format: curriculum/rubrics/v1.yaml).</summary>
internal static class RubricReader
{
    public static Rubric Read(YamlReader root, int expectedVersion)
    {
        RequireSources(root, covered: false, isRoot: true);
        var version = root.Required("version").Integer(1, 1000);
        if (version != expectedVersion)
            root.Required("version").Error($"version {version} must match the file name v{expectedVersion}.yaml");

        var depth = root.Required("depth");
        var spacing = root.Required("spacing");
        var pattern = root.Required("pattern");
        var shade = root.Required("shade");
        var healing = root.Required("healing");
        return new Rubric(
            version,
            root.Required("name").Text(),
            new DepthRules(
                Curve(depth.Required("score"), 0, 100),
                depth.Required("fadeRisk").Required("belowMm").Number(0, 1),
                depth.Required("blowoutRisk").Required("aboveMm").Number(0.3, 3),
                depth.Required("blowoutRisk").Required("freshDiameterAboveMm").Number(0.05, 2),
                Curve(depth.Required("freshSpread"), 0.1, 10)),
            new SpacingRules(
                spacing.Required("sessionDensityShare").Required("values").Items(minimum: 1).Select(v => v.Number(0.01, 1)).ToArray(),
                spacing.Required("naturalPattern").Required("index").Number(0.5, 2.15),
                Curve(spacing.Required("gapRatioScore"), 0, 100),
                spacing.Required("tooClose").Required("belowMm").Number(0, 5),
                spacing.Required("besideHair").Required("minimumDotShare").Number(0, 1)),
            new PatternRules(
                pattern.Required("window").Required("halfSizeInGaps").Number(1, 20),
                pattern.Required("window").Required("minimumDots").Integer(3, 1000),
                pattern.Required("thresholds").Required("gridAbove").Number(1, 3),
                pattern.Required("thresholds").Required("clumpingBelow").Number(0, 1),
                Curve(pattern.Required("score"), 0, 100)),
            ReadShade(shade),
            new HealingRules(
                Curve(healing.Required("retention"), 0, 1),
                healing.Required("scar").Required("retentionFactor").Number(0, 1),
                healing.Required("lightening").Required("healedOverFresh").Number(0, 1),
                Curve(healing.Required("healedDiameter"), 0.05, 10),
                healing.Required("visibility").Required("minimumRetention").Number(0, 1),
                healing.Required("visibility").Required("blurredAboveMm").Number(0.3, 3)),
            ReadNeedles(root.Required("needles")),
            ReadZoneTargets(root.Required("zones")));
    }

    private static ShadeRules ReadShade(YamlReader shade)
    {
        var baseDilution = shade.Required("baseDilution");
        var darker = shade.Required("darkerWeight");
        return new ShadeRules(
            shade.Required("dilutionScale").Required("lightestDilution").Number(1, 1000),
            Enum.GetValues<HairColour>().ToDictionary(c => c, c => baseDilution.Required(YamlReader.Kebab(c.ToString())).Number(0, 1000)),
            shade.Required("sessions").Required("lighterBy").Items(minimum: 1).Select(v => v.Number(-100, 100)).ToArray(),
            shade.Required("hairline").Required("lighterBy").Number(0, 100),
            shade.Required("hairline").Required("fadeOverMm").Number(0.1, 100),
            Curve(shade.Required("deviationScore"), 0, 100),
            shade.Required("offShade").Required("above").Number(0, 1),
            Enum.GetValues<FitzpatrickType>().ToDictionary(t => t, t => darker.Required(t.ToString()).Number(0.1, 10)));
    }

    private static Dictionary<string, Needle> ReadNeedles(YamlReader needles)
    {
        var result = new Dictionary<string, Needle>(StringComparer.Ordinal);
        foreach (var item in needles.Required("list").Items(minimum: 1))
        {
            var needle = new Needle(
                item.Required("id").Text("?"),
                item.Required("grouping").Integer(1, 20),
                item.Required("gaugeMm").Number(0.1, 1),
                item.Required("freshDotMm").Number(0.05, 2),
                item.Required("zones").Items(minimum: 1).Select(z => z.Enum(ZoneKind.MidScalp)).ToHashSet());
            if (!result.TryAdd(needle.Id, needle))
                item.Required("id").Error($"needle '{needle.Id}' is listed twice");
        }

        return result;
    }

    private static Dictionary<ZoneKind, ZoneTarget> ReadZoneTargets(YamlReader zones)
    {
        var density = zones.Required("densityPerCm2");
        return Enum.GetValues<ZoneKind>().ToDictionary(k => k, k => new ZoneTarget(density.Required(YamlReader.Kebab(k.ToString())).Number(1, 200)));
    }

    private static Curve Curve(YamlReader group, double minY, double maxY)
    {
        var points = group.Required("points").Items(minimum: 1).Select(p =>
        {
            var xy = p.Items();
            if (xy.Count != 2)
            {
                p.Error("a curve point is [x, y]");
                return (0.0, 0.0);
            }

            return (xy[0].Number(), xy[1].Number(minY, maxY));
        }).ToArray();
        for (var i = 1; i < points.Length; i++)
        {
            if (!(points[i].Item1 > points[i - 1].Item1))
            {
                group.Required("points").Error($"x must increase from point to point (point {i})");
                return new Curve([(0, 0)]);
            }
        }

        return points.Length == 0 ? new Curve([(0, 0)]) : new Curve(points);
    }

    /// <summary>Every number in a rubric sits under a group with a `source:` (a citation or "estimate").</summary>
    private static void RequireSources(YamlReader node, bool covered, bool isRoot)
    {
        if (node.IsMapping)
        {
            var hasSource = !isRoot && node.Has("source");
            if (hasSource)
                _ = node.Required("source").Text();
            foreach (var key in node.Keys)
            {
                if (key is "source" or "basis" || (isRoot && key is "version"))
                    continue;
                RequireSources(node.Optional(key), covered || hasSource, isRoot: false);
            }
        }
        else if (node.IsSequence)
        {
            foreach (var item in node.Items())
                RequireSources(item, covered, isRoot: false);
        }
        else if (node.IsNumber && !covered)
        {
            node.Error("this number has no source: add 'source:' (a citation, or the word estimate) to its group");
        }
    }
}
