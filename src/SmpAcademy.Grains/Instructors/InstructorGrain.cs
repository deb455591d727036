using Marten;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using SmpAcademy.Domain.Trainees;
using SmpAcademy.EventStore.Streams;

namespace SmpAcademy.Grains.Instructors;

public interface IInstructorGrain : IGrainWithStringKey
{
    /// <summary>Records that the trainee is assigned to this instructor. Idempotent.</summary>
    Task Assign(string traineeId);

    Task<IReadOnlyList<string>> GetTrainees();
}

/// <summary>The trainees assigned to one instructor: the same assignment events as on each trainee's stream, indexed by instructor.</summary>
[LogConsistencyProvider(ProviderName = GrainsSetup.LogConsistencyProvider)]
public sealed class InstructorGrain(IDocumentStore store, GroupCommit commit, TimeProvider clock)
    : JournaledGrain<InstructorGrain.Assignments, InstructorAssigned>, IInstructorGrain, ICustomStorageInterface<InstructorGrain.Assignments, InstructorAssigned>
{
    private readonly MartenJournal _journal = new(store, commit);

    private string Stream => $"instructor-{this.GetPrimaryKeyString()}";

    public async Task Assign(string traineeId)
    {
        if (!TentativeState.Trainees.Contains(traineeId))
            await RaiseConditionalEvent(new InstructorAssigned(traineeId, this.GetPrimaryKeyString(), clock.GetUtcNow()));
    }

    public Task<IReadOnlyList<string>> GetTrainees() => Task.FromResult<IReadOnlyList<string>>([.. State.Trainees]);

    protected override void TransitionState(Assignments state, InstructorAssigned @event) => state.Trainees.Add(@event.TraineeId);

    public async Task<KeyValuePair<int, Assignments>> ReadStateFromStorage()
    {
        var events = await _journal.ReadAsync(Stream);
        var state = new Assignments();
        foreach (var e in events.OfType<InstructorAssigned>())
            state.Trainees.Add(e.TraineeId);
        return new(events.Count, state);
    }

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<InstructorAssigned> updates, int expectedVersion) =>
        _journal.AppendAsync(Stream, expectedVersion, [.. updates]);

    [GenerateSerializer]
    public sealed class Assignments
    {
        [Id(0)]
        public SortedSet<string> Trainees { get; set; } = new(StringComparer.Ordinal);
    }
}
