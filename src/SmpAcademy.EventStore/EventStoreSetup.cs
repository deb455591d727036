using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;
using SmpAcademy.EventStore.Projections;
using Weasel.Core;

namespace SmpAcademy.EventStore;

/// <summary>How SmpAcademy keeps its events in Marten.</summary>
public static class EventStoreSetup
{
    public const string DefaultSchema = "smp";

    /// <summary>Stored names are part of the audit trail (hashed with each event): explicit and versioned, never the CLR type name.</summary>
    public static readonly IReadOnlyDictionary<Type, string> EventNames = new Dictionary<Type, string>
    {
        [typeof(TraineeEnrolled)] = "trainee_enrolled_v1",
        [typeof(InstructorAssigned)] = "instructor_assigned_v1",
        [typeof(CourseDaysAdvanced)] = "course_days_advanced_v1",
        [typeof(PracticeSessionOpened)] = "practice_session_opened_v1",
        [typeof(PracticeSessionClosed)] = "practice_session_closed_v1",
        [typeof(SessionStarted)] = "session_started_v1",
        [typeof(DotPlaced)] = "dot_placed_v1",
        [typeof(SessionPaused)] = "session_paused_v1",
        [typeof(SessionResumed)] = "session_resumed_v1",
        [typeof(SessionCompleted)] = "session_completed_v1",
        [typeof(SessionAbandoned)] = "session_abandoned_v1",
        [typeof(AnnotationAdded)] = "annotation_added_v1",
        [typeof(AttemptGraded)] = "attempt_graded_v1",
        [typeof(GradeModerated)] = "grade_moderated_v1",
    };

    public static void Configure(StoreOptions options, string connectionString, string schema = DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Connection(connectionString);
        options.DatabaseSchemaName = schema;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.UseSystemTextJsonForSerialization(enumStorage: EnumStorage.AsString);
        options.Events.StreamIdentity = StreamIdentity.AsString;

        options.Events.MetadataConfig.HeadersEnabled = true; // each event's hash-chain link rides in its headers
        foreach (var (type, name) in EventNames)
            options.Events.MapEventType(type, name);
        options.Schema.For<Checkpoint>().Identity(c => c.Id);
    }

    /// <summary>Read models: trainee progress inline (rare, read-your-writes), session summaries async (every dot).</summary>
    public static void AddProjections(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Add<TraineeProgressProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<SessionSummaryProjection>(ProjectionLifecycle.Async);
    }

    public static DocumentStore CreateStore(string connectionString, string schema = DefaultSchema) =>
        DocumentStore.For(options => Configure(options, connectionString, schema));
}
