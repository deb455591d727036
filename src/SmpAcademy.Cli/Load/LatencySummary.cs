using HdrHistogram;

namespace SmpAcademy.Cli.Load;

/// <summary>Latency percentiles in milliseconds, read from an HdrHistogram of microseconds (3 significant digits).</summary>
public sealed record LatencySummary(long Count, double P50, double P95, double P99, double P999, double Max)
{
    /// <summary>Ten minutes in microseconds: anything slower is a failed run, not a latency.</summary>
    public const long HighestMicros = 600_000_000;

    public static LongConcurrentHistogram NewHistogram() => new(1, HighestMicros, 3);

    public static long Micros(double milliseconds) => Math.Clamp((long)Math.Round(milliseconds * 1000), 1, HighestMicros);

    public static LatencySummary Of(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double At(double percentile) => histogram.GetValueAtPercentile(percentile) / 1000.0;
        return new LatencySummary(histogram.TotalCount, At(50), At(95), At(99), At(99.9), histogram.GetMaxValue() / 1000.0);
    }

    public override string ToString() =>
        FormattableString.Invariant($"p50 {P50:0.0} ms, p95 {P95:0.0} ms, p99 {P99:0.0} ms, p99.9 {P999:0.0} ms, max {Max:0.0} ms");
}
