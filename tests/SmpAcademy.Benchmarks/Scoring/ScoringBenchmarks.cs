using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.KdTree;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Skins;
using SmpAcademy.Testing;

namespace SmpAcademy.Benchmarks.Scoring;

/// <summary>
/// Scoring every dot of one session (depth, spacing with merge and Clark–Evans pattern, shade) against
/// the baseline of only finding each dot's nearest earlier dot with NetTopologySuite's KdTree, on the
/// same dots in the same run. Each invocation handles one whole session of <see cref="Dots"/> dots.
/// A KdTree fed points in the order a trainee lays them (row by row) grows unbalanced, so it is also
/// measured on the same dots shuffled: its best case, which keeps the comparison honest.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const string Skin = "norwood-6-full-scalp";
    private PracticeSkin _skin = null!;
    private Rubric _rubric = null!;
    private DotPlacement[] _dots = [];
    private Coordinate[] _coordinates = [];
    private Coordinate[] _shuffled = [];

    [Params(10_000, 100_000)]
    public int Dots { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = CurriculumLoader.Load(RepoPaths.Curriculum);
        _skin = catalog.Skins[Skin];
        _rubric = catalog.Rubrics[1];
        _dots = BenchmarkDots.Session(Dots, _skin.WidthMm, _skin.HeightMm);
        _coordinates = _dots.Select(d => new Coordinate(d.X, d.Y)).ToArray();
        _shuffled = [.. _coordinates];
        new Random(7).Shuffle(_shuffled);
    }

    [Benchmark(Baseline = true, Description = "NTS KdTree nearest neighbour")]
    public double KdTreeNearestNeighbour() => NearestNeighbours(_coordinates);

    [Benchmark(Description = "NTS KdTree nearest neighbour, shuffled order")]
    public double KdTreeNearestNeighbourShuffled() => NearestNeighbours(_shuffled);

    private static double NearestNeighbours(Coordinate[] coordinates)
    {
        var tree = new KdTree<object?>();
        double sum = 0;
        foreach (var c in coordinates)
        {
            if (tree.NearestNeighbor(c) is { } nearest)
                sum += nearest.Coordinate.Distance(c);
            tree.Insert(c);
        }

        return sum;
    }

    [Benchmark(Description = "SessionScorer (full score)")]
    public double ScoreSession()
    {
        var scorer = new SessionScorer(_skin, _rubric, 3);
        double sum = 0;
        foreach (var dot in _dots)
            sum += scorer.Place(dot).Spacing;
        return sum;
    }
}
