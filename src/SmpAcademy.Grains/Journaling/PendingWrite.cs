using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Grains.Journaling;

/// <summary>One command's events waiting for the grain's next write, with who asked; completes with null once durable, else the refusal.</summary>
internal sealed class PendingWrite(IReadOnlyList<object> events, WriteTag? tag, Actor? actor)
{
    public IReadOnlyList<object> Events { get; } = events;

    public WriteTag? Tag { get; } = tag;

    public Actor? Actor { get; } = actor;

    public TaskCompletionSource<Refusal?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The commands' events as one append: each keyed command's tag on its first event, each event's actor beside it.</summary>
    public static (IReadOnlyList<object> Events, IReadOnlyList<WriteTag?>? Tags, IReadOnlyList<Actor?> Actors) Join(List<PendingWrite> writes)
    {
        if (writes.Count == 1)
            return (writes[0].Events, writes[0].Tag is { } only ? [only] : null, Enumerable.Repeat(writes[0].Actor, writes[0].Events.Count).ToArray());
        var events = new List<object>();
        var actors = new List<Actor?>();
        WriteTag?[]? tags = null;
        var total = writes.Sum(w => w.Events.Count);
        foreach (var w in writes)
        {
            if (w.Tag is not null)
                (tags ??= new WriteTag?[total])[events.Count] = w.Tag;
            events.AddRange(w.Events);
            actors.AddRange(Enumerable.Repeat(w.Actor, w.Events.Count));
        }

        return (events, tags, actors);
    }
}
