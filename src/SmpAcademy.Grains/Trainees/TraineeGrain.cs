using Marten;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Grains.Instructors;

namespace SmpAcademy.Grains.Trainees;

/// <summary>One trainee: enrolment, instructors, treatment courses and the outcome of every session.</summary>
[LogConsistencyProvider(ProviderName = GrainsSetup.LogConsistencyProvider)]
public sealed class TraineeGrain(IDocumentStore store, GroupCommit commit, CurriculumCatalog curriculum, TimeProvider clock)
    : JournaledGrain<TraineeState, object>, ITraineeGrain, ICustomStorageInterface<TraineeState, object>
{
    private readonly MartenJournal _journal = new(store, commit);

    private string Id => this.GetPrimaryKeyString();

    public Task<Refusal?> Enroll(string programId) =>
        curriculum.Programs.TryGetValue(programId ?? "", out var program)
            ? DecideAsync(TraineeDecisions.Enroll(TentativeState, Id, program, clock.GetUtcNow()))
            : Task.FromResult<Refusal?>(Refusal.NotFound($"program '{programId}' is not in the curriculum; programs: {string.Join(", ", curriculum.Programs.Keys)}"));

    public Task<Refusal?> ApplyForCertification(string bodyId) =>
        TentativeState.ProgramId is { } programId
            ? DecideAsync(TraineeDecisions.ApplyForCertification(TentativeState, Id, curriculum.Programs[programId], bodyId ?? "", clock.GetUtcNow()))
            : Task.FromResult<Refusal?>(new Refusal(RefusalKind.Conflict, "not-enrolled", "enroll in a program before applying for its certificate"));

    public async Task<Refusal?> AssignInstructor(string instructorId)
    {
        if (string.IsNullOrWhiteSpace(instructorId))
            return new Refusal(RefusalKind.BadInput, "no-instructor", "name the instructor to assign");
        if (!TentativeState.Instructors.Contains(instructorId) && await DecideAsync(new InstructorAssigned(Id, instructorId, clock.GetUtcNow())) is { } refused)
            return refused;
        await GrainFactory.GetGrain<IInstructorGrain>(instructorId).Assign(Id);
        return null;
    }

    public Task<Refusal?> AdvanceCourse(Guid courseId, int days) =>
        DecideAsync(TraineeDecisions.AdvanceCourse(TentativeState, Id, courseId, days, clock.GetUtcNow()));

    public async Task<StartSessionResult> StartSession(string exerciseId, Guid? courseId)
    {
        if (TentativeState.ProgramId is null || !curriculum.Programs.TryGetValue(TentativeState.ProgramId, out var program))
            return new StartSessionResult(null, new Refusal(RefusalKind.Conflict, "not-enrolled", "enroll in a program before practising"));
        var decision = TraineeDecisions.PlaceSession(TentativeState, program, exerciseId, courseId, Guid.NewGuid());
        if (decision is RuleViolation violation)
            return new StartSessionResult(null, Refusal.Of(violation));

        var placement = (SessionPlacement)decision;
        var exercise = program.FindExercise(exerciseId)!;
        var sessionId = Guid.NewGuid();
        var session = GrainFactory.GetGrain<IPracticeSessionGrain>(sessionId);
        var setup = new SessionSetup(Id, program.Id, exerciseId, exercise.SkinId, placement.CourseId, placement.CourseSessionNumber, program.RubricVersion, placement.EarlierSessions);
        if (await session.Start(setup) is { } refused)
            return new StartSessionResult(null, refused);

        var opened = new PracticeSessionOpened(Id, sessionId, exerciseId, placement.CourseId, placement.CourseSessionNumber, placement.CourseDay, clock.GetUtcNow());
        if (!await RaiseConditionalEvent(opened))
        {
            await session.Abandon("the trainee's record changed while the session was starting");
            return new StartSessionResult(null, Refusal.ChangedElsewhere);
        }

        return new StartSessionResult(new SessionOpened(sessionId, placement.CourseId, placement.CourseSessionNumber, placement.CourseDay), null);
    }

    public async Task SessionClosed(Guid sessionId, SessionSummary? summary)
    {
        if (!TentativeState.Sessions.TryGetValue(sessionId, out var record) || record.Closed is not null)
            return;
        var criteria = curriculum.Programs[TentativeState.ProgramId!].FindExercise(record.Opened.ExerciseId)!.PassCriteria;
        var unmet = summary is null ? ["the session was abandoned"] : PassEvaluation.Unmet(criteria, summary);
        await RaiseConditionalEvent(new PracticeSessionClosed(Id, sessionId, summary, unmet.Count == 0, unmet, clock.GetUtcNow()));
    }

    public Task<TraineeProfile> GetProfile()
    {
        var s = State;
        return Task.FromResult(new TraineeProfile(Id, s.ProgramId, [.. s.Instructors],
            s.Sessions.Values.OrderBy(r => r.Opened.At).ToArray(), new Dictionary<Guid, CourseProgress>(s.Courses), [.. s.AppliedTo]));
    }

    private async Task<Refusal?> DecideAsync(object decision)
    {
        if (decision is RuleViolation violation)
            return Refusal.Of(violation);
        return await RaiseConditionalEvent(decision) ? null : Refusal.ChangedElsewhere;
    }

    protected override void TransitionState(TraineeState state, object @event) => state.Apply(@event);

    public async Task<KeyValuePair<int, TraineeState>> ReadStateFromStorage()
    {
        var events = await _journal.ReadAsync(StreamKeys.Trainee(Id));
        var state = new TraineeState();
        foreach (var e in events)
            state.Apply(e);
        return new(events.Count, state);
    }

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<object> updates, int expectedVersion) =>
        _journal.AppendAsync(StreamKeys.Trainee(Id), expectedVersion, updates);
}
