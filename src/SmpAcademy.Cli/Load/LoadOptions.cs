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
    bool DurableCommits)
{
    public static LoadOptions Parse(CommandLine args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var url = args.Text("url", "");
        var transport = args.Text("transport", "mixed");
        if (transport is not ("signalr" or "http" or "mixed"))
            throw new UsageException("--transport is signalr, http or mixed (half the trainees each)");
        var options = new LoadOptions(
            url.Length == 0 ? null : Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : throw new UsageException($"--url '{url}' is not an absolute URL"),
            Positive(args.WholeNumber("trainees", 200), "trainees"),
            args.WholeNumber("instructors", 20),
            args.Number("rate", 100) is var rate and > 0 ? rate : throw new UsageException("--rate (dots per second per trainee) must be > 0"),
            Positive(args.WholeNumber("batch", 10), "batch"),
            args.Number("seconds", 60) is var seconds and > 0 ? seconds : throw new UsageException("--seconds must be > 0"),
            args.Text("dots", "") is { Length: > 0 } ? Positive(args.WholeNumber("dots", 0), "dots") : null,
            TraineeSkill.Parse(args.Text("skill", "good")),
            transport,
            args.Text("exercise", "random-fill"),
            args.Text("json", "load-report.json"),
            args.Text("baselines", "yes") != "no",
            args.Text("durable", "yes") != "no");
        if (options.Batch > 10_000)
            throw new UsageException("--batch is at most 10,000 dots");
        if (options.Instructors > options.Trainees)
            throw new UsageException("--instructors must not exceed --trainees (each instructor watches at least one trainee)");
        return options;
    }

    private static int Positive(int value, string name) => value > 0 ? value : throw new UsageException($"--{name} must be at least 1");
}
