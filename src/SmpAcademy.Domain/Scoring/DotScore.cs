namespace SmpAcademy.Domain.Scoring;

/// <summary>The immediate feedback on one dot: three axes 0–100 and flags.</summary>
/// <param name="NearestDotMm">Distance to the nearest earlier dot; null when none is near enough to matter.</param>
/// <param name="PatternIndex">Clark–Evans R around the dot; null until dots surround it.</param>
public sealed record DotScore(
    string Zone,
    double Depth,
    double Spacing,
    double Shade,
    DotFlags Flags,
    double? NearestDotMm,
    double? PatternIndex);
