using SmpAcademy.Domain;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("smp.SessionOpened")]
public sealed record SessionOpened(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] Guid CourseId,
    [property: Id(2)] int CourseSessionNumber,
    [property: Id(3)] int CourseDay);

[GenerateSerializer, Immutable, Alias("smp.StartSessionResult")]
public sealed record StartSessionResult([property: Id(0)] SessionOpened? Opened, [property: Id(1)] Refusal? Refusal);

/// <summary>A trainee's record: program, instructors, courses and every session with its outcome.</summary>
[GenerateSerializer, Immutable, Alias("smp.TraineeProfile")]
public sealed record TraineeProfile(
    [property: Id(0)] string TraineeId,
    [property: Id(1)] string? ProgramId,
    [property: Id(2)] IReadOnlyList<string> Instructors,
    [property: Id(3)] IReadOnlyList<SessionRecord> Sessions,
    [property: Id(4)] IReadOnlyDictionary<Guid, CourseProgress> Courses,
    [property: Id(5)] IReadOnlyList<string> AppliedTo);

public interface ITraineeGrain : IGrainWithStringKey
{
    Task<Refusal?> Enroll(string programId, string? requestId = null);

    Task<Refusal?> AssignInstructor(string instructorId, string? requestId = null);

    /// <summary>Takes the instructor off the trainee (not-assigned when they were not on).</summary>
    Task<Refusal?> UnassignInstructor(string instructorId, string? requestId = null);

    /// <summary>Opens the trainee's history to the body's auditors.</summary>
    Task<Refusal?> ApplyForCertification(string bodyId, string? requestId = null);

    Task<StartSessionResult> StartSession(string exerciseId, Guid? courseId, string? requestId = null);

    Task<Refusal?> AdvanceCourse(Guid courseId, int days, string? requestId = null);

    /// <summary>Called by a session when it is completed or abandoned. Idempotent.</summary>
    Task SessionClosed(Guid sessionId, Domain.Sessions.SessionSummary? summary);

    Task<TraineeProfile> GetProfile();
}
