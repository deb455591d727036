using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SmpAcademy.Benchmarks;

/// <summary>Dots per second for benchmarks with a <c>Dots</c> parameter: dots ÷ mean time of one invocation.</summary>
public sealed class DotsPerSecondColumn : IColumn
{
    public string Id => nameof(DotsPerSecondColumn);

    public string ColumnName => "Dots/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Dots scored (or looked up) per second on one core";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        DotsPerSecond(summary, benchmarkCase) is { } rate ? rate.ToString("N0", CultureInfo.InvariantCulture) : "-";

    internal static double? DotsPerSecond(Summary summary, BenchmarkCase benchmarkCase)
    {
        var dots = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Dots")?.Value;
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return dots is int count && mean is > 0 ? count / (mean.Value / 1e9) : null;
    }

    /// <summary>Prints, per parameter set, each benchmark's rate against every baseline-family case measured in the same run.</summary>
    public static void PrintRatios(IEnumerable<Summary> summaries)
    {
        foreach (var summary in summaries)
        {
            foreach (var group in summary.BenchmarksCases.GroupBy(c => c.Parameters.DisplayInfo))
            {
                var rates = group.Distinct()
                    .Select(c => (Name: c.Descriptor.WorkloadMethodDisplayInfo, Baseline: c.Descriptor.Baseline || c.Descriptor.WorkloadMethod.Name.StartsWith(BaselinePrefix, StringComparison.Ordinal), Rate: DotsPerSecond(summary, c)))
                    .Where(r => r.Rate is not null)
                    .ToArray();
                foreach (var measured in rates.Where(r => !r.Baseline))
                {
                    foreach (var baseline in rates.Where(r => r.Baseline))
                        Console.WriteLine(FormattableString.Invariant($"{group.Key}: {measured.Name} {measured.Rate:N0} dots/s = {measured.Rate / baseline.Rate:0.00}x {baseline.Name} ({baseline.Rate:N0} dots/s)"));
                }
            }
        }
    }

    /// <summary>Benchmark methods whose name starts with this are baselines to compare against.</summary>
    public const string BaselinePrefix = "KdTree";
}
