namespace SmpAcademy.Cli.Load;

/// <summary>Latency samples in milliseconds, summarised by nearest-rank percentiles.</summary>
public sealed record LatencySummary(long Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(List<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        samples.Sort();
        double At(double q) => samples[(int)Math.Min(samples.Count - 1, Math.Max(0, Math.Ceiling(q * samples.Count) - 1))];
        return new LatencySummary(samples.Count, At(0.50), At(0.95), At(0.99), samples[^1]);
    }

    public override string ToString() =>
        FormattableString.Invariant($"p50 {P50:0.0} ms, p95 {P95:0.0} ms, p99 {P99:0.0} ms, max {Max:0.0} ms");
}
