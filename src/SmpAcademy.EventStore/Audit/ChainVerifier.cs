using JasperFx.Events;
using Marten;
using SmpAcademy.Audit.Bundles;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.EventStore.Streams;

namespace SmpAcademy.EventStore.Audit;

/// <summary>Runs <see cref="ChainCheck"/> on a stream as PostgreSQL holds it now.</summary>
public static class ChainVerifier
{
    public static async Task<StreamVerification> VerifyAsync(IQuerySession query, string stream, bool keepLinks = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var events = await query.Events.FetchStreamAsync(stream, token: cancellationToken);
        var state = await query.Events.FetchStreamStateAsync(stream, cancellationToken);
        return Verify(stream, events, state?.Version ?? 0, keepLinks);
    }

    public static StreamVerification Verify(string stream, IReadOnlyList<IEvent> events, long recordedVersion, bool keepLinks = false) =>
        ChainCheck.Verify(stream, events.OrderBy(e => e.Version).Select(ToEntry), recordedVersion, keepLinks, inVersionOrder: true);

    /// <summary>An event as an audit bundle carries it: the canonical bytes its hash covers, and that hash.</summary>
    public static BundleEvent ToBundleEvent(string stream, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(stream, e.Version, e.Id, e.Timestamp, EventCatalog.NameOf(e.Data), CanonicalJson.Of(e.Data), e.GetHeader(MartenJournal.HashHeader)?.ToString());
    }

    public static ChainEntry ToEntry(IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Version, e.Id, EventCatalog.NameOf(e.Data), CanonicalJson.Of(e.Data), e.GetHeader(MartenJournal.HashHeader)?.ToString());
    }
}
