using Marten;
using Microsoft.Extensions.Logging;
using SmpAcademy.Domain.Trainees;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Grains.Journaling;

namespace SmpAcademy.Grains.Instructors;

public interface IInstructorGrain : IGrainWithStringKey
{
    /// <summary>Records that the trainee is assigned to this instructor. Idempotent.</summary>
    Task Assign(string traineeId);

    /// <summary>Records that the trainee is no longer assigned to this instructor. Idempotent.</summary>
    Task Unassign(string traineeId);

    Task<IReadOnlyList<string>> GetTrainees();
}

/// <summary>The trainees assigned to one instructor: the same assignment events as on each trainee's stream, indexed by instructor.</summary>
public sealed class InstructorGrain(IDocumentStore store, GroupCommit commit, TimeProvider clock, ILogger<InstructorGrain> log)
    : JournaledStreamGrain<InstructorGrain.Assignments>(new MartenJournal(store, commit), log), IInstructorGrain
{
    protected override string Stream => $"instructor-{this.GetPrimaryKeyString()}";

    protected override void Apply(Assignments state, object @event)
    {
        if (@event is InstructorAssigned assigned)
            state.Trainees.Add(assigned.TraineeId);
        else if (@event is InstructorUnassigned unassigned)
            state.Trainees.Remove(unassigned.TraineeId);
    }

    public async Task Assign(string traineeId)
    {
        var recorded = await RecordAsync(null, "", s => s.Trainees.Contains(traineeId)
            ? Decision.Record()
            : Decision.Record(new InstructorAssigned(traineeId, this.GetPrimaryKeyString(), clock.GetUtcNow())));
        if (recorded.Refusal is { } refusal)
            throw new EventStoreUnavailableException($"assigning {traineeId} to instructor {this.GetPrimaryKeyString()} failed: {refusal.Message}");
    }

    public async Task Unassign(string traineeId)
    {
        var recorded = await RecordAsync(null, "", s => !s.Trainees.Contains(traineeId)
            ? Decision.Record()
            : Decision.Record(new InstructorUnassigned(traineeId, this.GetPrimaryKeyString(), clock.GetUtcNow())));
        if (recorded.Refusal is { } refusal)
            throw new EventStoreUnavailableException($"unassigning {traineeId} from instructor {this.GetPrimaryKeyString()} failed: {refusal.Message}");
    }

    public async Task<IReadOnlyList<string>> GetTrainees()
    {
        await EnsureCurrentAsync();
        return [.. State.Trainees];
    }

    public sealed class Assignments
    {
        public SortedSet<string> Trainees { get; } = new(StringComparer.Ordinal);
    }
}
