using System.Globalization;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Host.Audit;

/// <summary>One recorded event of a candidate's history, said in words. Dots are counted per session, not listed.</summary>
/// <param name="By">Who recorded it and through which interface, as the event's provenance says.</param>
public sealed record TimelineEntry(DateTimeOffset At, string Stream, long Version, string Event, Guid? SessionId, string What, string By);

/// <summary>One session of the history, for picking what to replay.</summary>
public sealed record TimelineSession(Guid SessionId, string ExerciseId, int CourseSessionNumber, DateTimeOffset StartedAt, SessionStatus Status, long Dots);

public sealed record CandidateTimeline(string TraineeId, IReadOnlyList<TimelineSession> Sessions, IReadOnlyList<TimelineEntry> Entries);

/// <summary>A pause of a session, as recorded: when it began and (unless the session ended paused) when it was resumed.</summary>
public sealed record RecordedPause(DateTimeOffset At, DateTimeOffset? ResumedAt);

/// <summary>A recorded session as stored, dot by dot, with its notes and pauses at their recorded times, for an auditor to replay.</summary>
public sealed record RecordedSession(Guid SessionId, string TraineeId, string ExerciseId, string SkinId, int CourseSessionNumber, int RubricVersion,
    SessionStatus Status, DateTimeOffset StartedAt, IReadOnlyList<ScoredDot> Dots, IReadOnlyList<AnnotationAdded> Annotations, SessionSummary? Summary,
    IReadOnlyList<RecordedPause> Pauses);

public static class CandidateTimelines
{
    public static CandidateTimeline Of(TraineeHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var sessions = history.Streams.Skip(1).Select(s => Session(s.Events)).OfType<TimelineSession>().ToArray();
        var entries = history.Events.Where(e => e.Data is not (DotPlaced or null))
            .Select(e => new TimelineEntry(e.Timestamp, e.Stream, e.Version, e.Stored.Type, SessionOf(e.Data!), Describe(e.Data!), e.By))
            .OrderBy(e => e.At).ThenBy(e => e.Stream, StringComparer.Ordinal).ThenBy(e => e.Version)
            .ToArray();
        return new CandidateTimeline(history.TraineeId, sessions, entries);
    }

    public static RecordedSession? Replay(string traineeId, IReadOnlyList<AuditedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (StateOf(events) is not { Started: { } started } state || started.TraineeId != traineeId)
            return null;
        return new RecordedSession(started.SessionId, started.TraineeId, started.ExerciseId, started.SkinId, started.CourseSessionNumber, started.RubricVersion,
            state.Status, started.At, [.. events.Select(e => e.Data).OfType<DotPlaced>().Select(d => ScoredDot.From(d))], state.Annotations, state.Summary, Pauses(events));
    }

    private static List<RecordedPause> Pauses(IReadOnlyList<AuditedEvent> events)
    {
        var pauses = new List<RecordedPause>();
        foreach (var data in events.Select(e => e.Data))
        {
            if (data is SessionPaused paused)
                pauses.Add(new RecordedPause(paused.At, null));
            else if (data is SessionResumed resumed && pauses.Count > 0 && pauses[^1].ResumedAt is null)
                pauses[^1] = pauses[^1] with { ResumedAt = resumed.At };
        }

        return pauses;
    }

    private static TimelineSession? Session(IReadOnlyList<AuditedEvent> events) =>
        StateOf(events) is { Started: { } s } state
            ? new TimelineSession(s.SessionId, s.ExerciseId, s.CourseSessionNumber, s.At, state.Status, state.LastSequence)
            : null;

    /// <summary>The session as its stored events make it, by the same rules the session grain applies.</summary>
    private static PracticeSessionState? StateOf(IReadOnlyList<AuditedEvent> events)
    {
        if (events.Count == 0)
            return null;
        var state = new PracticeSessionState();
        foreach (var e in events.Where(e => e.Data is not null))
            state.Apply(e.Data!);
        return state;
    }

    private static Guid? SessionOf(object data) => data switch
    {
        SessionStarted e => e.SessionId,
        SessionPaused e => e.SessionId,
        SessionResumed e => e.SessionId,
        SessionCompleted e => e.SessionId,
        SessionAbandoned e => e.SessionId,
        AnnotationAdded e => e.SessionId,
        AttemptGraded e => e.SessionId,
        GradeModerated e => e.SessionId,
        PracticeSessionOpened e => e.SessionId,
        PracticeSessionClosed e => e.SessionId,
        _ => null,
    };

    private static string Describe(object data) => data switch
    {
        TraineeEnrolled e => $"enrolled in {e.ProgramId}",
        InstructorAssigned e => $"instructor {e.InstructorId} assigned",
        InstructorUnassigned e => $"instructor {e.InstructorId} unassigned",
        CertificationApplied e => $"applied to {e.BodyId} for {e.ProgramId}",
        CourseDaysAdvanced e => $"course {Short(e.CourseId)} advanced {e.Days} day(s)",
        PracticeSessionOpened e => $"opened session {Short(e.SessionId)}: {e.ExerciseId}",
        PracticeSessionClosed e => $"closed session {Short(e.SessionId)}" + (e.Summary is { } s ? $" with {s.Dots} dots" : " without a summary"),
        SessionStarted e => $"session {Short(e.SessionId)} started: {e.ExerciseId} on {e.SkinId}, course session {e.CourseSessionNumber}, rubric v{e.RubricVersion}",
        SessionPaused => "paused",
        SessionResumed => "resumed",
        SessionCompleted e => $"completed: {e.Summary.Dots} dots; depth {Score(e.Summary.MeanDepthScore)}, spacing {Score(e.Summary.MeanSpacingScore)}, shade {Score(e.Summary.MeanShadeScore)}",
        SessionAbandoned e => $"abandoned: {e.Reason}",
        AnnotationAdded e => $"{e.InstructorId} noted: {e.Text}",
        AttemptGraded e => $"{e.InstructorId} graded: {Verdict(e.Verdict)}" + (e.Comment.Length > 0 ? $" ({e.Comment})" : ""),
        GradeModerated e => $"{e.ModeratorId} moderated: {(e.Agrees ? "agrees" : "overrides")}, {Verdict(e.Verdict)} ({e.Reason})",
        _ => EventCatalog.NameOf(data),
    };

    private static string Verdict(GradeVerdict verdict) => verdict == GradeVerdict.SignedOff ? "signed off" : "sent back";

    private static string Score(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Short(Guid id) => id.ToString("N")[..8];
}
