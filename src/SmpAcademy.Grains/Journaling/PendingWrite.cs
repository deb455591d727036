using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Grains.Journaling;

/// <summary>One command's events waiting for the grain's next write; completes with null once durable, else the refusal.</summary>
internal sealed class PendingWrite(IReadOnlyList<object> events, WriteTag? tag)
{
    public IReadOnlyList<object> Events { get; } = events;

    public WriteTag? Tag { get; } = tag;

    public TaskCompletionSource<Refusal?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The commands' events as one append, with each keyed command's tag on its first event.</summary>
    public static (IReadOnlyList<object> Events, IReadOnlyList<WriteTag?>? Tags) Join(List<PendingWrite> writes)
    {
        if (writes.Count == 1)
            return (writes[0].Events, writes[0].Tag is { } only ? [only] : null);
        var events = new List<object>();
        WriteTag?[]? tags = null;
        var total = writes.Sum(w => w.Events.Count);
        foreach (var w in writes)
        {
            if (w.Tag is not null)
                (tags ??= new WriteTag?[total])[events.Count] = w.Tag;
            events.AddRange(w.Events);
        }

        return (events, tags);
    }
}
