namespace SmpAcademy.Domain.Geometry;

/// <summary>The area a zone covers on a skin.</summary>
public abstract record Shape
{
    public abstract Box Bounds { get; }

    public abstract bool Contains(Point p);

    /// <summary>Every point that defines the shape (used to check it lies on the skin).</summary>
    public abstract IEnumerable<Point> DefiningPoints { get; }
}

/// <summary>A simple polygon, either orientation. Points exactly on an edge may fall either side.</summary>
public sealed record PolygonShape(IReadOnlyList<Point> Vertices) : Shape
{
    private readonly Box _bounds = Box.Around(Vertices);

    public override Box Bounds => _bounds;

    public override IEnumerable<Point> DefiningPoints => Vertices;

    public override bool Contains(Point p)
    {
        if (!_bounds.Contains(p.X, p.Y))
            return false;
        var inside = false;
        for (int i = 0, j = Vertices.Count - 1; i < Vertices.Count; j = i++)
        {
            var a = Vertices[i];
            var b = Vertices[j];
            if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < ((b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y)) + a.X)
                inside = !inside;
        }

        return inside;
    }

    /// <summary>True when no two non-adjacent edges meet.</summary>
    public bool IsSimple()
    {
        var n = Vertices.Count;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var adjacent = j == i + 1 || (i == 0 && j == n - 1);
                if (!adjacent && Segments.Intersect(Vertices[i], Vertices[(i + 1) % n], Vertices[j], Vertices[(j + 1) % n]))
                    return false;
            }
        }

        return true;
    }
}

/// <summary>A strip of the given width centred on a polyline (a linear scar).</summary>
public sealed record StripShape(IReadOnlyList<Point> Line, double WidthMm) : Shape
{
    private readonly Box _bounds = Box.Around(Line, WidthMm / 2);

    public override Box Bounds => _bounds;

    public override IEnumerable<Point> DefiningPoints => Line;

    public override bool Contains(Point p) =>
        _bounds.Contains(p.X, p.Y) && Segments.DistanceToPolyline(p, Line) <= WidthMm / 2;
}

/// <summary>Round patches of one diameter (a field of FUE scars).</summary>
public sealed record CirclesShape(IReadOnlyList<Point> Centres, double DiameterMm) : Shape
{
    private readonly Box _bounds = Box.Around(Centres, DiameterMm / 2);

    public override Box Bounds => _bounds;

    public override IEnumerable<Point> DefiningPoints => Centres;

    public override bool Contains(Point p)
    {
        if (!_bounds.Contains(p.X, p.Y))
            return false;
        var radiusSquared = DiameterMm * DiameterMm / 4;
        foreach (var centre in Centres)
        {
            if (p.DistanceSquaredTo(centre) <= radiusSquared)
                return true;
        }

        return false;
    }
}
