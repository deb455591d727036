using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Domain.Sessions;

// A practice session's history. Records are stored as they are: never reorder or remove a
// parameter of a released event; add new ones at the end with a default.

/// <param name="CourseId">The skin instance: sessions of one treatment course share it.</param>
/// <param name="EarlierSessions">Earlier sessions of the course, whose healed dots lie on the skin.</param>
/// <param name="RubricDigest">The rubric file that scores the session, by content (null: upcast from session_started_v1, which named the version only).</param>
/// <param name="SkinDigest">The skin file it is practised on, by content (null as above).</param>
public sealed record SessionStarted(
    Guid SessionId,
    string TraineeId,
    string ProgramId,
    string ExerciseId,
    string SkinId,
    Guid CourseId,
    int CourseSessionNumber,
    int RubricVersion,
    DateTimeOffset At,
    IReadOnlyList<Guid> EarlierSessions,
    string? RubricDigest = null,
    string? SkinDigest = null);

/// <summary>A dot as placed and as scored at that moment, with the rubric version that scored it.</summary>
public sealed record DotPlaced(
    Guid SessionId,
    long Sequence,
    double X,
    double Y,
    string Needle,
    double DepthMm,
    double Shade,
    DateTimeOffset At,
    int RubricVersion,
    string Zone,
    double DepthScore,
    double SpacingScore,
    double ShadeScore,
    DotFlags Flags)
{
    /// <summary>Derived, so not stored: the event holds its data once (the profile showed every dot written twice).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DotPlacement Placement => new(X, Y, Needle, DepthMm, Shade);

    public static DotPlaced From(Guid sessionId, long sequence, DotPlacement dot, DateTimeOffset at, int rubricVersion, DotScore score) =>
        new(sessionId, sequence, dot.X, dot.Y, dot.Needle, dot.DepthMm, dot.Shade, at, rubricVersion,
            score.Zone, score.Depth, score.Spacing, score.Shade, score.Flags);

}

public sealed record SessionPaused(Guid SessionId, DateTimeOffset At);

public sealed record SessionResumed(Guid SessionId, DateTimeOffset At);

public sealed record SessionCompleted(Guid SessionId, DateTimeOffset At, SessionSummary Summary);

public sealed record SessionAbandoned(Guid SessionId, DateTimeOffset At, string Reason);
