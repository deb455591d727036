using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Domain.Sessions;

/// <summary>What a session's state allows. Pure: state and clock in, decision out.</summary>
public static class SessionDecisions
{
    public static Refusal? CanPlaceDots(PracticeSessionState state) => state.Status switch
    {
        SessionStatus.Active => null,
        SessionStatus.NotStarted => DotRefusals.SessionNotStarted(),
        SessionStatus.Paused => DotRefusals.SessionPaused(),
        var s => DotRefusals.SessionClosed(s.ToString().ToLowerInvariant()),
    };

    public static object Start(PracticeSessionState state, SessionStarted started) =>
        state.Status == SessionStatus.NotStarted ? started : Refuse("already-started", "the session has already been started");

    public static object Pause(PracticeSessionState state, Guid id, DateTimeOffset now) =>
        state.Status == SessionStatus.Active ? new SessionPaused(id, now) : Refuse("not-active", $"only an active session can be paused; this one is {Describe(state)}");

    public static object Resume(PracticeSessionState state, Guid id, DateTimeOffset now) =>
        state.Status == SessionStatus.Paused ? new SessionResumed(id, now) : Refuse("not-paused", $"only a paused session can be resumed; this one is {Describe(state)}");

    public static object Complete(PracticeSessionState state, Guid id, DateTimeOffset now, PracticeSkin skin) =>
        state.Status is SessionStatus.Active or SessionStatus.Paused
            ? new SessionCompleted(id, now, state.Tally.Summarise(skin, state.ActiveDuration(now)))
            : Refuse("not-open", $"only an active or paused session can be completed; this one is {Describe(state)}");

    public static object Abandon(PracticeSessionState state, Guid id, DateTimeOffset now, string reason) =>
        Audit.StoredValues.CheckText("the reason", reason) is { } badText ? badText
        : state.Status is SessionStatus.Active or SessionStatus.Paused
            ? new SessionAbandoned(id, now, reason)
            : Refuse("not-open", $"only an active or paused session can be abandoned; this one is {Describe(state)}");

    private static string Describe(PracticeSessionState state) =>
        state.Status == SessionStatus.NotStarted ? "not started" : state.Status.ToString().ToLowerInvariant();

    private static Refusal Refuse(string code, string message) => Refusal.Conflict(code, message);
}
