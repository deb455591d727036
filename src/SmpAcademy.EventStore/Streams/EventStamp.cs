using Marten;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.EventStore.Streams;

/// <summary>
/// What the journal fixes about an event before it is written, so that its link can cover it: its id, its
/// timestamp and its headers (the link among them). Marten stores these as given, in every append mode.
/// </summary>
public sealed record EventStamp(Guid Id, DateTimeOffset Timestamp, IReadOnlyDictionary<string, object> Headers)
{
    /// <summary>The tenant Marten writes for a store without tenancy, covered by the link like every other column.</summary>
    public const string DefaultTenant = "*DEFAULT*";

    /// <summary>Stamps and seals events to follow <paramref name="head"/>, under the current scheme.</summary>
    /// <param name="tags">Beside the events: the keyed request that each event starts, if any.</param>
    /// <param name="actors">Beside the events: who recorded each, if known (recorded in its headers, under its link).</param>
    public static (EventStamp[] Stamps, string Head) Seal(ISerializer serializer, TimeProvider clock, string stream, int version, string head,
        IReadOnlyList<object> events, IReadOnlyList<WriteTag?>? tags, IReadOnlyList<Actor?>? actors = null)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(events);
        var at = StoredEvent.StorableTime(clock.GetUtcNow());
        var stamps = new EventStamp[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var headers = new Dictionary<string, object>(StringComparer.Ordinal);
            if (tags is not null && i < tags.Count)
                tags[i]?.AddTo(headers);
            if (actors is not null && i < actors.Count && actors[i] is { } actor)
                headers[Actor.Header] = actor.ToHeader();
            var unsealed = new StoredEvent(stream, version + i + 1, Guid.CreateVersion7(), EventCatalog.NameOf(events[i]), at, DefaultTenant,
                System.Text.Encoding.UTF8.GetBytes(serializer.ToJson(events[i])), default);
            head = ChainSchemes.Seal(head, unsealed, headers);
            headers[ChainSchemes.HashHeader] = head;
            stamps[i] = new EventStamp(unsealed.Id, at, headers);
        }

        return (stamps, head);
    }

    /// <summary>Adds the append to a session, with the expected-version check, each event as stamped.</summary>
    public static void Append(IDocumentSession session, string stream, int version, IReadOnlyList<object> events, IReadOnlyList<EventStamp> stamps)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(stamps);
        var action = version == 0
            ? session.Events.StartStream(stream, [.. events])
            : session.Events.Append(stream, version + events.Count, [.. events]);
        for (var i = 0; i < events.Count; i++)
        {
            var e = action.Events[i];
            (e.Id, e.Timestamp) = (stamps[i].Id, stamps[i].Timestamp);
            foreach (var (name, value) in stamps[i].Headers)
                e.SetHeader(name, value);
        }
    }
}
