using System.Text.Json;
using SmpAcademy.Cli.Commands;
using SmpAcademy.Curriculum.Loading;

namespace SmpAcademy.Cli.Load;

public sealed record LoadReport(
    DateTimeOffset At,
    string Machine,
    LoadOptions Options,
    IReadOnlyList<LoadResult> Steps,
    IReadOnlyList<BaselineResult> Baselines,
    double? RatioToRawMarten,
    double? RatioToBinaryCopy);

/// <summary>
/// <c>smp load</c>: a class of simulated trainees practising at once with instructors watching, through
/// the real public interfaces, against a server it starts (or --url). One step at the offered rate, or with
/// --sweep a step per rate on the same trainees. Prints and saves the figures, with raw Marten and binary
/// COPY baselines measured on the same PostgreSQL in the same run.
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

        await using var server = options.Url is null ? await ServerUnderTest.StartAsync(output, options.DurableCommits) : null;
        var steps = new List<LoadResult>();
        await using (var run = new LoadRun(options, options.Url ?? server!.Url, skin, output, () => server?.Sample()))
        {
            await run.SetUpAsync();
            var rates = options.Sweep ? LoadOptions.SweepSteps : [options.OfferedPerSecond];
            if (options.WarmUpSeconds > 0)
                await run.RunStepAsync(rates[0], options.WarmUpSeconds);
            foreach (var offered in rates)
            {
                steps.Add(await run.RunStepAsync(offered));
                PrintStep(steps[^1], output);
            }
        }

        var baselines = new List<BaselineResult>();
        var most = steps.Max(s => s.Acked);
        if (server is not null && options.Baselines && most > 0)
        {
            var events = Math.Min(most, 300_000);
            output.WriteLine($"baselines on the same PostgreSQL: {events:N0} events …");
            baselines.Add(await Baselines.MartenAppendsAsync(server.Postgres.ConnectionString, events, Math.Min(options.Trainees, 64), options.Batch));
            baselines.Add(await Baselines.BinaryCopyAsync(server.Postgres.ConnectionString, events));
        }

        var best = steps.Max(s => s.AckedPerSecond);
        var report = new LoadReport(DateTimeOffset.UtcNow, $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            options, steps, baselines, baselines.Count > 0 ? best / baselines[0].PerSecond : null, baselines.Count > 1 ? best / baselines[1].PerSecond : null);
        if (steps.Count > 1)
            PrintTable(steps, output);
        foreach (var b in baselines)
            output.WriteLine(FormattableString.Invariant($"baseline      {b.Name}: {b.PerSecond:N0} events/s ({b.Writers} writers, batches of {b.Batch}); platform's best step = {best / b.PerSecond:0.00}×"));
        await File.WriteAllTextAsync(options.JsonPath, JsonSerializer.Serialize(report, Json));
        output.WriteLine($"figures written to {Path.GetFullPath(options.JsonPath)}");
        return steps.All(s => s.Errors == 0) ? 0 : 1;
    }

    private static void PrintStep(LoadResult r, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(FormattableString.Invariant($"acknowledged  {r.Acked:N0} dots in {r.Seconds:0.0} s = {r.AckedPerSecond:N0} dots/s (offered {r.OfferedPerSecond:N0}/s; {r.NotSent:N0} dots due but not yet sent at the end)"));
        output.WriteLine($"ack latency   {r.Ack} (from each call's due time)");
        output.WriteLine($"→ instructor  {r.ToInstructor}; {r.NotSeenByInstructor:N0} acked dot(s) not seen by a watcher");
        output.WriteLine($"errors        {r.Errors}{(r.FirstErrors.Count > 0 ? ": " + string.Join(" | ", r.FirstErrors) : "")}");
        if (r.Server is { } s)
            output.WriteLine(FormattableString.Invariant($"server        host {s.HostCpuPercent:0}% CPU (of one core), PostgreSQL {s.PostgresCpuPercent:0}%, host peak RSS {s.HostPeakResidentMb:0} MB; this load generator {s.LoadGeneratorCpuPercent:0}% (same machine)"));
        if (r.Server is { } c)
            output.WriteLine(FormattableString.Invariant($"CPU per dot   {c.CpuMicrosPerDot:N0} µs of server CPU (host + PostgreSQL) per acknowledged dot"));
        output.WriteLine();
    }

    private static void PrintTable(IReadOnlyList<LoadResult> steps, TextWriter output)
    {
        output.WriteLine("| offered dots/s | acked dots/s | errors | CPU µs/dot (host + PostgreSQL) | ack p50 | ack p99 | ack p99.9 | → instructor p99 |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in steps)
        {
            output.WriteLine(FormattableString.Invariant(
                $"| {r.OfferedPerSecond:N0} | {r.AckedPerSecond:N0} | {r.Errors} | {r.Server?.CpuMicrosPerDot ?? double.NaN:N0} | {r.Ack.P50:0.0} ms | {r.Ack.P99:0.0} ms | {r.Ack.P999:0.0} ms | {r.ToInstructor.P99:0.0} ms |"));
        }
    }
}
