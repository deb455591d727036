using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
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

    public static void Configure(StoreOptions options, string connectionString, string schema = DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Connection(connectionString);
        options.DatabaseSchemaName = schema;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.UseSystemTextJsonForSerialization(enumStorage: EnumStorage.AsString);
        options.Events.StreamIdentity = StreamIdentity.AsString;

        // Stored names are part of the audit trail: explicit and versioned, never the CLR type name.
        options.Events.MapEventType<TraineeEnrolled>("trainee_enrolled_v1");
        options.Events.MapEventType<InstructorAssigned>("instructor_assigned_v1");
        options.Events.MapEventType<CourseDaysAdvanced>("course_days_advanced_v1");
        options.Events.MapEventType<PracticeSessionOpened>("practice_session_opened_v1");
        options.Events.MapEventType<PracticeSessionClosed>("practice_session_closed_v1");
        options.Events.MapEventType<SessionStarted>("session_started_v1");
        options.Events.MapEventType<DotPlaced>("dot_placed_v1");
        options.Events.MapEventType<SessionPaused>("session_paused_v1");
        options.Events.MapEventType<SessionResumed>("session_resumed_v1");
        options.Events.MapEventType<SessionCompleted>("session_completed_v1");
        options.Events.MapEventType<SessionAbandoned>("session_abandoned_v1");
        options.Events.MapEventType<AnnotationAdded>("annotation_added_v1");
        options.Events.MapEventType<AttemptGraded>("attempt_graded_v1");
        options.Events.MapEventType<GradeModerated>("grade_moderated_v1");
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
