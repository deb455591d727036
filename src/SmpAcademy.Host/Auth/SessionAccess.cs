using SmpAcademy.Domain;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Host.Auth;

/// <summary>Whether a caller may read or change a session; shared by the HTTP endpoints and the hubs.</summary>
public static class SessionAccess
{
    /// <summary>The session, its trainee (null when there is no such session), and the refusal when the caller may not.</summary>
    public sealed record Outcome(IPracticeSessionGrain Session, string? TraineeId, Refusal? Refusal);

    public static async Task<Outcome> CheckAsync(IGrainFactory grains, Guid sessionId, Caller caller, bool write)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(caller);
        var session = grains.GetGrain<IPracticeSessionGrain>(sessionId);
        if (await session.GetTrainee() is not { } trainee)
            return new(session, null, Refusal.NotFound($"session {sessionId} does not exist"));
        if (write)
            return new(session, trainee, caller.MayWriteAs(trainee) ? null : OnlyTheTrainee);
        var instructors = caller.Role == Roles.Instructor ? (await grains.GetGrain<ITraineeGrain>(trainee).GetProfile()).Instructors : [];
        return new(session, trainee, caller.MayRead(trainee, instructors) ? null : NotYours);
    }

    private static readonly Refusal OnlyTheTrainee = Refusal.Forbidden("forbidden", "only the session's trainee may change it");

    private static readonly Refusal NotYours = Refusal.Forbidden("forbidden", "not your session");
}
