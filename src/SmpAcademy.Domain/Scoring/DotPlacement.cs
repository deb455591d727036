using System.Text.Json.Serialization;

namespace SmpAcademy.Domain.Scoring;

/// <summary>What a trainee does with one dot: where, with which needle, how deep and how dark.</summary>
/// <remarks>
/// The one input record for a dot: the body of a placement over HTTP, the hub argument, and the session grain's input.
/// The constructor is the JSON constructor so every field is required: a struct would otherwise be read field by
/// field, and a dot missing its position would land at (0, 0).
/// </remarks>
public readonly record struct DotPlacement
{
    /// <param name="shade">Pigment strength 0–1; 1 is undiluted black.</param>
    [JsonConstructor]
    public DotPlacement(double x, double y, string needle, double depthMm, double shade) =>
        (X, Y, Needle, DepthMm, Shade) = (x, y, needle, depthMm, shade);

    public double X { get; init; }

    public double Y { get; init; }

    public string Needle { get; init; }

    public double DepthMm { get; init; }

    /// <summary>Pigment strength 0–1; 1 is undiluted black.</summary>
    public double Shade { get; init; }
}
