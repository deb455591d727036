namespace SmpAcademy.Domain.Geometry;

/// <summary>An axis-aligned rectangle; used to reject shapes cheaply before exact tests.</summary>
public readonly record struct Box(double MinX, double MinY, double MaxX, double MaxY)
{
    public bool Contains(double x, double y) => x >= MinX && x <= MaxX && y >= MinY && y <= MaxY;

    public static Box Around(IReadOnlyList<Point> points, double margin = 0)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        foreach (var p in points)
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }

        return new Box(minX - margin, minY - margin, maxX + margin, maxY + margin);
    }
}
