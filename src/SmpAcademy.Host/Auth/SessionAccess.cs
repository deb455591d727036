using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Host.Auth;

/// <summary>Whether a caller may read or change a session; shared by the HTTP endpoints and the hubs.</summary>
public static class SessionAccess
{
    public enum Denial
    {
        None,
        NotFound,
        Forbidden,
    }

    public sealed record Outcome(IPracticeSessionGrain Session, string? TraineeId, Denial Denial, string Reason);

    public static async Task<Outcome> CheckAsync(IGrainFactory grains, Guid sessionId, Caller caller, bool write)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(caller);
        var session = grains.GetGrain<IPracticeSessionGrain>(sessionId);
        if (await session.GetTrainee() is not { } trainee)
            return new(session, null, Denial.NotFound, $"session {sessionId} does not exist");
        if (write)
            return caller.MayWriteAs(trainee) ? new(session, trainee, Denial.None, "") : new(session, trainee, Denial.Forbidden, "only the session's trainee may change it");
        var instructors = caller.Role == Roles.Instructor ? (await grains.GetGrain<ITraineeGrain>(trainee).GetProfile()).Instructors : [];
        return caller.MayRead(trainee, instructors) ? new(session, trainee, Denial.None, "") : new(session, trainee, Denial.Forbidden, "not your session");
    }
}
