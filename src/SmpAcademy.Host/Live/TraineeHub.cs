using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.RateLimiting;

namespace SmpAcademy.Host.Live;

/// <summary>
/// Trainees place dots over a socket: same rules, scores and reasons as over HTTP. The last argument is the
/// call's request id (its idempotency key, or null): a retry with the same id is answered as the first time.
/// </summary>
[Authorize]
public sealed class TraineeHub(IGrainFactory grains, DotAllowance allowance, SessionFeed feed) : Hub
{
    /// <summary>The trainee follows their own session: instructors' notes, coaching pauses and status, on this hub.</summary>
    public async Task<WatchStart> Watch(Guid sessionId, long fromSequence) =>
        await SessionWatch.StartAsync(Context, Groups, feed, await SessionAccess.CheckAsync(grains, sessionId, Caller.Of(Context.User!), write: true), sessionId, fromSequence);

    public Task Unwatch(Guid sessionId) => SessionWatch.StopAsync(Context, Groups, feed, sessionId);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feed.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<ScoredDot> PlaceDot(Guid sessionId, DotPlacement dot, string? requestId) => (await PlaceDots(sessionId, [dot], requestId))[0];

    public async Task<IReadOnlyList<ScoredDot>> PlaceDots(Guid sessionId, DotPlacement[] dots, string? requestId)
    {
        if (allowance.Take(Caller.Of(Context.User!).UserId) is { } tooMany)
            throw tooMany;
        // One grain call: the session itself checks that the caller is its trainee (see PracticeSessionGrain).
        var result = await grains.GetGrain<IPracticeSessionGrain>(sessionId).PlaceDots(dots, requestId);
        return result.Refusal is { } refusal ? throw LiveErrors.Refused(refusal, result.FailedIndex) : result.Dots;
    }
}
