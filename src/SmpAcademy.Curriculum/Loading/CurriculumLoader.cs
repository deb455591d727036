using System.Globalization;
using System.Text.RegularExpressions;
using SmpAcademy.Curriculum.Programs;
using SmpAcademy.Curriculum.Rubrics;
using SmpAcademy.Curriculum.Skins;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Curriculum.Loading;

/// <summary>
/// Loads curriculum/ (skins/, rubrics/, programs/) all or nothing: every file is read and checked,
/// then the files are checked against each other; any error throws <see cref="CurriculumException"/>
/// listing them all.
/// </summary>
public static partial class CurriculumLoader
{
    public static CurriculumCatalog Load(string directory)
    {
        var errors = new List<CurriculumError>();
        if (!Directory.Exists(directory))
            throw new CurriculumException([new CurriculumError(directory, "", "the curriculum folder does not exist")]);

        var skins = ReadAll(directory, "skins", errors, (reader, name) => SkinReader.Read(reader, name))
            .ToDictionary(s => s.Id, StringComparer.Ordinal);
        var rubrics = new Dictionary<int, Rubric>();
        foreach (var (file, name) in Files(directory, "rubrics", errors))
        {
            var match = RubricFileName().Match(name);
            if (!match.Success)
            {
                errors.Add(new CurriculumError(file, "", "a rubric file is named v<version>.yaml, e.g. v1.yaml"));
                continue;
            }

            var version = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (Open(file, errors) is { } reader)
                rubrics[version] = RubricReader.Read(reader, version);
        }

        var programFiles = Files(directory, "programs", errors).ToArray();
        var programs = new Dictionary<string, CertificationProgram>(StringComparer.Ordinal);
        foreach (var (file, name) in programFiles)
        {
            if (Open(file, errors) is not { } reader)
                continue;
            var program = ProgramReader.Read(reader, name);
            CrossCheck(program, Relative(file), skins, rubrics, errors);
            programs[program.Id] = program;
        }

        if (skins.Count == 0)
            errors.Add(new CurriculumError(Path.Combine(directory, "skins"), "", "no practice skins found"));
        if (rubrics.Count == 0)
            errors.Add(new CurriculumError(Path.Combine(directory, "rubrics"), "", "no rubric found"));
        if (errors.Count > 0)
            throw new CurriculumException(errors);
        return new CurriculumCatalog(skins, rubrics, programs) { Directory = Path.GetFullPath(directory) };
    }

    private static void CrossCheck(CertificationProgram program, string file, Dictionary<string, PracticeSkin> skins, Dictionary<int, Rubric> rubrics, List<CurriculumError> errors)
    {
        if (!rubrics.ContainsKey(program.RubricVersion))
            errors.Add(new CurriculumError(file, "rubric", $"rubric version {program.RubricVersion} does not exist in rubrics/"));
        var exercises = program.Modules.SelectMany((m, mi) => m.Exercises.Select((e, ei) => (Exercise: e, Path: $"modules[{mi}].exercises[{ei}]"))).ToArray();
        foreach (var (exercise, path) in exercises)
        {
            if (!skins.ContainsKey(exercise.SkinId))
                errors.Add(new CurriculumError(file, $"{path}.skin", $"skin '{exercise.SkinId}' does not exist in skins/"));
        }

        foreach (var duplicate in exercises.GroupBy(e => e.Exercise.Id).Where(g => g.Count() > 1))
            errors.Add(new CurriculumError(file, duplicate.Last().Path + ".id", $"exercise id '{duplicate.Key}' is used {duplicate.Count()} times"));
        foreach (var duplicate in program.Modules.GroupBy(m => m.Id).Where(g => g.Count() > 1))
            errors.Add(new CurriculumError(file, "modules", $"module id '{duplicate.Key}' is used {duplicate.Count()} times"));
        foreach (var (body, i) in program.Bodies.Select((b, i) => (b, i)).Where(p => !BodyIdPattern().IsMatch(p.b.Id)))
            errors.Add(new CurriculumError(file, $"bodies[{i}].id", $"body id '{body.Id}' must be 1–40 lowercase letters, digits or '-' (it appears in URLs and stream names)"));
        foreach (var duplicate in program.Bodies.GroupBy(b => b.Id).Where(g => g.Count() > 1))
            errors.Add(new CurriculumError(file, "bodies", $"body id '{duplicate.Key}' is used {duplicate.Count()} times"));
        if (program.FindExercise(program.Requirements.FinalAssessmentExercise) is null)
            errors.Add(new CurriculumError(file, "requirements.finalAssessment", $"exercise '{program.Requirements.FinalAssessmentExercise}' is not in this program"));
    }

    private static List<T> ReadAll<T>(string directory, string folder, List<CurriculumError> errors, Func<YamlReader, string, T> read)
    {
        var result = new List<T>();
        foreach (var (file, name) in Files(directory, folder, errors))
        {
            if (Open(file, errors) is { } reader)
                result.Add(read(reader, name));
        }

        return result;
    }

    private static IEnumerable<(string File, string Name)> Files(string directory, string folder, List<CurriculumError> errors)
    {
        var path = Path.Combine(directory, folder);
        if (!Directory.Exists(path))
        {
            errors.Add(new CurriculumError(path, "", "folder is missing"));
            return [];
        }

        return Directory.EnumerateFiles(path)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, Path.GetFileNameWithoutExtension(f)));
    }

    private static YamlReader? Open(string file, List<CurriculumError> errors) =>
        YamlReader.Open(Relative(file), File.ReadAllText(file), errors);

    private static string Relative(string file) =>
        Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(file)!)!)!, file);

    [GeneratedRegex(@"^v(\d+)$")]
    private static partial Regex RubricFileName();

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex BodyIdPattern();
}
