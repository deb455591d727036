using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.Extensions.Logging;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Grains.Instructors;
using SmpAcademy.Grains.Journaling;

namespace SmpAcademy.Grains.Trainees;

/// <summary>One trainee: enrolment, instructors, treatment courses and the outcome of every session.</summary>
public sealed class TraineeGrain(IDocumentStore store, GroupCommit commit, CurriculumCatalog curriculum, TimeProvider clock, ILogger<TraineeGrain> log)
    : JournaledStreamGrain<TraineeState>(new MartenJournal(store, commit), log), ITraineeGrain
{
    private string Id => this.GetPrimaryKeyString();

    protected override string Stream => StreamKeys.Trainee(Id);

    protected override void Apply(TraineeState state, object @event) => state.Apply(@event);

    public Task<Refusal?> Enroll(string programId, string? requestId = null) =>
        StoredValues.CheckText("the trainee id", Id) is { } badId ? Task.FromResult<Refusal?>(badId)
        : curriculum.Programs.TryGetValue(programId ?? "", out var program)
            ? DecideAsync(requestId, $"enroll:{programId}", s => TraineeDecisions.Enroll(s, Id, program, clock.GetUtcNow()))
            : Task.FromResult<Refusal?>(Refusal.NotFound($"program '{programId}' is not in the curriculum; programs: {string.Join(", ", curriculum.Programs.Keys)}"));

    public Task<Refusal?> ApplyForCertification(string bodyId, string? requestId = null) =>
        DecideAsync(requestId, $"apply:{bodyId}", s => s.ProgramId is { } programId
            ? TraineeDecisions.ApplyForCertification(s, Id, curriculum.Programs[programId], bodyId ?? "", clock.GetUtcNow())
            : Refusal.Conflict("not-enrolled", "enroll in a program before applying for its certificate"));

    public async Task<Refusal?> AssignInstructor(string instructorId, string? requestId = null)
    {
        if (string.IsNullOrWhiteSpace(instructorId))
            return new Refusal(RefusalKind.BadInput, "no-instructor", "name the instructor to assign");
        if (StoredValues.CheckText("the instructor id", instructorId) is { } badId)
            return badId;
        // A trainee exists once enrolled: assigning an instructor to a name nobody enrolled as would record a trainee out of nothing.
        var recorded = await RecordAsync(requestId, $"assign:{instructorId}", s => s.ProgramId is null
            ? Decision.Refuse(new Refusal(RefusalKind.NotFound, "unknown-trainee", $"no trainee '{Id}': nobody by that id has enrolled in a program, so there is no one to assign an instructor to"))
            : s.Instructors.Contains(instructorId) ? Decision.Record()
            : Decision.Record(new InstructorAssigned(Id, instructorId, clock.GetUtcNow())));
        if (recorded.Refusal is not null)
            return recorded.Refusal;
        await GrainFactory.GetGrain<IInstructorGrain>(instructorId).Assign(Id);
        return null;
    }

    public async Task<Refusal?> UnassignInstructor(string instructorId, string? requestId = null)
    {
        var recorded = await RecordAsync(requestId, $"unassign:{instructorId}", s => !s.Instructors.Contains(instructorId)
            ? Decision.Refuse(new Refusal(RefusalKind.NotFound, "not-assigned", $"'{instructorId}' is not an instructor of '{Id}'"))
            : Decision.Record(new InstructorUnassigned(Id, instructorId, clock.GetUtcNow())));
        if (recorded.Refusal is not null)
            return recorded.Refusal;
        await GrainFactory.GetGrain<IInstructorGrain>(instructorId).Unassign(Id);
        return null;
    }

    public Task<Refusal?> AdvanceCourse(Guid courseId, int days, string? requestId = null) =>
        DecideAsync(requestId, $"advance:{courseId}:{days}", s => TraineeDecisions.AdvanceCourse(s, Id, courseId, days, clock.GetUtcNow()));

    public async Task<StartSessionResult> StartSession(string exerciseId, Guid? courseId, string? requestId = null)
    {
        var request = $"start-session:{exerciseId}:{courseId}";
        if (await RecallAsync(requestId, request) is { } earlier)
            return Opened(earlier);
        await EnsureCurrentAsync();
        if (TentativeState.ProgramId is null || !curriculum.Programs.TryGetValue(TentativeState.ProgramId, out var program))
            return new StartSessionResult(null, new Refusal(RefusalKind.Conflict, "not-enrolled", "enroll in a program before practising"));
        var decision = TraineeDecisions.PlaceSession(TentativeState, program, exerciseId, courseId, Guid.NewGuid());
        if (decision is Refusal violation)
            return new StartSessionResult(null, violation);

        // A keyed request names its session after the key, so a retry finds the session its first try started.
        var placement = (SessionPlacement)decision;
        var sessionId = requestId is null ? Guid.NewGuid() : KeyedSessionId(requestId);
        var session = GrainFactory.GetGrain<IPracticeSessionGrain>(sessionId);
        var setup = new SessionSetup(Id, program.Id, exerciseId, program.FindExercise(exerciseId)!.SkinId, placement.CourseId, placement.CourseSessionNumber,
            program.RubricVersion, placement.EarlierSessions);
        if (await session.Start(setup, requestId) is { } refused)
            return new StartSessionResult(null, refused);

        var opened = new PracticeSessionOpened(Id, sessionId, exerciseId, placement.CourseId, placement.CourseSessionNumber, placement.CourseDay, clock.GetUtcNow());
        var recorded = await RecordAsync(requestId, request, _ => Decision.Record(opened));
        if (recorded.Refusal == WriteRefusals.ChangedElsewhere && requestId is null)
            await session.Abandon("the trainee's record changed while the session was starting");
        return Opened(recorded);
    }

    private static StartSessionResult Opened(Recorded recorded) =>
        recorded.Refusal is { } refusal
            ? new StartSessionResult(null, refusal)
            : recorded.Events.OfType<PracticeSessionOpened>().Select(o => new StartSessionResult(new SessionOpened(o.SessionId, o.CourseId, o.CourseSessionNumber, o.CourseDay), null)).Single();

    private Guid KeyedSessionId(string requestId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"session:{Id}:{requestId}")).AsSpan(0, 16));

    public async Task SessionClosed(Guid sessionId, SessionSummary? summary)
    {
        var recorded = await RecordAsync(null, "", s =>
        {
            if (!s.Sessions.TryGetValue(sessionId, out var record) || record.Closed is not null)
                return Decision.Record();
            var criteria = curriculum.Programs[s.ProgramId!].FindExercise(record.Opened.ExerciseId)!.PassCriteria;
            var unmet = summary is null ? ["the session was abandoned"] : PassEvaluation.Unmet(criteria, summary);
            return Decision.Record(new PracticeSessionClosed(Id, sessionId, summary, unmet.Count == 0, unmet, clock.GetUtcNow()));
        });
        if (recorded.Refusal is { } refusal)
            throw new EventStoreUnavailableException($"the session is closed, but recording that on trainee {Id}'s record failed ({refusal.Message})");
    }

    public async Task<TraineeProfile> GetProfile()
    {
        await EnsureCurrentAsync();
        var s = State;
        return new TraineeProfile(Id, s.ProgramId, [.. s.Instructors],
            s.Sessions.Values.OrderBy(r => r.Opened.At).ToArray(), new Dictionary<Guid, CourseProgress>(s.Courses), [.. s.AppliedTo]);
    }

    private async Task<Refusal?> DecideAsync(string? requestId, string request, Func<TraineeState, object> decide) =>
        (await RecordAsync(requestId, request, s => Decision.Of(decide(s)))).Refusal;
}
