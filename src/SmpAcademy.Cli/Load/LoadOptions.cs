using System.CommandLine;
using SmpAcademy.Cli.Commands;
using SmpAcademy.Cli.Simulation;

namespace SmpAcademy.Cli.Load;

/// <summary>What <c>smp load</c> simulates. Rate is per trainee; each call carries one batch.</summary>
public sealed record LoadOptions(
    Uri? Url,
    int Trainees,
    int Instructors,
    double DotsPerSecond,
    int Batch,
    double Seconds,
    long? Dots,
    TraineeSkill Skill,
    string Transport,
    string Exercise,
    string JsonPath,
    bool Baselines,
    bool DurableCommits,
    int InFlight,
    bool Sweep,
    double WarmUpSeconds)
{
    public const int MaxBatch = Domain.Limits.DotsPerBatch;

    /// <summary>What <c>--sweep</c> offers, in dots per second in all, one step each.</summary>
    public static readonly IReadOnlyList<double> SweepSteps = [500, 1_000, 2_000, 5_000, 10_000, 20_000];

    public double OfferedPerSecond => Trainees * DotsPerSecond;

    /// <summary><c>smp load</c>'s options; the action runs <see cref="LoadCommand.RunAsync"/>.</summary>
    public static Command Command()
    {
        var url = CliOptions.Text("--url", "drive a running server instead of starting one (then no server CPU or baselines)", "URL");
        var trainees = CliOptions.Whole("--trainees", "simulated trainees practising at once", 200, min: 1);
        var instructors = CliOptions.Whole("--instructors", "instructors watching (each watches at least one trainee)", 20);
        var rate = CliOptions.Number("--rate", "dots per second per trainee [default: 100]", 0);
        var batch = CliOptions.Whole("--batch", $"dots per call (at most {MaxBatch:N0})", 10, min: 1);
        var seconds = CliOptions.Number("--seconds", "how long to run [default: 60]", 0, "S");
        var dots = CliOptions.Count("--dots", "stop after this many dots in all, instead of after --seconds");
        var skill = CliOptions.Choice("--skill", "how the simulated hands behave", [.. TraineeSkill.All.Select(s => s.Name)]);
        var transport = CliOptions.Choice("--transport", "the trainee hub (SignalR), the HTTP batch endpoint, or half the trainees each", "mixed", "signalr", "http");
        var exercise = CliOptions.Text("--exercise", "the smp-practitioner exercise every trainee practises", "ID", "random-fill");
        var json = CliOptions.Text("--json", "where to save the report", "FILE", "load-report.json");
        var baselines = CliOptions.Choice("--baselines", "measure raw Marten and binary COPY baselines on the same PostgreSQL afterwards", "yes", "no");
        var durable = CliOptions.Choice("--durable", "'no' starts the private PostgreSQL with synchronous_commit=off, to measure what waiting for the disk costs (never how the platform runs)", "yes", "no");
        var inFlight = CliOptions.Whole("--in-flight", $"calls each trainee keeps in flight (at most {Domain.Limits.CallsInFlightPerConnection}, the hub's per-connection limit)", 1, min: 1);
        var sweep = CliOptions.Flag("--sweep", $"offer {string.Join(", ", SweepSteps.Select(s => s.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} dots/s in turn (--seconds each, same trainees) and print one row per step");
        var warmUp = CliOptions.Number("--warm-up", "seconds of unmeasured load at the first step's rate first, so JIT and connection pools are warm; 0 for none [default: 5]", 0, "S", orMin: true);
        var curriculum = CliOptions.Curriculum();
        var command = new Command("load", "a class of simulated trainees placing dots at once with instructors watching; starts its own server (private PostgreSQL + host) unless --url; prints throughput, latencies, server CPU and memory, and raw baselines from the same run")
        {
            trainees, instructors, rate, batch, seconds, dots, skill, transport, url, exercise, json, baselines, durable, inFlight, sweep, warmUp, curriculum,
        };
        command.SetAction((r, _) =>
        {
            var address = r.GetValue(url)!;
            var options = new LoadOptions(
                address.Length == 0 ? null : Uri.TryCreate(address, UriKind.Absolute, out var u) ? u : throw new UsageException($"--url '{address}' is not an absolute URL"),
                r.GetValue(trainees), r.GetValue(instructors), r.GetValue(rate) ?? 100, r.GetValue(batch), r.GetValue(seconds) ?? 60,
                r.GetValue(dots),
                TraineeSkill.Parse(r.GetValue(skill)!), r.GetValue(transport)!, r.GetValue(exercise)!, r.GetValue(json)!,
                r.GetValue(baselines) == "yes", r.GetValue(durable) == "yes", r.GetValue(inFlight), r.GetValue(sweep), r.GetValue(warmUp) ?? 5);
            if (options.Batch > MaxBatch)
                throw new UsageException($"--batch is at most {MaxBatch:N0} dots");
            if (options.InFlight > Domain.Limits.CallsInFlightPerConnection)
                throw new UsageException($"--in-flight is at most {Domain.Limits.CallsInFlightPerConnection} (the hub's per-connection limit)");
            if (!options.DurableCommits && options.Url is not null)
                throw new UsageException("--durable no needs the load's own server: it sets the private PostgreSQL's synchronous_commit");
            if (options.Sweep && options.Dots is not null)
                throw new UsageException("--sweep runs each step for --seconds; --dots does not apply");
            if (options.Instructors > options.Trainees)
                throw new UsageException("--instructors must not exceed --trainees (each instructor watches at least one trainee)");
            return LoadCommand.RunAsync(options, r.CurriculumDirectory(curriculum), r.InvocationConfiguration.Output);
        });
        return command;
    }
}
