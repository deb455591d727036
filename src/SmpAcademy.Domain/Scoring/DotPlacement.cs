namespace SmpAcademy.Domain.Scoring;

/// <summary>What a trainee does with one dot: where, with which needle, how deep and how dark.</summary>
/// <param name="Shade">Pigment strength 0–1; 1 is undiluted black.</param>
public readonly record struct DotPlacement(double X, double Y, string Needle, double DepthMm, double Shade);
