namespace SmpAcademy.Cli.Simulation;

/// <summary>How a simulated trainee's hand behaves.</summary>
/// <param name="Jitter">Random offset from an even layout, as a share of the spacing (0 = a perfect grid).</param>
/// <param name="DepthMm">Mean deposit depth.</param>
/// <param name="DepthSpreadMm">Standard deviation of the depth.</param>
/// <param name="ShadeError">Standard deviation of the shade around the one intended.</param>
/// <param name="RepeatRate">Share of dots placed (almost) on top of the previous one.</param>
public sealed record TraineeSkill(string Name, double Jitter, double DepthMm, double DepthSpreadMm, double ShadeError, double RepeatRate)
{
    public static readonly TraineeSkill Good = new("good", 0.45, 0.5, 0.06, 0.03, 0);
    public static readonly TraineeSkill Sloppy = new("sloppy", 0.9, 0.55, 0.25, 0.12, 0.05);
    public static readonly TraineeSkill DeepHanded = new("deep-handed", 0.45, 1.15, 0.12, 0.05, 0);
    public static readonly TraineeSkill GridLike = new("grid-like", 0.02, 0.5, 0.05, 0.03, 0);

    public static readonly IReadOnlyList<TraineeSkill> All = [Good, Sloppy, DeepHanded, GridLike];

    public static TraineeSkill Parse(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"unknown skill '{name}'; use one of {string.Join(", ", All.Select(s => s.Name))}");
}
