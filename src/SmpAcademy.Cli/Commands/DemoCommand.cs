using System.CommandLine;
using System.Diagnostics;
using SmpAcademy.Cli.Simulation;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Healing;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Cli.Commands;

/// <summary><c>smp demo</c>: a simulated trainee practises on a curriculum skin; every dot is scored.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var curriculum = CliOptions.Curriculum();
        var skin = CliOptions.Text("--skin", "the curriculum skin to practise on", "ID", "norwood-6-full-scalp");
        var session = CliOptions.Whole("--session", "which practice session of the series (the rubric's shade and spacing follow it)", 1, min: 1);
        var skill = CliOptions.Choice("--skill", "how the simulated hand behaves", [.. TraineeSkill.All.Select(s => s.Name)]);
        var dots = CliOptions.Count("--dots", "stop after this many dots (default: when the skin is filled)");
        var seed = CliOptions.Whole("--seed", "the simulated hand's random seed", 1);
        var needle = CliOptions.Text("--needle", "the needle, as the rubric names it", "ID", "1RL-0.25");
        var spacing = CliOptions.Number("--spacing", "target spacing between dots (default: the rubric's for the session)", 0, "MM");
        var command = new Command("demo", "a simulated trainee practises on a curriculum skin; every dot is scored") { skin, session, skill, dots, seed, needle, spacing, curriculum };
        command.SetAction(r => Run(r.InvocationConfiguration.Output, r.CurriculumDirectory(curriculum), r.GetValue(skin)!, r.GetValue(session),
            TraineeSkill.Parse(r.GetValue(skill)!), r.GetValue(dots) ?? int.MaxValue, r.GetValue(seed), r.GetValue(needle)!, r.GetValue(spacing)));
        return command;
    }

    public static int Run(TextWriter output, string curriculum, string skinId, int session, TraineeSkill skill, int limit, int seed, string needle, double? spacingMm)
    {
        var catalog = CurriculumLoader.Load(curriculum);
        if (!catalog.Skins.TryGetValue(skinId, out var skin))
            throw new UsageException($"unknown skin '{skinId}'; skins: {string.Join(", ", catalog.Skins.Keys)}");
        var rubric = catalog.LatestRubric;
        var share = rubric.Spacing.ShareInSession(session);
        var spacing = spacingMm ?? 1 / Math.Sqrt(rubric.Zones[ZoneKind.MidScalp].DensityPerCm2 * share / 100);
        var shade = rubric.Shade.ShadeOfDilution(rubric.Shade.BaseDilution[skin.ClientHairColour] + rubric.Shade.LighterInSession(session));

        output.WriteLine($"Practice session {session} on '{skin.Name}' ({skin.WidthMm}×{skin.HeightMm} mm, Fitzpatrick {skin.Fitzpatrick}), rubric v{rubric.Version}");
        output.WriteLine($"Simulated trainee: {skill.Name}, needle {needle}, spacing {spacing:0.00} mm, intended shade {shade:0.00}");
        output.WriteLine();

        var scorer = new SessionScorer(skin, rubric, session);
        var tally = new ScoreTally();
        var accepted = new List<DotPlacement>();
        var clock = Stopwatch.StartNew();
        foreach (var dot in new SimulatedTrainee(skill, seed).Dots(skin.WidthMm, skin.HeightMm, spacing, needle, shade).Take(limit))
        {
            if (!scorer.TryPlace(dot, out var score, out var rejection))
            {
                tally.Reject(rejection);
                continue;
            }

            accepted.Add(dot);
            tally.Add(score);
            if (tally.Count <= 8 || tally.Count % 2000 == 0)
                output.WriteLine($"dot {tally.Count,6} ({dot.X,6:0.0}, {dot.Y,6:0.0}) {dot.DepthMm:0.00} mm → depth {score.Depth,3:0} spacing {score.Spacing,3:0} shade {score.Shade,3:0}  {score.Zone} {string.Join(" ", score.Flags.Names())}");
        }

        clock.Stop();
        var healed = HealingModel.HealAll(skin, rubric, accepted);
        output.WriteLine();
        tally.Print(output);
        output.WriteLine($"healed view: {healed.Count(h => h.Visible)} of {healed.Count} dots still visible, {healed.Count(h => h.Blurred)} blurred, mean healed diameter {(healed.Count == 0 ? 0 : healed.Average(h => h.DiameterMm)):0.000} mm");
        output.WriteLine($"scored {tally.Count} dots in {clock.Elapsed.TotalMilliseconds:0} ms (including the simulated hand)");
        return 0;
    }
}
