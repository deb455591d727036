using System.CommandLine;
using SmpAcademy.Curriculum.Loading;

namespace SmpAcademy.Cli.Commands;

/// <summary><c>smp curriculum validate</c>: loads every curriculum file and reports what is wrong.</summary>
public static class CurriculumCommand
{
    public static Command Create()
    {
        var curriculum = CliOptions.Curriculum();
        var validate = new Command("validate", "load and check every curriculum file") { curriculum };
        validate.SetAction(r => Validate(r.CurriculumDirectory(curriculum), r.InvocationConfiguration.Output));
        return new Command("curriculum", "the curriculum files: skins, rubrics, programs") { validate };
    }

    public static int Validate(string directory, TextWriter output)
    {
        try
        {
            var catalog = CurriculumLoader.Load(directory);
            output.WriteLine($"curriculum OK ({directory}): {catalog.Skins.Count} skins, {catalog.Rubrics.Count} rubric version(s), {catalog.Programs.Count} program(s)");
            foreach (var skin in catalog.Skins.Values)
                output.WriteLine($"  skin     {skin.Id,-24} {skin.WidthMm}×{skin.HeightMm} mm, Fitzpatrick {skin.Fitzpatrick}, {skin.Zones.Count} zone(s)");
            foreach (var program in catalog.Programs.Values)
                output.WriteLine($"  program  {program.Id,-24} {program.Modules.Count} modules, {program.Exercises.Count()} exercises, rubric v{program.RubricVersion}");
            return 0;
        }
        catch (CurriculumException e)
        {
            output.WriteLine(e.Message);
            return 1;
        }
    }
}
