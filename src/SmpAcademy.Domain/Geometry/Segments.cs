namespace SmpAcademy.Domain.Geometry;

public static class Segments
{
    /// <summary>Squared distance from p to the segment a–b.</summary>
    public static double DistanceSquared(Point p, Point a, Point b)
    {
        var abx = b.X - a.X;
        var aby = b.Y - a.Y;
        var lengthSquared = (abx * abx) + (aby * aby);
        var t = lengthSquared == 0 ? 0 : (((p.X - a.X) * abx) + ((p.Y - a.Y) * aby)) / lengthSquared;
        t = Math.Clamp(t, 0, 1);
        return p.DistanceSquaredTo(new Point(a.X + (t * abx), a.Y + (t * aby)));
    }

    /// <summary>Distance from p to the nearest point of an open polyline.</summary>
    public static double DistanceToPolyline(Point p, IReadOnlyList<Point> line)
    {
        if (line.Count == 1)
            return p.DistanceTo(line[0]);
        var best = double.PositiveInfinity;
        for (var i = 1; i < line.Count; i++)
            best = Math.Min(best, DistanceSquared(p, line[i - 1], line[i]));
        return Math.Sqrt(best);
    }

    /// <summary>True when the open segments a–b and c–d cross or touch.</summary>
    public static bool Intersect(Point a, Point b, Point c, Point d)
    {
        var d1 = Cross(c, d, a);
        var d2 = Cross(c, d, b);
        var d3 = Cross(a, b, c);
        var d4 = Cross(a, b, d);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
            return true;
        return (d1 == 0 && OnSegment(c, d, a)) || (d2 == 0 && OnSegment(c, d, b))
            || (d3 == 0 && OnSegment(a, b, c)) || (d4 == 0 && OnSegment(a, b, d));
    }

    private static double Cross(Point o, Point a, Point b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));

    private static bool OnSegment(Point a, Point b, Point p) =>
        Math.Min(a.X, b.X) <= p.X && p.X <= Math.Max(a.X, b.X) && Math.Min(a.Y, b.Y) <= p.Y && p.Y <= Math.Max(a.Y, b.Y);
}
