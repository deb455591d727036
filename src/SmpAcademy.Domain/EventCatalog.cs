using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Domain;

/// <summary>
/// Every event's stored name. Names are part of the audit trail (hashed with each event, read back by
/// offline verifiers): explicit and versioned, never the CLR type name. A replaced shape keeps its name and
/// record (<see cref="IRetiredEvent"/>); the new shape takes the next version.
/// </summary>
public static class EventCatalog
{
    public static readonly IReadOnlyDictionary<Type, string> Names = new Dictionary<Type, string>
    {
        [typeof(TraineeEnrolledV1)] = "trainee_enrolled_v1",
        [typeof(TraineeEnrolled)] = "trainee_enrolled_v2",
        [typeof(InstructorAssigned)] = "instructor_assigned_v1",
        [typeof(InstructorUnassigned)] = "instructor_unassigned_v1",
        [typeof(CourseDaysAdvanced)] = "course_days_advanced_v1",
        [typeof(PracticeSessionOpened)] = "practice_session_opened_v1",
        [typeof(PracticeSessionClosed)] = "practice_session_closed_v1",
        [typeof(CertificationApplied)] = "certification_applied_v1",
        [typeof(SessionStartedV1)] = "session_started_v1",
        [typeof(SessionStarted)] = "session_started_v2",
        [typeof(DotPlaced)] = "dot_placed_v1",
        [typeof(SessionPaused)] = "session_paused_v1",
        [typeof(SessionResumed)] = "session_resumed_v1",
        [typeof(SessionCompleted)] = "session_completed_v1",
        [typeof(SessionAbandoned)] = "session_abandoned_v1",
        [typeof(AnnotationAdded)] = "annotation_added_v1",
        [typeof(AttemptGraded)] = "attempt_graded_v1",
        [typeof(GradeModerated)] = "grade_moderated_v1",
        [typeof(AuditRecordRead)] = "audit_record_read_v1",
        [typeof(CertificateIssuedV1)] = "certificate_issued_v1",
        [typeof(CertificateIssuedV2)] = "certificate_issued_v2",
        [typeof(CertificateIssuedV3)] = "certificate_issued_v3",
        [typeof(CertificateIssued)] = "certificate_issued_v4",
        [typeof(CertificateRevoked)] = "certificate_revoked_v1",
    };

    public static readonly IReadOnlyDictionary<string, Type> Types = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>An event as today's code reads it: a retired shape upcast (through every later shape), any other as it is.</summary>
    public static object Upcast(object @event)
    {
        while (@event is IRetiredEvent retired)
            @event = retired.Upcast();
        return @event;
    }

    public static string NameOf(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return Names.TryGetValue(@event.GetType(), out var name) ? name : throw new ArgumentException($"{@event.GetType().Name} is not a catalogued event", nameof(@event));
    }
}
