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
    public static int Run(CommandLine args, TextWriter output)
    {
        var catalog = CurriculumLoader.Load(args.CurriculumDirectory());
        var skinId = args.Text("skin", "norwood-6-full-scalp");
        if (!catalog.Skins.TryGetValue(skinId, out var skin))
            throw new UsageException($"unknown skin '{skinId}'; skins: {string.Join(", ", catalog.Skins.Keys)}");
        var rubric = catalog.LatestRubric;
        var session = args.WholeNumber("session", 1);
        if (session < 1)
            throw new UsageException("--session must be 1 or more");
        var skill = TraineeSkill.Parse(args.Text("skill", "good"));
        var needle = args.Text("needle", "1RL-0.25");
        var share = rubric.Spacing.ShareInSession(session);
        var spacing = args.Number("spacing", 1 / Math.Sqrt(rubric.Zones[ZoneKind.MidScalp].DensityPerCm2 * share / 100));
        var shade = rubric.Shade.ShadeOfDilution(rubric.Shade.BaseDilution[skin.ClientHairColour] + rubric.Shade.LighterInSession(session));
        var limit = args.WholeNumber("dots", int.MaxValue);

        output.WriteLine($"Practice session {session} on '{skin.Name}' ({skin.WidthMm}×{skin.HeightMm} mm, Fitzpatrick {skin.Fitzpatrick}), rubric v{rubric.Version}");
        output.WriteLine($"Simulated trainee: {skill.Name}, needle {needle}, spacing {spacing:0.00} mm, intended shade {shade:0.00}");
        output.WriteLine();

        var scorer = new SessionScorer(skin, rubric, session);
        var tally = new ScoreTally();
        var accepted = new List<DotPlacement>();
        var clock = Stopwatch.StartNew();
        foreach (var dot in new SimulatedTrainee(skill, args.WholeNumber("seed", 1)).Dots(skin.WidthMm, skin.HeightMm, spacing, needle, shade).Take(limit))
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
