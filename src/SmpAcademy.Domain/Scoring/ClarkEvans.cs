using SmpAcademy.Domain.Rubrics;

namespace SmpAcademy.Domain.Scoring;

/// <summary>
/// Clark–Evans nearest-neighbour index R = observed mean nearest-neighbour distance / (0.5 / √density):
/// 1 for a random pattern, 2.15 for a hexagonal grid, below 1 for clumps.
/// </summary>
internal static class ClarkEvans
{
    /// <summary>
    /// R over the tent-weighted window around (x, y), clipped to the skin. Where one half of the
    /// window is less than half as dense as its opposite (the edge of an area being filled in), only
    /// the fuller half is used, so unfilled skin is not read as wide spacing. Null when too few dots.
    /// </summary>
    public static double? Index(in Survey survey, double x, double y, double half, double width, double height, PatternRules rules)
    {
        var w = survey.Window;
        var left = PatternWindow.WeightedLength(Math.Min(half, x), half);
        var right = PatternWindow.WeightedLength(Math.Min(half, width - x), half);
        var front = PatternWindow.WeightedLength(Math.Min(half, y), half);
        var back = PatternWindow.WeightedLength(Math.Min(half, height - y), half);

        // The new dot has weight 1 and belongs to every candidate region.
        var region = new Region(w.All, (left + right) * (front + back));
        region = Fuller(region, new Region(w.Front, (left + right) * front), new Region(w.Back, (left + right) * back), rules);
        region = Fuller(region, new Region(w.Left, left * (front + back)), new Region(w.Right, right * (front + back)), rules);

        if (region.Tally.Count + 1 < rules.MinimumDots || region.Area <= 0)
            return null;
        var weight = region.Tally.Weight + 1;
        var mean = (region.Tally.WeightedNearest + survey.OwnNearestMm) / weight;
        return mean * 2 * Math.Sqrt(weight / region.Area);
    }

    private static Region Fuller(Region current, Region a, Region b, PatternRules rules)
    {
        if (a.Density * 2 < b.Density && b.Tally.Count + 1 >= rules.MinimumDots && b.Density > current.Density)
            return b;
        if (b.Density * 2 < a.Density && a.Tally.Count + 1 >= rules.MinimumDots && a.Density > current.Density)
            return a;
        return current;
    }

    private readonly record struct Region(PatternWindow.Tally Tally, double Area)
    {
        public double Density => Area > 0 ? Tally.Weight / Area : 0;
    }
}
