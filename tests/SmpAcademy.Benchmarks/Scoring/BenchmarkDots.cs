using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Benchmarks.Scoring;

/// <summary>
/// A session's dots as a trainee lays them: row by row across the whole skin, jittered around an even
/// spacing chosen so that exactly <c>count</c> dots cover it; depths and shades vary. Seeded.
/// </summary>
internal static class BenchmarkDots
{
    public static DotPlacement[] Session(int count, double width, double height, int seed = 42)
    {
        var random = new Random(seed);
        var spacing = Math.Sqrt(width * height / count);
        var dots = new List<DotPlacement>(count);
        for (var y = spacing / 2; dots.Count < count; y += spacing)
        {
            if (y >= height)
                y = spacing / 3;
            for (var x = spacing / 2; x < width && dots.Count < count; x += spacing)
            {
                dots.Add(new DotPlacement(
                    Math.Clamp(x + ((random.NextDouble() - 0.5) * spacing), 0, width),
                    Math.Clamp(y + ((random.NextDouble() - 0.5) * spacing), 0, height),
                    "1RL-0.25",
                    0.3 + (random.NextDouble() * 0.6),
                    0.6 + (random.NextDouble() * 0.3)));
            }
        }

        return [.. dots];
    }
}
