using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Domain.Trainees;

/// <param name="ProgramDigest">The program file enrolled in, by content: its requirements are the ones decided against (null: upcast from trainee_enrolled_v1).</param>
public sealed record TraineeEnrolled(string TraineeId, string ProgramId, DateTimeOffset At, string? ProgramDigest = null);

public sealed record InstructorAssigned(string TraineeId, string InstructorId, DateTimeOffset At);

/// <summary>An admin took the instructor off the trainee: no more watching, notes or grades from now on; earlier ones stay.</summary>
public sealed record InstructorUnassigned(string TraineeId, string InstructorId, DateTimeOffset At);

/// <summary>The trainee asked a certification body to audit their history and certify them; its auditors may now read it.</summary>
public sealed record CertificationApplied(string TraineeId, string BodyId, string ProgramId, DateTimeOffset At);

/// <summary>A treatment course's clock moved on: healing is simulated in course days.</summary>
public sealed record CourseDaysAdvanced(string TraineeId, Guid CourseId, int Days, DateTimeOffset At);

/// <param name="CourseDay">Day on the course's own clock when the session started.</param>
public sealed record PracticeSessionOpened(
    string TraineeId,
    Guid SessionId,
    string ExerciseId,
    Guid CourseId,
    int CourseSessionNumber,
    int CourseDay,
    DateTimeOffset At);

/// <param name="Summary">Present when the session was completed, absent when abandoned.</param>
/// <param name="Passed">Whether the summary meets the exercise's pass criteria.</param>
public sealed record PracticeSessionClosed(
    string TraineeId,
    Guid SessionId,
    SessionSummary? Summary,
    bool Passed,
    IReadOnlyList<string> Unmet,
    DateTimeOffset At);
