using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Domain.Rubrics;

/// <summary>
/// One released version of the scoring rules. Never edited: changed numbers make a new version,
/// and every scored dot records the version that scored it so auditors can re-run it.
/// </summary>
public sealed record Rubric(
    int Version,
    string Name,
    DepthRules Depth,
    SpacingRules Spacing,
    PatternRules Pattern,
    ShadeRules Shade,
    HealingRules Healing,
    IReadOnlyDictionary<string, Needle> Needles,
    IReadOnlyDictionary<ZoneKind, ZoneTarget> Zones)
{
    /// <summary>"sha256:" and the hex SHA-256 of the file it was read from: what a session records beside the version.</summary>
    public string Digest { get; init; } = "";
}

/// <param name="Score">Depth score (0–100) by deposit depth in mm.</param>
/// <param name="FreshSpreadByDepth">Factor on the needle's fresh dot diameter by depth (pressure blurs dots).</param>
public sealed record DepthRules(
    Curve Score,
    double FadeRiskBelowMm,
    double BlowoutRiskAboveMm,
    double BlowoutFreshDiameterMm,
    Curve FreshSpreadByDepth);

/// <param name="SessionDensityShare">Share of the zone's final density reached after session 1, 2, 3…</param>
/// <param name="NaturalPatternIndex">Clark–Evans R of a natural pattern; sets the target nearest-neighbour gap.</param>
/// <param name="GapRatioScore">Spacing score by (nearest-neighbour distance / target gap).</param>
/// <param name="TooCloseMm">Closer than this to another dot scores 0 on spacing.</param>
/// <param name="MinimumDotShareBesideHair">Where hair still grows, dots fill the rest, but never below this share.</param>
public sealed record SpacingRules(
    IReadOnlyList<double> SessionDensityShare,
    double NaturalPatternIndex,
    Curve GapRatioScore,
    double TooCloseMm,
    double MinimumDotShareBesideHair)
{
    public double ShareInSession(int sessionNumber) =>
        SessionDensityShare[Math.Clamp(sessionNumber, 1, SessionDensityShare.Count) - 1];
}

/// <param name="WindowHalfInGaps">Half the side of the square window, in target gaps, over which R is taken.</param>
/// <param name="MinimumDots">Fewest dots (new one included) in the window, or its filled half, to judge R.</param>
public sealed record PatternRules(
    double WindowHalfInGaps,
    int MinimumDots,
    double GridAbove,
    double ClumpingBelow,
    Curve Score);

/// <summary>
/// Shades are reasoned about as dilution N (N parts water : 1 part pigment); the dot's shade
/// (pigment strength 0–1) maps onto it as shade = 1 − N / DilutionScale.
/// </summary>
public sealed record ShadeRules(
    double DilutionScale,
    IReadOnlyDictionary<HairColour, double> BaseDilution,
    IReadOnlyList<double> SessionLighterBy,
    double HairlineLighterBy,
    double HairlineFadeMm,
    Curve DeviationScore,
    double OffShadeAbove,
    IReadOnlyDictionary<FitzpatrickType, double> DarkerWeight)
{
    public double ShadeOfDilution(double dilution) => 1 - (dilution / DilutionScale);

    public double LighterInSession(int sessionNumber) =>
        SessionLighterBy[Math.Clamp(sessionNumber, 1, SessionLighterBy.Count) - 1];
}

/// <param name="RetentionByDepth">Share of pigment left once healed, by depth (shallow dots fade).</param>
/// <param name="ScarRetention">Factor on retention in scar tissue (scars fade faster).</param>
/// <param name="HealedLightening">Healed strength / fresh strength (fresh looks darker).</param>
/// <param name="HealedDiameterByDepth">Healed dot diameter / needle's fresh diameter, by depth (deep dots spread).</param>
/// <param name="VisibleRetention">Below this retention a healed dot is gone.</param>
/// <param name="BlurredAboveMm">Deeper than this a healed dot is blurred (a visible blowout).</param>
public sealed record HealingRules(
    Curve RetentionByDepth,
    double ScarRetention,
    double HealedLightening,
    Curve HealedDiameterByDepth,
    double VisibleRetention,
    double BlurredAboveMm);

/// <summary>A needle configuration, e.g. "1RL-0.20" (one round-liner needle of 0.20 mm).</summary>
public sealed record Needle(string Id, int Grouping, double GaugeMm, double FreshDotDiameterMm, IReadOnlySet<ZoneKind> SuitedZones);

/// <summary>Final (after the last session) density of dots plus hair the zone should reach.</summary>
public sealed record ZoneTarget(double DensityPerCm2);
