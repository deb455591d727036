using JasperFx.Events;
using Marten;
using SmpAcademy.Domain.Audit;
using SmpAcademy.EventStore.Streams;

namespace SmpAcademy.EventStore.Audit;

/// <summary>Where a stream's history stops being trustworthy, and why.</summary>
public sealed record ChainBreak(string Stream, long Version, Guid? EventId, string Reason);

/// <param name="Head">The last good link: what a signed checkpoint of this stream must match.</param>
/// <param name="Links">Every good link by version, when asked for (checkpoints compare against them).</param>
public sealed record StreamVerification(string Stream, long Events, string Head, ChainBreak? Break, IReadOnlyList<string>? Links = null)
{
    public bool Intact => Break is null;

    /// <summary>The verified link at a version, or null if the chain broke before it (or links were not kept).</summary>
    public string? LinkAt(long version) => Links is { } links && version >= 1 && version <= links.Count ? links[(int)version - 1] : null;
}

/// <summary>
/// Recomputes a stream's hash chain from what PostgreSQL holds now and compares every link with the one
/// recorded when the event was written: any edited, deleted, reordered or inserted event is found, by version.
/// </summary>
public static class ChainVerifier
{
    public static async Task<StreamVerification> VerifyAsync(IQuerySession query, string stream, bool keepLinks = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var events = await query.Events.FetchStreamAsync(stream, token: cancellationToken);
        var state = await query.Events.FetchStreamStateAsync(stream, cancellationToken);
        return Verify(stream, events, state?.Version ?? 0, keepLinks);
    }

    public static StreamVerification Verify(string stream, IReadOnlyList<IEvent> events, long recordedVersion, bool keepLinks = false)
    {
        ArgumentNullException.ThrowIfNull(events);
        var links = keepLinks ? new List<string>(events.Count) : null;
        var head = HashChain.Genesis;
        long expected = 1;

        // In version order, not storage order: a reordering then shows as events whose links no longer fit.
        foreach (var e in events.OrderBy(e => e.Version))
        {
            if (e.Version != expected)
            {
                return Broken(expected, null, e.Version > expected
                    ? $"event {expected} is missing (deleted?): the stream jumps from {expected - 1} to {e.Version}"
                    : $"version {e.Version} appears again after {expected - 1}");
            }

            if (e.GetHeader(MartenJournal.HashHeader)?.ToString() is not { Length: 64 } recorded)
                return Broken(e.Version, e.Id, "it carries no hash: it was written outside the platform (inserted?)");
            var computed = MartenJournal.Link(head, stream, e.Version, e.Data);
            if (computed != recorded)
                return Broken(e.Version, e.Id, "its content or position no longer matches its hash (edited, or moved)");
            head = computed;
            links?.Add(computed);
            expected++;
        }

        return events.Count != recordedVersion
            ? Broken(events.Count + 1, null, $"the stream records {recordedVersion} events but {events.Count} are there (deleted from the end?)")
            : new StreamVerification(stream, events.Count, head, null, links);

        StreamVerification Broken(long version, Guid? id, string reason) =>
            new(stream, events.Count, head, new ChainBreak(stream, version, id, reason), links);
    }
}
