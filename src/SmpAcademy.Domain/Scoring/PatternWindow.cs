namespace SmpAcademy.Domain.Scoring;

/// <summary>
/// Tent-weighted dot counts and nearest-neighbour sums over a square window around a new dot, split
/// into its four halves (front, back, left, right), so the Clark–Evans index can be taken over the
/// part of the window that is filled in. Weights fall linearly to zero at the window's edge, which
/// keeps a regular lattice from aliasing against the window's border.
/// </summary>
internal struct PatternWindow
{
    public Tally All;
    public Tally Front;
    public Tally Back;
    public Tally Left;
    public Tally Right;

    public void Add(double dx, double dy, double half, double nearest)
    {
        var weight = (1 - (Math.Abs(dx) / half)) * (1 - (Math.Abs(dy) / half));
        All.Add(weight, nearest);
        if (dy < 0) Front.Add(weight, nearest); else Back.Add(weight, nearest);
        if (dx < 0) Left.Add(weight, nearest); else Right.Add(weight, nearest);
    }

    /// <summary>Integral of the tent weight (1 − |t| / half) for t from 0 to <paramref name="extent"/>.</summary>
    public static double WeightedLength(double extent, double half) => extent - (extent * extent / (2 * half));

    internal struct Tally
    {
        public int Count;
        public double Weight;
        public double WeightedNearest;

        public void Add(double weight, double nearest)
        {
            Count++;
            Weight += weight;
            WeightedNearest += weight * nearest;
        }
    }
}
