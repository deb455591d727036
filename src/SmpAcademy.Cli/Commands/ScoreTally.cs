using SmpAcademy.Domain;
using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Cli.Commands;

/// <summary>Running totals of a session's scores, flags and rejections for printing.</summary>
internal sealed class ScoreTally
{
    private readonly Dictionary<string, int> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rejections = new(StringComparer.Ordinal);
    private double _depth;
    private double _spacing;
    private double _shade;
    private readonly List<double> _patternIndexes = [];

    public int Count { get; private set; }

    public void Add(DotScore score)
    {
        Count++;
        _depth += score.Depth;
        _spacing += score.Spacing;
        _shade += score.Shade;
        if (score.PatternIndex is { } r)
            _patternIndexes.Add(r);
        foreach (var name in score.Flags.Names())
            _flags[name] = _flags.GetValueOrDefault(name) + 1;
    }

    public void Reject(Refusal rejection) =>
        _rejections[rejection.Code] = _rejections.GetValueOrDefault(rejection.Code) + 1;

    public void Print(TextWriter output)
    {
        var n = Math.Max(Count, 1);
        output.WriteLine($"{Count} dots accepted, {_rejections.Values.Sum()} rejected {Describe(_rejections)}");
        output.WriteLine($"mean scores: depth {_depth / n:0.0}, spacing {_spacing / n:0.0}, shade {_shade / n:0.0}");
        output.WriteLine($"flags: {(_flags.Count == 0 ? "none" : Describe(_flags))}");
        if (_patternIndexes.Count > 0)
        {
            _patternIndexes.Sort();
            double At(double q) => _patternIndexes[(int)(q * (_patternIndexes.Count - 1))];
            output.WriteLine($"pattern index R over {_patternIndexes.Count} judged dots: p10 {At(0.1):0.00}, median {At(0.5):0.00}, p90 {At(0.9):0.00} (1 random, 2.15 grid)");
        }
    }

    private static string Describe(Dictionary<string, int> counts) =>
        counts.Count == 0 ? "" : "(" + string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")) + ")";
}
