namespace SmpAcademy.Domain.Scoring;

/// <summary>
/// Tent-weighted dot counts and nearest-neighbour sums over a square window around a new dot, and
/// over its front and left halves (back = all − front, right = all − left), so the Clark–Evans index
/// can be taken over the part of the window that is filled in. Weights fall linearly to zero at the
/// window's edge, which keeps a regular lattice from aliasing against the window's border.
/// Updated without branches on the dot's side: this runs for every neighbour of every dot.
/// </summary>
internal struct PatternWindow
{
    public Tally All;
    public Tally Front;
    public Tally Left;

    public readonly Tally Back => All.Minus(Front);

    public readonly Tally Right => All.Minus(Left);

    /// <summary>Counts a dot at (dx, dy) from the centre; one outside the window counts for nothing.</summary>
    public void Add(double dx, double dy, double inverseHalf, double nearest)
    {
        var wx = 1 - (Math.Abs(dx) * inverseHalf);
        var wy = 1 - (Math.Abs(dy) * inverseHalf);
        var inside = 1 - (IsNegative(wx) | IsNegative(wy));
        var weight = inside * (wx * wy);
        var weighted = weight * nearest;
        All.Add(inside, 1.0, weight, weighted);
        var front = inside & IsNegative(dy);
        Front.Add(front, front, weight, weighted);
        var left = inside & IsNegative(dx);
        Left.Add(left, left, weight, weighted);
    }

    /// <summary>Integral of the tent weight (1 − |t| / half) for t from 0 to <paramref name="extent"/>.</summary>
    public static double WeightedLength(double extent, double half) => extent - (extent * extent / (2 * half));

    /// <summary>1 when the sign bit is set (negative, or −0), else 0.</summary>
    private static int IsNegative(double value) => (int)((ulong)BitConverter.DoubleToInt64Bits(value) >> 63);

    internal struct Tally
    {
        public int Count;
        public double Weight;
        public double WeightedNearest;

        /// <param name="share">The same 0 or 1 as <paramref name="include"/>, converted once by the caller.</param>
        public void Add(int include, double share, double weight, double weighted)
        {
            Count += include;
            Weight += share * weight;
            WeightedNearest += share * weighted;
        }

        public readonly Tally Minus(Tally other) =>
            new() { Count = Count - other.Count, Weight = Weight - other.Weight, WeightedNearest = WeightedNearest - other.WeightedNearest };
    }
}
