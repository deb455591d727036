using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Cli.Simulation;

/// <summary>
/// Produces the dots a trainee of a given skill would place on a skin: a jittered layout at the given
/// spacing, row by row, with depth and shade errors. Seeded, so a run can be repeated exactly.
/// </summary>
public sealed class SimulatedTrainee(TraineeSkill skill, int seed)
{
    private readonly Random _random = new(seed);

    public IEnumerable<DotPlacement> Dots(double widthMm, double heightMm, double spacingMm, string needle, double shade)
    {
        DotPlacement? previous = null;
        for (var y = spacingMm / 2; y < heightMm; y += spacingMm)
        {
            for (var x = spacingMm / 2; x < widthMm; x += spacingMm)
            {
                var dot = previous is { } p && _random.NextDouble() < skill.RepeatRate
                    ? p with { X = Math.Clamp(p.X + Offset(0.05), 0, widthMm) }
                    : new DotPlacement(
                        Math.Clamp(x + Offset(skill.Jitter * spacingMm), 0, widthMm),
                        Math.Clamp(y + Offset(skill.Jitter * spacingMm), 0, heightMm),
                        needle,
                        Math.Max(0.02, skill.DepthMm + (Gaussian() * skill.DepthSpreadMm)),
                        Math.Clamp(shade + (Gaussian() * skill.ShadeError), 0, 1));
                previous = dot;
                yield return dot;
            }
        }
    }

    private double Offset(double amplitude) => ((_random.NextDouble() * 2) - 1) * amplitude;

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
