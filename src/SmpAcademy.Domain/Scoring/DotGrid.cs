namespace SmpAcademy.Domain.Scoring;

/// <summary>
/// Uniform grid over the skin holding a session's dots in one flat array (cell → linked list by index),
/// so one insert touches a fixed number of cells whatever the session's size, and allocates nothing
/// but amortised array growth. It also keeps every dot's nearest-neighbour distance up to date,
/// capped at <see cref="NearestCap"/>: every insert scans at least that far, so no update is missed.
/// </summary>
internal sealed class DotGrid
{
    private readonly double _inverseCell;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _heads;
    private Entry[] _dots = new Entry[256];

    public DotGrid(double widthMm, double heightMm, double nearestCapMm)
    {
        NearestCap = nearestCapMm;
        var cell = nearestCapMm / 2;
        _inverseCell = 1 / cell;
        _columns = (int)(widthMm * _inverseCell) + 1;
        _rows = (int)(heightMm * _inverseCell) + 1;
        _heads = new int[_columns * _rows];
        Array.Fill(_heads, -1);
    }

    /// <summary>A nearest neighbour farther than this is recorded as this far.</summary>
    public double NearestCap { get; }

    public int Count { get; private set; }

    /// <summary>
    /// Adds a dot and reports, in one pass over nearby cells, what the scorer needs: the nearest
    /// earlier dot, whether healed discs touch, and nearest-neighbour sums over the square pattern
    /// window of half-size <paramref name="windowHalfMm"/> (at least <see cref="NearestCap"/>).
    /// </summary>
    public Survey Insert(double x, double y, double healedRadius, double windowHalfMm)
    {
        var nearestSquared = double.PositiveInfinity;
        var merges = false;
        var window = new PatternWindow();
        var inverseHalf = 1 / windowHalfMm;

        var c0 = Column(x - windowHalfMm);
        var c1 = Column(x + windowHalfMm);
        var r0 = Row(y - windowHalfMm);
        var r1 = Row(y + windowHalfMm);
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                for (var i = _heads[(r * _columns) + c]; i >= 0;)
                {
                    ref var dot = ref _dots[i];
                    var dx = dot.X - x;
                    var dy = dot.Y - y;
                    var d2 = (dx * dx) + (dy * dy);
                    nearestSquared = Math.Min(nearestSquared, d2);
                    var touching = dot.HealedRadius + healedRadius;
                    merges |= d2 <= touching * touching;
                    if (d2 < dot.NearestSquared)
                    {
                        dot.NearestSquared = d2;
                        dot.Nearest = Math.Sqrt(d2);
                    }

                    window.Add(dx, dy, inverseHalf, dot.Nearest);
                    i = dot.Next;
                }
            }
        }

        // Every dot within windowHalfMm (straight-line) lies in the scanned cells; farther ones may not.
        double? nearest = nearestSquared <= windowHalfMm * windowHalfMm ? Math.Sqrt(nearestSquared) : null;
        var ownNearest = Math.Min(nearest ?? NearestCap, NearestCap);
        Append(x, y, healedRadius, ownNearest);
        return new Survey(nearest, merges, ownNearest, window);
    }

    private void Append(double x, double y, double healedRadius, double nearest)
    {
        if (Count == _dots.Length)
            Array.Resize(ref _dots, Count * 2);
        var index = Count++;
        var cell = (Row(y) * _columns) + Column(x);
        _dots[index] = new Entry
        {
            X = x,
            Y = y,
            HealedRadius = healedRadius,
            Nearest = nearest,
            NearestSquared = nearest * nearest,
            Next = _heads[cell],
        };
        _heads[cell] = index;
    }

    private int Column(double x) => Math.Clamp((int)(x * _inverseCell), 0, _columns - 1);

    private int Row(double y) => Math.Clamp((int)(y * _inverseCell), 0, _rows - 1);

    /// <summary>One dot, packed so that visiting a neighbour touches one cache line.</summary>
    private struct Entry
    {
        public double X;
        public double Y;
        public double HealedRadius;
        public double Nearest;
        public double NearestSquared;
        public int Next;
    }
}

/// <param name="NearestMm">Distance to the nearest earlier dot if within the window's half-size, else null.</param>
/// <param name="Merges">The new dot's healed disc touches an earlier one's.</param>
/// <param name="OwnNearestMm">The new dot's nearest-neighbour distance, capped at the grid's cap.</param>
/// <param name="Window">Earlier dots in the pattern window, with their nearest-neighbour distances.</param>
internal readonly record struct Survey(double? NearestMm, bool Merges, double OwnNearestMm, PatternWindow Window);
