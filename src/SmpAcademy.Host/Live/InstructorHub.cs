using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Grains.Instructors;
using SmpAcademy.Host.Auth;

namespace SmpAcademy.Host.Live;

/// <summary>Instructors (and admins) watch sessions live (<see cref="SessionWatch"/>), coach, annotate, grade and moderate.</summary>
[Authorize]
public sealed class InstructorHub(IGrainFactory grains, SessionFeed feed) : Hub
{
    public async Task<IReadOnlyList<LiveSessionInfo>> ListLiveSessions()
    {
        var caller = Caller.Of(Context.User!);
        if (caller.Role != Roles.Instructor)
            throw LiveErrors.Refused(Refusal.Forbidden("forbidden", "only instructors have assigned trainees"));
        var live = new List<LiveSessionInfo>();
        foreach (var trainee in await grains.GetGrain<IInstructorGrain>(caller.UserId).GetTrainees())
        {
            var profile = await grains.GetGrain<ITraineeGrain>(trainee).GetProfile();
            live.AddRange(profile.Sessions.Where(s => s.Closed is null).Select(s => new LiveSessionInfo(s.Opened.SessionId, trainee, s.Opened.ExerciseId, s.Opened.At, false)));
        }

        foreach (var (info, i) in live.ToArray().Select((info, i) => (info, i)))
        {
            var view = await grains.GetGrain<IPracticeSessionGrain>(info.SessionId).GetView(0, 0);
            live[i] = info with { Paused = view?.Status == SessionStatus.Paused };
        }

        return live;
    }

    public async Task<WatchStart> Watch(Guid sessionId, long fromSequence) =>
        await SessionWatch.StartAsync(Context, Groups, feed, await SessionAccess.CheckAsync(grains, sessionId, Caller.Of(Context.User!), write: false), sessionId, fromSequence);

    public async Task<IReadOnlyList<ScoredDot>> Backlog(Guid sessionId, long fromSequence, int limit)
    {
        var access = await SessionAccess.CheckAsync(grains, sessionId, Caller.Of(Context.User!), write: false);
        LiveErrors.ThrowIfDenied(access);
        var view = (await access.Session.GetView(Math.Max(1, fromSequence), Math.Clamp(limit, 1, SessionWatch.BacklogLimit)))!;
        return view.Dots.Select(d => ScoredDot.From(d)).ToArray();
    }

    public Task PauseForCoaching(Guid sessionId, string? requestId) => ActAsync(sessionId, (s, me) => s.PauseForCoaching(me, requestId));

    public Task Annotate(Guid sessionId, AnnotationInput annotation, string? requestId) => ActAsync(sessionId, (s, me) => s.Annotate(me, annotation, requestId));

    public Task Grade(Guid sessionId, GradeInput grade, string? requestId) => ActAsync(sessionId, (s, me) => s.Grade(me, grade, requestId));

    public Task Moderate(Guid sessionId, ModerationInput moderation, string? requestId) => ActAsync(sessionId, (s, me) => s.Moderate(me, moderation, requestId));

    /// <summary>Grading acts: instructors only; the session grain checks the instructor is assigned to the trainee.</summary>
    private async Task ActAsync(Guid sessionId, Func<IPracticeSessionGrain, string, Task<Refusal?>> act)
    {
        var caller = Caller.Of(Context.User!);
        if (caller.Role != Roles.Instructor)
            throw LiveErrors.Refused(Refusal.Forbidden("forbidden", "only instructors coach, annotate, grade and moderate"));
        var session = grains.GetGrain<IPracticeSessionGrain>(sessionId);
        if (await session.GetTrainee() is null)
            throw LiveErrors.Refused(Refusal.NotFound($"session {sessionId} does not exist"));
        if (await act(session, caller.UserId) is { } refusal)
            throw LiveErrors.Refused(refusal);
    }

    public Task Unwatch(Guid sessionId) => SessionWatch.StopAsync(Context, Groups, feed, sessionId);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feed.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
