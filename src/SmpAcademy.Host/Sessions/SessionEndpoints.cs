using Microsoft.AspNetCore.Http.HttpResults;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Healing;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Problems;

namespace SmpAcademy.Host.Sessions;

public sealed record AbandonRequest(string? Reason = null);

/// <param name="EarlierSessions">The course's earlier sessions, whose healed dots lie on this skin (GET their /healed to draw them).</param>
public sealed record SessionResponse(Guid SessionId, string TraineeId, string ExerciseId, string SkinId, Guid CourseId, int CourseSessionNumber,
    int RubricVersion, SessionStatus Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int DotCount, SessionSummary? Summary, IReadOnlyList<ScoredDot> Dots,
    IReadOnlyList<AnnotationAdded> Annotations, AttemptGraded? Grade, GradeModerated? Moderation, IReadOnlyList<Guid> EarlierSessions);

/// <summary>Healed dots in sequence order, from <see cref="FromSequence"/> on.</summary>
public sealed record HealedPage(long FromSequence, IReadOnlyList<HealedDot> Dots);

public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sessions = app.MapGroup("/api/sessions/{sessionId:guid}").RequireAuthorization().WithTags("Sessions");

        sessions.MapPost("/dots", async Task<Results<Ok<ScoredDot>, ProblemHttpResult>> (Guid sessionId, DotPlacement dot, HttpContext http, IGrainFactory grains) =>
            {
                // One grain call: the session itself checks that the caller is its trainee (see PracticeSessionGrain).
                var result = await grains.GetGrain<IPracticeSessionGrain>(sessionId).PlaceDots([dot], IdempotencyKey.Of(http));
                return result.Refusal is { } refusal ? Problem.From(refusal) : TypedResults.Ok(result.Dots[0]);
            })
            .RequireRateLimiting(RateLimiting.Allowances.DotsPolicy).WithName("PlaceDot").WithSummary("Place one dot; answers with its scores and flags once it is recorded");

        sessions.MapPost("/dots/batch", async Task<Results<Ok<IReadOnlyList<ScoredDot>>, ProblemHttpResult>> (Guid sessionId, DotPlacement[] dots, HttpContext http, IGrainFactory grains) =>
            {
                var result = await grains.GetGrain<IPracticeSessionGrain>(sessionId).PlaceDots(dots, IdempotencyKey.Of(http));
                return result.Refusal is { } refusal ? Problem.From(refusal, result.FailedIndex) : TypedResults.Ok(result.Dots);
            })
            .RequireRateLimiting(RateLimiting.Allowances.DotsPolicy).WithName("PlaceDots").WithSummary("Place a batch of dots: all are recorded, or none (the problem names the first bad one by index)");

        MapCommand(sessions, "pause", (s, key) => s.Pause(key));
        MapCommand(sessions, "resume", (s, key) => s.Resume(key));
        MapCommand(sessions, "complete", (s, key) => s.Complete(key));
        sessions.MapPost("/abandon", async Task<Results<NoContent, ProblemHttpResult>> (Guid sessionId, AbandonRequest? request, HttpContext http, IGrainFactory grains) =>
            {
                var (session, denied) = await WritableAsync(sessionId, http, grains);
                return denied ?? Problem.Done(await session!.Abandon(request?.Reason ?? "abandoned by the trainee", IdempotencyKey.Of(http)));
            })
            .WithName("AbandonSession").WithSummary("Abandon the session");

        sessions.MapGet("/", async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> (Guid sessionId, HttpContext http, IGrainFactory grains, long? fromSequence, int? limit) =>
            {
                var access = await SessionAccess.CheckAsync(grains, sessionId, Caller.Of(http.User), write: false);
                if (Denied(access) is { } denied)
                    return denied;
                var view = (await access.Session.GetView(fromSequence ?? 1, limit ?? 1000))!;
                var s = view.Started;
                return TypedResults.Ok(new SessionResponse(s.SessionId, s.TraineeId, s.ExerciseId, s.SkinId, s.CourseId, s.CourseSessionNumber, s.RubricVersion,
                    view.Status, s.At, view.EndedAt, view.DotCount, view.Summary, view.Dots.Select(d => ScoredDot.From(d)).ToArray(), view.Annotations, view.Grade, view.Moderation, s.EarlierSessions));
            })
            .WithName("GetSession").WithSummary($"A session with its dots and scores (page with fromSequence and limit, at most {Limits.DotsPerBatchText})");

        sessions.MapGet("/healed", async Task<Results<Ok<HealedPage>, ProblemHttpResult>> (Guid sessionId, HttpContext http, IGrainFactory grains, CurriculumCatalog curriculum, long? fromSequence, int? limit) =>
            {
                var access = await SessionAccess.CheckAsync(grains, sessionId, Caller.Of(http.User), write: false);
                if (Denied(access) is { } denied)
                    return denied;
                var view = (await access.Session.GetView(fromSequence ?? 1, limit ?? Limits.DotsPerBatch))!;
                return TypedResults.Ok(new HealedPage(fromSequence ?? 1, HealingModel.HealAll(
                    curriculum.Skins[view.Started.SkinId], curriculum.Rubrics[view.Started.RubricVersion], view.Dots.Select(d => d.Placement))));
            })
            .WithName("GetHealedSession").WithSummary("How the session's dots look once healed (about 7 days): faded, spread or blurred, by the rubric's healing model");
    }

    private static void MapCommand(RouteGroupBuilder sessions, string name, Func<IPracticeSessionGrain, string?, Task<Refusal?>> command) =>
        sessions.MapPost($"/{name}", async Task<Results<NoContent, ProblemHttpResult>> (Guid sessionId, HttpContext http, IGrainFactory grains) =>
            {
                var (session, denied) = await WritableAsync(sessionId, http, grains);
                return denied ?? Problem.Done(await command(session!, IdempotencyKey.Of(http)));
            })
            .WithName($"{char.ToUpperInvariant(name[0])}{name[1..]}Session").WithSummary($"{char.ToUpperInvariant(name[0])}{name[1..]} the session");

    /// <summary>The session, if it exists and the caller may write to it; else the problem to answer with.</summary>
    private static async Task<(IPracticeSessionGrain? Session, ProblemHttpResult? Denied)> WritableAsync(Guid sessionId, HttpContext http, IGrainFactory grains)
    {
        var access = await SessionAccess.CheckAsync(grains, sessionId, Caller.Of(http.User), write: true);
        return Denied(access) is { } denied ? (null, denied) : (access.Session, null);
    }

    private static ProblemHttpResult? Denied(SessionAccess.Outcome access) => access.Refusal is { } refusal ? Problem.From(refusal) : null;
}
