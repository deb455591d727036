namespace SmpAcademy.Domain.Geometry;

/// <summary>A position on a skin in millimetres: x to the right, y backwards from the forehead.</summary>
public readonly record struct Point(double X, double Y)
{
    public double DistanceSquaredTo(Point other)
    {
        var dx = X - other.X;
        var dy = Y - other.Y;
        return (dx * dx) + (dy * dy);
    }

    public double DistanceTo(Point other) => Math.Sqrt(DistanceSquaredTo(other));
}
