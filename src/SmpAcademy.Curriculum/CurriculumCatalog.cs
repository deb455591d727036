using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Curriculum;

/// <summary>Everything in curriculum/, loaded and checked as a whole.</summary>
public sealed record CurriculumCatalog(
    IReadOnlyDictionary<string, PracticeSkin> Skins,
    IReadOnlyDictionary<int, Rubric> Rubrics,
    IReadOnlyDictionary<string, CertificationProgram> Programs)
{
    public Rubric LatestRubric => Rubrics[Rubrics.Keys.Max()];

    /// <summary>Every certification body some program names, once each.</summary>
    public IReadOnlyList<string> BodyIds => [.. Programs.Values.SelectMany(p => p.Bodies).Select(b => b.Id).Distinct()];

    /// <summary>Where it was loaded from: audit bundles carry a copy, so they can be re-scored offline.</summary>
    public string Directory { get; init; } = "";

    /// <summary>Every file read, with its digest: what the archive keeps and a bundle carries.</summary>
    public IReadOnlyList<CurriculumFile> Files { get; init; } = [];
}
