namespace SmpAcademy.Domain.Scoring;

/// <summary>
/// Uniform grid over the skin holding a session's dots in flat arrays (cell → linked list by index),
/// so one insert touches a fixed number of cells whatever the session's size, and allocates nothing
/// but amortised array growth. It also keeps every dot's nearest-neighbour distance up to date
/// (capped at <see cref="Reach"/>), which the pattern index needs.
/// </summary>
internal sealed class DotGrid
{
    private readonly double _inverseCell;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _heads;
    private double[] _xs = new double[256];
    private double[] _ys = new double[256];
    private double[] _healedRadii = new double[256];
    private double[] _nearest = new double[256];
    private int[] _next = new int[256];

    public DotGrid(double widthMm, double heightMm, double reachMm)
    {
        Reach = reachMm;
        var cell = reachMm / 2;
        _inverseCell = 1 / cell;
        _columns = (int)(widthMm * _inverseCell) + 1;
        _rows = (int)(heightMm * _inverseCell) + 1;
        _heads = new int[_columns * _rows];
        Array.Fill(_heads, -1);
    }

    /// <summary>How far (in x and in y) a dot looks for neighbours; a nearest neighbour farther than this counts as this.</summary>
    public double Reach { get; }

    public int Count { get; private set; }

    /// <summary>
    /// Adds a dot and reports, in one pass over nearby cells, what the scorer needs: the nearest
    /// earlier dot, whether healed discs touch, and nearest-neighbour sums over the square pattern
    /// window of half-size <paramref name="windowHalfMm"/> (≤ <see cref="Reach"/>) and its four halves.
    /// </summary>
    public Survey Insert(double x, double y, double healedRadius, double windowHalfMm)
    {
        var reachSquared = Reach * Reach;
        var nearestSquared = reachSquared;
        var merges = false;
        var window = new PatternWindow();

        var c0 = Column(x - Reach);
        var c1 = Column(x + Reach);
        var r0 = Row(y - Reach);
        var r1 = Row(y + Reach);
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                for (var i = _heads[(r * _columns) + c]; i >= 0; i = _next[i])
                {
                    var dx = _xs[i] - x;
                    var dy = _ys[i] - y;
                    var d2 = (dx * dx) + (dy * dy);
                    if (d2 < nearestSquared)
                        nearestSquared = d2;
                    var touching = _healedRadii[i] + healedRadius;
                    if (d2 <= touching * touching)
                        merges = true;
                    if (d2 < _nearest[i] * _nearest[i])
                        _nearest[i] = Math.Sqrt(d2);
                    if (Math.Abs(dx) <= windowHalfMm && Math.Abs(dy) <= windowHalfMm)
                        window.Add(dx, dy, windowHalfMm, _nearest[i]);
                }
            }
        }

        var nearest = Math.Sqrt(nearestSquared);
        Append(x, y, healedRadius, nearest);
        return new Survey(nearestSquared < reachSquared ? nearest : null, merges, nearest, window);
    }

    private void Append(double x, double y, double healedRadius, double nearest)
    {
        if (Count == _xs.Length)
        {
            var size = Count * 2;
            Array.Resize(ref _xs, size);
            Array.Resize(ref _ys, size);
            Array.Resize(ref _healedRadii, size);
            Array.Resize(ref _nearest, size);
            Array.Resize(ref _next, size);
        }

        var index = Count++;
        _xs[index] = x;
        _ys[index] = y;
        _healedRadii[index] = healedRadius;
        _nearest[index] = nearest;
        var cell = (Row(y) * _columns) + Column(x);
        _next[index] = _heads[cell];
        _heads[cell] = index;
    }

    private int Column(double x) => Math.Clamp((int)(x * _inverseCell), 0, _columns - 1);

    private int Row(double y) => Math.Clamp((int)(y * _inverseCell), 0, _rows - 1);
}

/// <param name="NearestMm">Distance to the nearest earlier dot within reach, else null.</param>
/// <param name="Merges">The new dot's healed disc touches an earlier one's.</param>
/// <param name="OwnNearestMm">The new dot's nearest-neighbour distance, capped at the grid's reach.</param>
/// <param name="Window">Earlier dots in the pattern window, with their nearest-neighbour distances.</param>
internal readonly record struct Survey(double? NearestMm, bool Merges, double OwnNearestMm, PatternWindow Window);
