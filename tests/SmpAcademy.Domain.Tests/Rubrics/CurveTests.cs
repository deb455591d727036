using SmpAcademy.Domain.Rubrics;

namespace SmpAcademy.Domain.Tests.Rubrics;

public class CurveTests
{
    private static readonly Curve Tent = new([(0, 0), (1, 100), (3, 0)]);

    [TestCase(-5, 0)]
    [TestCase(0, 0)]
    [TestCase(0.25, 25)]
    [TestCase(1, 100)]
    [TestCase(2, 50)]
    [TestCase(9, 0)]
    public void A_curve_interpolates_between_points_and_is_flat_beyond_them(double x, double y) =>
        Assert.That(Tent.At(x), Is.EqualTo(y).Within(1e-12));

    [Test]
    public void A_curve_refuses_points_whose_x_does_not_increase() =>
        Assert.That(() => new Curve([(0, 0), (0, 1)]), Throws.ArgumentException.With.Message.Contains("x must increase"));
    [Test]
    public void The_range_at_a_score_is_where_the_curve_crosses_it()
    {
        var range = Tent.RangeAtLeast(50)!.Value;
        Assert.That(range.From, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(range.To, Is.EqualTo(2).Within(1e-12));
        Assert.That(Tent.RangeAtLeast(101), Is.Null);
    }

    [Test]
    public void A_range_reaching_a_flat_end_is_unbounded_on_that_side()
    {
        var rising = new Curve([(0, 0), (1, 100)]);
        Assert.That(rising.RangeAtLeast(50), Is.EqualTo((0.5, double.PositiveInfinity)));
        Assert.That(Tent.RangeAtLeast(0), Is.EqualTo((double.NegativeInfinity, double.PositiveInfinity)));
    }
}
