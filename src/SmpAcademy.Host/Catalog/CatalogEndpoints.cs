using Microsoft.AspNetCore.Http.HttpResults;
using SmpAcademy.Curriculum;
using SmpAcademy.Host.Problems;

namespace SmpAcademy.Host.Catalog;

/// <summary>The curriculum as the web consoles need it: programs and exercises, and skins ready to draw.</summary>
public static class CatalogEndpoints
{
    public static void MapCatalogEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Public on purpose: who awards certificates is what a certificate's reader checks against.
        app.MapGet("/api/bodies", (CurriculumCatalog curriculum) => TypedResults.Ok(Bodies(curriculum)))
            .WithName("ListBodies").WithSummary("The certification bodies that award the programs").WithTags("Catalog").AllowAnonymous();
        // A body's id in its certificates (the achievement's creator) is this URL, so it answers anyone.
        app.MapGet("/api/bodies/{bodyId}", Results<Ok<BodyView>, ProblemHttpResult> (string bodyId, CurriculumCatalog curriculum) =>
                Bodies(curriculum).FirstOrDefault(b => b.Id == bodyId) is { } body ? TypedResults.Ok(body) : Problem.NotFound($"no certification body '{bodyId}'"))
            .WithName("GetBody").WithSummary("A certification body: the page its certificates name as the achievement's creator").WithTags("Catalog").AllowAnonymous();

        var catalog = app.MapGroup("/api").RequireAuthorization().WithTags("Catalog");
        catalog.MapGet("/programs", (CurriculumCatalog curriculum) => TypedResults.Ok<IReadOnlyList<ProgramView>>(
                [.. curriculum.Programs.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(CatalogViews.Of)]))
            .WithName("ListPrograms").WithSummary("Programs with their modules, exercises and pass marks");

        catalog.MapGet("/skins/{skinId}", Results<Ok<SkinView>, ProblemHttpResult> (string skinId, int? session, int? rubric, string? exercise, CurriculumCatalog curriculum) =>
            {
                if (!curriculum.Skins.TryGetValue(skinId, out var skin))
                    return Problem.NotFound($"no skin '{skinId}'");
                if (session is < 1 or > 10)
                    return Problem.BadInput("bad-session", "session is a course session number from 1 to 10");
                var version = rubric ?? curriculum.LatestRubric.Version;
                if (!curriculum.Rubrics.TryGetValue(version, out var rules))
                    return Problem.BadInput("unknown-rubric", $"no rubric version {version}; known: {string.Join(", ", curriculum.Rubrics.Keys.Order())}");
                var passMark = exercise is null ? (double?)null : curriculum.Programs.Values.Select(p => p.FindExercise(exercise)).FirstOrDefault(e => e is not null)?.PassCriteria.MinDepthScore;
                if (exercise is not null && passMark is null)
                    return Problem.BadInput("unknown-exercise", $"no exercise '{exercise}'");
                return TypedResults.Ok(CatalogViews.Of(skin, rules, session ?? 1, passMark));
            })
            .WithName("GetSkin").WithSummary("A practice skin to draw to scale: zones, hair, scars, and each zone's targets for a course session (and an exercise's depth pass band)");
    }

    private static IReadOnlyList<BodyView> Bodies(CurriculumCatalog curriculum) =>
        [.. curriculum.Programs.Values.SelectMany(p => p.Bodies).DistinctBy(b => b.Id).Select(b => new BodyView(b.Id, b.Name))];
}
