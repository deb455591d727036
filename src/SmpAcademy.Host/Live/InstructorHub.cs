using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Grains.Instructors;
using SmpAcademy.Host.Auth;

namespace SmpAcademy.Host.Live;

/// <summary>
/// Watching sessions live. Watch joins the session's group first, then returns the session so far; the
/// live tail arrives as "updated" messages. Every dot carries its sequence number, so a client drops
/// the few it may get twice around the join, and after a reconnect watches again from the last it saw.
/// </summary>
[Authorize]
public sealed class InstructorHub(IGrainFactory grains, SessionFeed feed) : Hub
{
    private const int BacklogLimit = Limits.DotsPerBatch;

    public async Task<IReadOnlyList<LiveSessionInfo>> ListLiveSessions()
    {
        var caller = Caller.Of(Context.User!);
        if (caller.Role != Roles.Instructor)
            throw new HubException("forbidden: only instructors have assigned trainees");
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

    public async Task<WatchStart> Watch(Guid sessionId, long fromSequence)
    {
        var access = await SessionAccess.CheckAsync(grains, sessionId, Caller.Of(Context.User!), write: false);
        LiveErrors.ThrowIfDenied(access);
        await Groups.AddToGroupAsync(Context.ConnectionId, SessionFeed.Group(sessionId));
        await feed.WatchAsync(sessionId, Context.ConnectionId);
        var view = (await access.Session.GetView(Math.Max(1, fromSequence), BacklogLimit))!;
        var last = Math.Max(view.Dots.Count > 0 ? view.Dots[^1].Sequence : Math.Max(0, fromSequence - 1), view.DotCount);
        feed.Fetched(sessionId, last);
        return new WatchStart(sessionId, access.TraineeId!, view.Status, view.Dots.Select(DotRecord.From).ToArray(), last, view.Stats);
    }

    public async Task<IReadOnlyList<DotRecord>> Backlog(Guid sessionId, long fromSequence, int limit)
    {
        var access = await SessionAccess.CheckAsync(grains, sessionId, Caller.Of(Context.User!), write: false);
        LiveErrors.ThrowIfDenied(access);
        var view = (await access.Session.GetView(Math.Max(1, fromSequence), Math.Clamp(limit, 1, BacklogLimit)))!;
        return view.Dots.Select(DotRecord.From).ToArray();
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
            throw new HubException("forbidden: only instructors coach, annotate, grade and moderate");
        var session = grains.GetGrain<IPracticeSessionGrain>(sessionId);
        if (await session.GetTrainee() is null)
            throw new HubException($"not-found: session {sessionId} does not exist");
        if (await act(session, caller.UserId) is { } refusal)
            throw LiveErrors.Refused(refusal);
    }

    public async Task Unwatch(Guid sessionId)
    {
        feed.Unwatch(sessionId, Context.ConnectionId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SessionFeed.Group(sessionId));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feed.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
