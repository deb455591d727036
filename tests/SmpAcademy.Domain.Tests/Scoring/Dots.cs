using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Domain.Tests.Scoring;

/// <summary>Dot patterns for tests; seeded so every run sees the same dots.</summary>
internal static class Dots
{
    public const string Needle = "1RL-0.25";

    public static DotPlacement At(double x, double y, double depth = 0.5, double shade = 0.6, string needle = Needle) =>
        new(x, y, needle, depth, shade);

    /// <summary>A square lattice filled row by row, as a trainee working across the skin would.</summary>
    public static IEnumerable<DotPlacement> Grid(double from, double to, double spacing)
    {
        for (var y = from; y <= to; y += spacing)
        {
            for (var x = from; x <= to; x += spacing)
                yield return At(x, y);
        }
    }

    /// <summary>Uniformly random (Poisson) positions in a square.</summary>
    public static IEnumerable<DotPlacement> Random(int count, double from, double to, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
            yield return At(from + (random.NextDouble() * (to - from)), from + (random.NextDouble() * (to - from)));
    }

    /// <summary>Random positions sorted front to back, like a trainee filling rows of a random pattern.</summary>
    public static IEnumerable<DotPlacement> RandomInRows(int count, double from, double to, int seed) =>
        Random(count, from, to, seed).OrderBy(d => Math.Floor(d.Y / 2)).ThenBy(d => d.X);
}
