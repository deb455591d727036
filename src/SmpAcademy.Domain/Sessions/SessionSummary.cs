using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Domain.Sessions;

/// <summary>What a completed session amounts to: the basis of pass criteria and progress.</summary>
/// <param name="ZoneDensityPerCm2">Dots per cm² in each zone that received dots.</param>
/// <param name="FlagCounts">Dots carrying each flag, by flag name.</param>
public sealed record SessionSummary(
    int Dots,
    double MeanDepthScore,
    double MeanSpacingScore,
    double MeanShadeScore,
    IReadOnlyDictionary<string, double> ZoneDensityPerCm2,
    IReadOnlyDictionary<string, int> FlagCounts,
    TimeSpan ActiveDuration)
{
    public double FlagRate(DotFlags flag) =>
        Dots == 0 ? 0 : FlagCounts.GetValueOrDefault(DotFlagNames.All.Single(f => f.Flag == flag).Name) / (double)Dots;
}
