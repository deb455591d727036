using Microsoft.AspNetCore.Http.HttpResults;
using SmpAcademy.Domain;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Problems;

namespace SmpAcademy.Host.Sessions;

/// <summary>Remote grading by instructors: coaching pauses, annotations, grades and moderation.</summary>
public static class GradingEndpoints
{
    public static void MapGradingEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sessions = app.MapGroup("/api/sessions/{sessionId:guid}").RequireAuthorization().WithTags("Grading");
        Map(sessions, "coaching-pause", "PauseForCoaching", "An assigned instructor pauses the session to coach", (s, me, _, key) => s.PauseForCoaching(me, key));
        MapWith<AnnotationInput>(sessions, "annotations", "Annotate", "Pin a comment to a position or a dot", (s, me, body, key) => s.Annotate(me, body, key));
        MapWith<GradeInput>(sessions, "grade", "Grade", "Grade a completed attempt on the exercise's manual items; sign it off or send it back", (s, me, body, key) => s.Grade(me, body, key));
        MapWith<ModerationInput>(sessions, "moderation", "Moderate", "A second instructor agrees with or overrides a grade, with a reason", (s, me, body, key) => s.Moderate(me, body, key));
    }

    private static void Map(RouteGroupBuilder group, string path, string name, string summary, Func<IPracticeSessionGrain, string, object?, string?, Task<Refusal?>> act) =>
        group.MapPost($"/{path}", (Guid sessionId, HttpContext http, IGrainFactory grains) => RunAsync(sessionId, http, grains, null, act))
            .WithName(name).WithSummary(summary);

    private static void MapWith<T>(RouteGroupBuilder group, string path, string name, string summary, Func<IPracticeSessionGrain, string, T, string?, Task<Refusal?>> act) =>
        group.MapPost($"/{path}", (Guid sessionId, T body, HttpContext http, IGrainFactory grains) => RunAsync(sessionId, http, grains, body, (s, me, b, key) => act(s, me, (T)b!, key)))
            .WithName(name).WithSummary(summary);

    private static async Task<Results<NoContent, ProblemHttpResult>> RunAsync(Guid sessionId, HttpContext http, IGrainFactory grains, object? body,
        Func<IPracticeSessionGrain, string, object?, string?, Task<Refusal?>> act)
    {
        var caller = Caller.Of(http.User);
        if (caller.Role != Roles.Instructor)
            return Problem.Forbidden("only instructors coach, annotate, grade and moderate");
        var session = grains.GetGrain<IPracticeSessionGrain>(sessionId);
        if (await session.GetTrainee() is null)
            return Problem.NotFound($"session {sessionId} does not exist");
        return Problem.Done(await act(session, caller.UserId, body, IdempotencyKey.Of(http)));
    }
}
