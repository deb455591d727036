using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Domain.Tests.Scoring;

public class DotRefusalsTests
{
    private static IEnumerable<TestCaseData> BadDots()
    {
        yield return new TestCaseData(Dots.At(double.NaN, 5), "not-finite", "x").SetName("NaN x");
        yield return new TestCaseData(Dots.At(5, double.PositiveInfinity), "not-finite", "y").SetName("infinite y");
        yield return new TestCaseData(Dots.At(5, 5, depth: double.NaN), "not-finite", "depth").SetName("NaN depth");
        yield return new TestCaseData(Dots.At(5, 5, shade: double.NegativeInfinity), "not-finite", "shade").SetName("infinite shade");
        yield return new TestCaseData(Dots.At(-0.1, 5), "outside-skin", "outside the skin").SetName("left of the skin");
        yield return new TestCaseData(Dots.At(5, 100.5), "outside-skin", "outside the skin").SetName("behind the skin");
        yield return new TestCaseData(Dots.At(5, 5, depth: -0.01), "negative-depth", "negative").SetName("negative depth");
        yield return new TestCaseData(Dots.At(5, 5, depth: 1.4), "too-deep", "beyond the skin's thickness of 1.38 mm").SetName("deeper than the skin");
        yield return new TestCaseData(Dots.At(5, 5, shade: 1.01), "shade-out-of-range", "outside [0, 1]").SetName("shade above 1");
        yield return new TestCaseData(Dots.At(5, 5, shade: -0.5), "shade-out-of-range", "outside [0, 1]").SetName("shade below 0");
        yield return new TestCaseData(Dots.At(5, 5, needle: "7RM-0.40"), "unknown-needle", "'7RM-0.40' is unknown; use one of 1RL-0.18").SetName("unknown needle");
        yield return new TestCaseData(Dots.At(5, 5, needle: null!), "unknown-needle", "is unknown").SetName("no needle");
    }

    [TestCaseSource(nameof(BadDots))]
    public void A_bad_dot_is_rejected_with_a_clear_reason_and_changes_nothing(DotPlacement bad, string code, string message)
    {
        var before = Dots.Grid(10, 30, 1.1).ToArray();
        var after = Dots.Grid(30.5, 40, 0.9).ToArray();
        var clean = new SessionScorer(TestSkins.Pad(), TestSkins.RubricV1, 2);
        var disturbed = new SessionScorer(TestSkins.Pad(), TestSkins.RubricV1, 2);
        foreach (var dot in before)
        {
            clean.Place(dot);
            disturbed.Place(dot);
        }

        var accepted = disturbed.TryPlace(bad, out var score, out var rejection);
        var thrown = Assert.Throws<RefusedException>(() => disturbed.Place(bad));

        Assert.That(accepted, Is.False);
        Assert.That(score, Is.Null);
        Assert.That(rejection!.Code, Is.EqualTo(code));
        Assert.That(rejection!.Message, Does.Contain(message));
        Assert.That(thrown!.Refusal, Is.EqualTo(rejection));
        Assert.That(disturbed.Count, Is.EqualTo(before.Length));
        Assert.That(after.Select(d => disturbed.Place(d)), Is.EqualTo(after.Select(d => clean.Place(d))));
    }
}
