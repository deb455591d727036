using SmpAcademy.Domain.Geometry;

namespace SmpAcademy.Domain.Tests.Geometry;

public class ShapeTests
{
    private static readonly PolygonShape LShape = new([new(0, 0), new(10, 0), new(10, 4), new(4, 4), new(4, 10), new(0, 10)]);

    [TestCase(2, 2, true)]
    [TestCase(8, 2, true)]
    [TestCase(2, 8, true)]
    [TestCase(8, 8, false)]
    [TestCase(9.99, 2, true)]
    [TestCase(-0.1, 2, false)]
    public void A_polygon_contains_its_inside(double x, double y, bool inside) =>
        Assert.That(LShape.Contains(new Point(x, y)), Is.EqualTo(inside));

    [Test]
    public void A_self_crossing_polygon_is_not_simple()
    {
        Assert.That(LShape.IsSimple(), Is.True);
        Assert.That(new PolygonShape([new(0, 0), new(10, 10), new(10, 0), new(0, 10)]).IsSimple(), Is.False);
    }

    [Test]
    public void A_strip_covers_half_its_width_either_side_of_its_line()
    {
        var strip = new StripShape([new(0, 5), new(10, 5), new(20, 8)], 2);
        Assert.That(strip.Contains(new Point(5, 5.99)), Is.True);
        Assert.That(strip.Contains(new Point(5, 6.01)), Is.False);
        Assert.That(strip.Contains(new Point(15, 6.5)), Is.True);
    }

    [Test]
    public void Circles_cover_only_their_discs()
    {
        var circles = new CirclesShape([new(5, 5), new(20, 5)], 1);
        Assert.That(circles.Contains(new Point(5.4, 5.2)), Is.True);
        Assert.That(circles.Contains(new Point(20, 5.49)), Is.True);
        Assert.That(circles.Contains(new Point(12, 5)), Is.False);
    }
}
