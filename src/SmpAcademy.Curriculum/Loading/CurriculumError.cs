namespace SmpAcademy.Curriculum.Loading;

/// <summary>One thing wrong in a curriculum file: which file, where inside it, and what.</summary>
/// <param name="Path">Location inside the file, e.g. <c>zones[2].polygon[0]</c>; empty for the whole file.</param>
public sealed record CurriculumError(string File, string Path, string Message, int? Line = null)
{
    public override string ToString() =>
        $"{File}{(Line is { } l ? $":{l}" : "")}: {(Path.Length > 0 ? Path + ": " : "")}{Message}";
}

/// <summary>The curriculum did not load; nothing of it is used. Lists every error found.</summary>
public sealed class CurriculumException(IReadOnlyList<CurriculumError> errors)
    : Exception($"the curriculum has {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
{
    public IReadOnlyList<CurriculumError> Errors { get; } = errors;
}
