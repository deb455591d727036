using System.Diagnostics;
using System.Text.Json;
using SmpAcademy.Cli.Commands;
using SmpAcademy.Curriculum.Loading;

namespace SmpAcademy.Cli.Load;

public sealed record ServerResources(double HostCpuPercent, double PostgresCpuPercent, double HostPeakResidentMb, double LoadGeneratorCpuPercent);

public sealed record LoadReport(
    DateTimeOffset At,
    string Machine,
    LoadOptions Options,
    LoadResult Result,
    double AckedDotsPerSecond,
    ServerResources? Server,
    IReadOnlyList<BaselineResult> Baselines,
    double? RatioToRawMarten);

/// <summary>
/// <c>smp load</c>: a class of simulated trainees practising at once with instructors watching, through
/// the real public interfaces, against a server it starts (or --url). Prints and saves the figures, with
/// raw Marten and raw COPY baselines measured on the same PostgreSQL in the same run.
/// </summary>
public static class LoadCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> RunAsync(LoadOptions options, string curriculum, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        var catalog = CurriculumLoader.Load(curriculum);
        var exercise = catalog.Programs["smp-practitioner"].FindExercise(options.Exercise) ?? throw new UsageException($"no exercise '{options.Exercise}' in smp-practitioner");
        var skin = catalog.Skins[exercise.SkinId];

        await using var server = options.Url is null ? await ServerUnderTest.StartAsync(output) : null;
        var url = options.Url ?? server!.Url;
        var before = server?.Sample();
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var peak = 0L;
        var result = await new LoadRun(options, url, skin, output).RunAsync(() =>
        {
            var s = server?.Sample();
            peak = Math.Max(peak, s?.HostResidentBytes ?? 0);
            return s;
        });
        var after = server?.Sample();
        var resources = before is not null && after is not null
            ? new ServerResources(
                (after.HostCpuSeconds - before.HostCpuSeconds) / Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds * 100,
                (after.PostgresCpuSeconds - before.PostgresCpuSeconds) / Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds * 100,
                Math.Max(peak, after.HostResidentBytes) / 1e6,
                (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds / Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds * 100)
            : null;

        var baselines = new List<BaselineResult>();
        if (server is not null && options.Baselines && result.Acked > 0)
        {
            var events = Math.Min(result.Acked, 300_000);
            output.WriteLine($"baselines on the same PostgreSQL: {events:N0} events …");
            baselines.Add(await Baselines.MartenAppendsAsync(server.Postgres.ConnectionString, events, Math.Min(options.Trainees, 64), options.Batch));
            baselines.Add(await Baselines.BinaryCopyAsync(server.Postgres.ConnectionString, events));
        }

        var rate = result.Acked / result.Seconds;
        var report = new LoadReport(DateTimeOffset.UtcNow, $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            options, result, rate, resources, baselines, baselines.Count > 0 ? rate / baselines[0].PerSecond : null);
        Print(report, output);
        await File.WriteAllTextAsync(options.JsonPath, JsonSerializer.Serialize(report, Json));
        output.WriteLine($"figures written to {Path.GetFullPath(options.JsonPath)}");
        return result.Errors == 0 ? 0 : 1;
    }

    private static void Print(LoadReport report, TextWriter output)
    {
        var r = report.Result;
        output.WriteLine();
        output.WriteLine(FormattableString.Invariant($"acknowledged  {r.Acked:N0} dots in {r.Seconds:0.0} s = {report.AckedDotsPerSecond:N0} dots/s (offered {report.Options.Trainees * report.Options.DotsPerSecond:N0}/s)"));
        output.WriteLine($"ack latency   {r.Ack}");
        output.WriteLine($"→ instructor  {r.ToInstructor}; {r.NotSeenByInstructor:N0} acked dot(s) not seen by a watcher");
        output.WriteLine($"errors        {r.Errors}{(r.FirstErrors.Count > 0 ? ": " + string.Join(" | ", r.FirstErrors) : "")}");
        if (report.Server is { } s)
            output.WriteLine(FormattableString.Invariant($"server        host {s.HostCpuPercent:0}% CPU (of one core), PostgreSQL {s.PostgresCpuPercent:0}%, host peak RSS {s.HostPeakResidentMb:0} MB; this load generator {s.LoadGeneratorCpuPercent:0}% (same machine)"));
        foreach (var b in report.Baselines)
            output.WriteLine(FormattableString.Invariant($"baseline      {b.Name}: {b.PerSecond:N0} events/s ({b.Writers} writers, batches of {b.Batch}); platform = {report.AckedDotsPerSecond / b.PerSecond:0.00}×"));
    }
}
