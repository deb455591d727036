using SmpAcademy.Domain;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Grains.Contracts;

/// <summary>All dots recorded, or none: <see cref="Refusal"/> says why, <see cref="FailedIndex"/> which dot.</summary>
[GenerateSerializer, Immutable, Alias("smp.PlaceDotsResult")]
public sealed record PlaceDotsResult(
    [property: Id(0)] IReadOnlyList<ScoredDot> Dots,
    [property: Id(1)] Refusal? Refusal = null,
    [property: Id(2)] int? FailedIndex = null);

[GenerateSerializer, Immutable, Alias("smp.SessionSetup")]
public sealed record SessionSetup(
    [property: Id(0)] string TraineeId,
    [property: Id(1)] string ProgramId,
    [property: Id(2)] string ExerciseId,
    [property: Id(3)] string SkinId,
    [property: Id(4)] Guid CourseId,
    [property: Id(5)] int CourseSessionNumber,
    [property: Id(6)] int RubricVersion,
    [property: Id(7)] IReadOnlyList<Guid> EarlierSessions);

[GenerateSerializer, Immutable, Alias("smp.AnnotationInput")]
public sealed record AnnotationInput([property: Id(3)] string Text, [property: Id(0)] double? X = null, [property: Id(1)] double? Y = null, [property: Id(2)] long? DotSequence = null);

[GenerateSerializer, Immutable, Alias("smp.GradeInput")]
public sealed record GradeInput([property: Id(0)] IReadOnlyDictionary<string, double> Items, [property: Id(1)] Domain.Grading.GradeVerdict Verdict, [property: Id(2)] string? Comment = null);

[GenerateSerializer, Immutable, Alias("smp.ModerationInput")]
public sealed record ModerationInput([property: Id(0)] bool Agrees, [property: Id(2)] string Reason, [property: Id(1)] Domain.Grading.GradeVerdict? Verdict = null);

/// <summary>A session as recorded: header, summary when completed, and a page of its dots.</summary>
[GenerateSerializer, Immutable, Alias("smp.SessionView")]
public sealed record SessionView(
    [property: Id(0)] SessionStarted Started,
    [property: Id(1)] SessionStatus Status,
    [property: Id(2)] int DotCount,
    [property: Id(3)] DateTimeOffset? EndedAt,
    [property: Id(4)] SessionSummary? Summary,
    [property: Id(5)] IReadOnlyList<DotPlaced> Dots,
    [property: Id(6)] LiveStats Stats,
    [property: Id(7)] IReadOnlyList<Domain.Grading.AnnotationAdded> Annotations,
    [property: Id(8)] Domain.Grading.AttemptGraded? Grade,
    [property: Id(9)] Domain.Grading.GradeModerated? Moderation);

/// <summary>
/// One practice session. Every command takes an optional request id (the client's idempotency key): a command
/// retried with the same id is answered as the first time and records nothing new.
/// </summary>
public interface IPracticeSessionGrain : IGrainWithGuidKey
{
    Task<Refusal?> Start(SessionSetup setup, string? requestId = null);

    Task<PlaceDotsResult> PlaceDots(IReadOnlyList<DotPlacement> dots, string? requestId = null);

    Task<Refusal?> Pause(string? requestId = null);

    Task<Refusal?> Resume(string? requestId = null);

    Task<Refusal?> Complete(string? requestId = null);

    Task<Refusal?> Abandon(string reason, string? requestId = null);

    /// <summary>The trainee the session belongs to; null when there is no such session.</summary>
    Task<string?> GetTrainee();

    /// <summary>An assigned instructor pauses the session to coach the trainee.</summary>
    Task<Refusal?> PauseForCoaching(string instructorId, string? requestId = null);

    Task<Refusal?> Annotate(string instructorId, AnnotationInput annotation, string? requestId = null);

    Task<Refusal?> Grade(string instructorId, GradeInput grade, string? requestId = null);

    Task<Refusal?> Moderate(string moderatorId, ModerationInput moderation, string? requestId = null);

    /// <summary>Sends this host's feed every update from now on, for a few minutes: renew while watching. <paramref name="host"/>
    /// is the host's silo: once the cluster declares it dead, its feed died with it and gets nothing more.</summary>
    Task Subscribe(ISessionFeedObserver feed, SiloAddress host);

    Task Unsubscribe(ISessionFeedObserver feed);

    /// <summary>Null when there is no such session. Dots from sequence <paramref name="fromSequence"/> on, at most <paramref name="limit"/>.</summary>
    Task<SessionView?> GetView(long fromSequence, int limit);
}
