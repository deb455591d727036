using FsCheck;
using FsCheck.Fluent;
using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Domain.Tests.Scoring;

public class DeterminismTests
{
    private static readonly string[] Needles = [.. TestSkins.RubricV1.Needles.Keys, "no-such-needle"];

    /// <summary>Every field as raw bits, so "equal" means bit-identical, not merely close.</summary>
    private static string Bits(DotScore s) =>
        $"{s.Zone}|{BitConverter.DoubleToInt64Bits(s.Depth)}|{BitConverter.DoubleToInt64Bits(s.Spacing)}|{BitConverter.DoubleToInt64Bits(s.Shade)}|{(int)s.Flags}"
        + $"|{(s.NearestDotMm is { } n ? BitConverter.DoubleToInt64Bits(n) : -1)}|{(s.PatternIndex is { } r ? BitConverter.DoubleToInt64Bits(r) : -1)}";

    private static string[] ScoreAll(IEnumerable<DotPlacement> dots, string skin = "norwood-6-full-scalp", int session = 2)
    {
        var scorer = new SessionScorer(TestSkins.Shipped(skin), TestSkins.RubricV1, session);
        return dots.Select(d => scorer.TryPlace(d, out var score, out var rejection) ? Bits(score) : rejection.Code).ToArray();
    }

    [Test]
    public void Rescoring_the_same_dots_with_the_same_rubric_gives_bit_identical_results()
    {
        var random = new Random(7);
        var dots = Enumerable.Range(0, 20_000).Select(_ => new DotPlacement(
            random.NextDouble() * 200, random.NextDouble() * 260, Needles[random.Next(Needles.Length)],
            random.NextDouble() * 1.6, random.NextDouble())).ToArray();

        var first = ScoreAll(dots);
        var second = ScoreAll(dots);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Count(f => f.Contains('|', StringComparison.Ordinal)), Is.GreaterThan(15_000), "most dots are accepted");
        Assert.That(first.Distinct().Count(), Is.GreaterThan(15_000), "scores vary from dot to dot");
    }

    private static Arbitrary<DotPlacement[]> DotLists() =>
        Gen.Choose(0, 2000).SelectMany(x => Gen.Choose(0, 2600).SelectMany(y => Gen.Choose(0, 160).SelectMany(depth =>
            Gen.Choose(-5, 105).SelectMany(shade => Gen.Elements(Needles).Select(needle =>
                new DotPlacement(x / 10.0, y / 10.0, needle, depth / 100.0, shade / 100.0))))))
            .ArrayOf().ToArbitrary();

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property Any_dot_sequence_scores_the_same_twice_and_within_0_to_100() =>
        Prop.ForAll(DotLists(), dots =>
        {
            var scorer = new SessionScorer(TestSkins.Shipped("norwood-6-full-scalp"), TestSkins.RubricV1, 1);
            var inRange = dots.All(d => !scorer.TryPlace(d, out var s, out _)
                || (s.Depth is >= 0 and <= 100 && s.Spacing is >= 0 and <= 100 && s.Shade is >= 0 and <= 100));
            return inRange && ScoreAll(dots, session: 1).SequenceEqual(ScoreAll(dots, session: 1));
        });

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property Rejected_dots_never_change_the_scores_of_the_dots_after_them() =>
        Prop.ForAll(DotLists(), dots =>
        {
            var valid = dots.Where(d => new SessionScorer(TestSkins.Shipped("norwood-6-full-scalp"), TestSkins.RubricV1, 1).Check(d) is null).ToArray();
            var withRejects = ScoreAll(dots, session: 1).Where(r => r.Contains('|', StringComparison.Ordinal));
            return withRejects.SequenceEqual(ScoreAll(valid, session: 1));
        });
}
