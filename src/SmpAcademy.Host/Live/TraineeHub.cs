using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.RateLimiting;
using SmpAcademy.Host.Sessions;

namespace SmpAcademy.Host.Live;

/// <summary>
/// Trainees place dots over a socket: same rules, scores and reasons as over HTTP. The last argument is the
/// call's request id (its idempotency key, or null): a retry with the same id is answered as the first time.
/// </summary>
[Authorize]
public sealed class TraineeHub(IGrainFactory grains, DotAllowance allowance) : Hub
{
    public async Task<DotFeedback> PlaceDot(Guid sessionId, DotRequest dot, string? requestId) => (await PlaceDots(sessionId, [dot], requestId))[0];

    public async Task<IReadOnlyList<DotFeedback>> PlaceDots(Guid sessionId, DotRequest[] dots, string? requestId)
    {
        if (!Limits.IsValidBatch(dots))
            throw LiveErrors.Refused(Limits.BadBatch);
        if (allowance.Take(Caller.Of(Context.User!).UserId) is { } tooMany)
            throw tooMany;
        // One grain call: the session itself checks that the caller is its trainee (see PracticeSessionGrain).
        var result = await grains.GetGrain<IPracticeSessionGrain>(sessionId).PlaceDots(dots.Select(SessionEndpoints.ToInput).ToArray(), requestId);
        return result.Refusal is { } refusal ? throw LiveErrors.Refused(refusal, result.FailedIndex) : result.Dots;
    }
}

internal static class LiveErrors
{
    /// <summary>Hub errors carry "code: reason", the same code and reason as the HTTP problem.</summary>
    public static HubException Refused(Refusal refusal, int? index = null) =>
        new($"{refusal.Code}: {refusal.Message}{(index is { } i ? $" (dot {i})" : "")}");

    public static void ThrowIfDenied(SessionAccess.Outcome access)
    {
        if (access.Denial == SessionAccess.Denial.NotFound)
            throw new HubException($"not-found: {access.Reason}");
        if (access.Denial == SessionAccess.Denial.Forbidden)
            throw new HubException($"forbidden: {access.Reason}");
    }
}
