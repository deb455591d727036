namespace SmpAcademy.Domain.Rubrics;

/// <summary>
/// A piecewise-linear function given by points with increasing x, flat beyond both ends.
/// Rubric scores are curves so that every number lives in the rubric file, not in code.
/// </summary>
public sealed class Curve
{
    private readonly double[] _xs;
    private readonly double[] _ys;

    public Curve(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
            throw new ArgumentException("a curve needs at least one point", nameof(points));
        _xs = new double[points.Count];
        _ys = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0 && !(points[i].X > points[i - 1].X))
                throw new ArgumentException($"x must increase: point {i} has x {points[i].X} after {points[i - 1].X}", nameof(points));
            _xs[i] = points[i].X;
            _ys[i] = points[i].Y;
        }
    }

    public IReadOnlyList<(double X, double Y)> Points => _xs.Select((x, i) => (x, _ys[i])).ToArray();

    public double MinY => _ys.Min();

    public double MaxY => _ys.Max();

    /// <summary>
    /// The x range over which the curve reaches at least <paramref name="y"/> (the first such stretch),
    /// e.g. the depths that score a pass; null when it never does. Flat ends count as unbounded.
    /// </summary>
    public (double From, double To)? RangeAtLeast(double y)
    {
        var first = Array.FindIndex(_ys, v => v >= y);
        if (first < 0)
            return null;
        var from = first == 0 ? double.NegativeInfinity : Cross(first - 1, first, y);
        var last = first;
        while (last + 1 < _ys.Length && _ys[last + 1] >= y)
            last++;
        var to = last == _ys.Length - 1 ? double.PositiveInfinity : Cross(last, last + 1, y);
        return (from, to);
    }

    private double Cross(int i, int j, double y) => _xs[i] + ((y - _ys[i]) / (_ys[j] - _ys[i]) * (_xs[j] - _xs[i]));

    public double At(double x)
    {
        if (x <= _xs[0])
            return _ys[0];
        var last = _xs.Length - 1;
        if (x >= _xs[last])
            return _ys[last];
        var i = 1;
        while (_xs[i] < x)
            i++;
        var t = (x - _xs[i - 1]) / (_xs[i] - _xs[i - 1]);
        return _ys[i - 1] + (t * (_ys[i] - _ys[i - 1]));
    }
}
