using BenchmarkDotNet.Attributes;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Healing;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Skins;
using SmpAcademy.Testing;

namespace SmpAcademy.Benchmarks.Scoring;

/// <summary>How a whole session's dots look once healed (fade, spread, blur), per session of 10,000 dots.</summary>
[MemoryDiagnoser]
public class HealingBenchmarks
{
    private PracticeSkin _skin = null!;
    private Rubric _rubric = null!;
    private DotPlacement[] _dots = [];

    public int Dots => 10_000;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = CurriculumLoader.Load(RepoPaths.Curriculum);
        _skin = catalog.Skins["norwood-6-full-scalp"];
        _rubric = catalog.Rubrics[1];
        _dots = BenchmarkDots.Session(Dots, _skin.WidthMm, _skin.HeightMm);
    }

    [Benchmark(Description = "HealingModel.HealAll, 10k dots")]
    public int HealSession() => HealingModel.HealAll(_skin, _rubric, _dots).Count;
}
