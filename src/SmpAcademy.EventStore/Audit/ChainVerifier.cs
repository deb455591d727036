using Marten;
using SmpAcademy.Audit.Bundles;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.EventStore.Audit;

/// <summary>Runs <see cref="ChainCheck"/> on a stream as PostgreSQL holds it now, every covered column read raw.</summary>
public static class ChainVerifier
{
    public static async Task<StreamVerification> VerifyAsync(IDocumentStore store, string stream, bool keepLinks = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (events, recorded) = await StoredRows.ReadStreamAsync(store, stream, cancellationToken);
        return Verify(stream, events, recorded, store.Options.Serializer(), keepLinks);
    }

    public static StreamVerification Verify(string stream, IReadOnlyList<StoredEvent> events, long recordedVersion, ISerializer serializer, bool keepLinks = false) =>
        ChainCheck.Verify(stream, events.OrderBy(e => e.Version).Select(e => StoredRows.Entry(e, serializer)), recordedVersion, keepLinks, inVersionOrder: true);

    /// <summary>An event as an audit bundle carries it: under scheme 2 its canonical envelope; under scheme 1 the canonical bytes its hash covers.</summary>
    public static BundleEvent ToBundleEvent(StoredEvent e, ISerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(e);
        var entry = StoredRows.Entry(e, serializer);
        return entry.Scheme == ChainSchemes.Current
            ? new BundleEvent(e.Stream, e.Version, e.Id, e.Timestamp, e.Type, ChainSchemes.Envelope(e), entry.RecordedHash, ChainSchemes.Current)
            : new BundleEvent(e.Stream, e.Version, e.Id, e.Timestamp, e.Type,
                StoredRows.Decode(e, serializer) is { } data ? CanonicalJson.Of(data) : e.Data.ToArray(), entry.RecordedHash, entry.Scheme);
    }
}
