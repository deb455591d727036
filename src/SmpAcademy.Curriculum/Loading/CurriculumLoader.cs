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

        var loaded = new List<CurriculumFile>();
        var skins = new Dictionary<string, PracticeSkin>(StringComparer.Ordinal);
        foreach (var (file, name) in Files(directory, "skins", errors))
        {
            if (Open(file, loaded, errors) is var (reader, digest) && SkinReader.Read(reader, name) is var skin)
                skins[skin.Id] = skin with { Digest = digest };
        }

        var rubrics = new Dictionary<int, Rubric>();
        foreach (var (file, name) in Files(directory, "rubrics", errors))
        {
            if (RubricVersionOf(name) is not { } version)
                errors.Add(new CurriculumError(file, "", "a rubric file is named v<version>.yaml, e.g. v1.yaml"));
            else if (Open(file, loaded, errors) is var (reader, digest))
                rubrics[version] = RubricReader.Read(reader, version) with { Digest = digest };
        }

        var programs = new Dictionary<string, CertificationProgram>(StringComparer.Ordinal);
        foreach (var (file, name) in Files(directory, "programs", errors).ToArray())
        {
            if (Open(file, loaded, errors) is not var (reader, digest))
                continue;
            var program = ProgramReader.Read(reader, name) with { Digest = digest };
            CrossCheck(program, Relative(file), skins, rubrics, errors);
            programs[program.Id] = program;
        }

        if (skins.Count == 0)
            errors.Add(new CurriculumError(Path.Combine(directory, "skins"), "", "no practice skins found"));
        if (rubrics.Count == 0)
            errors.Add(new CurriculumError(Path.Combine(directory, "rubrics"), "", "no rubric found"));
        if (errors.Count > 0)
            throw new CurriculumException(errors);
        return new CurriculumCatalog(skins, rubrics, programs) { Directory = Path.GetFullPath(directory), Files = loaded };
    }

    /// <summary>
    /// One file on its own, as it was when its digest was recorded (an archived or bundled copy): null unless the
    /// bytes hash to that digest and read as that kind of file under that name. It is not checked against other files.
    /// </summary>
    public static T? ReadPinned<T>(string name, string digest, byte[] content)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(content);
        if (CurriculumDigest.Of(content) != digest)
            return null;
        var errors = new List<CurriculumError>();
        var folder = typeof(T) == typeof(PracticeSkin) ? "skins" : typeof(T) == typeof(Rubric) ? "rubrics" : "programs";
        if (YamlReader.Open($"{folder}/{name}.yaml ({digest})", Text(content), errors) is not { } reader)
            return null;
        object? read = typeof(T) == typeof(PracticeSkin) ? SkinReader.Read(reader, name) with { Digest = digest }
            : typeof(T) == typeof(Rubric) ? RubricVersionOf(name) is { } version ? RubricReader.Read(reader, version) with { Digest = digest } : null
            : typeof(T) == typeof(CertificationProgram) ? ProgramReader.Read(reader, name) with { Digest = digest }
            : throw new ArgumentException($"{typeof(T).Name} is not a curriculum file", nameof(T));
        return errors.Count == 0 ? read as T : null;
    }

    private static int? RubricVersionOf(string name) =>
        RubricFileName().Match(name) is { Success: true } match && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

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

    /// <summary>Reads the file's bytes once: what is parsed is what is digested.</summary>
    private static (YamlReader Reader, string Digest)? Open(string file, List<CurriculumFile> loaded, List<CurriculumError> errors)
    {
        var content = File.ReadAllBytes(file);
        var digest = CurriculumDigest.Of(content);
        loaded.Add(new CurriculumFile($"{Path.GetFileName(Path.GetDirectoryName(file))}/{Path.GetFileName(file)}", digest, content));
        return YamlReader.Open(Relative(file), Text(content), errors) is { } reader ? (reader, digest) : null;
    }

    /// <summary>UTF-8, as File.ReadAllText reads it (a byte-order mark is skipped).</summary>
    private static string Text(byte[] content) => new System.Text.UTF8Encoding(false).GetString(content.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? content.AsSpan(3) : content);

    private static string Relative(string file) =>
        Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(file)!)!)!, file);

    [GeneratedRegex(@"^v(\d+)$")]
    private static partial Regex RubricFileName();

    [GeneratedRegex(@"^[a-z0-9-]{1,40}\z")]
    private static partial Regex BodyIdPattern();
}
