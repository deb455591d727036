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
        ChainCheck.Verify(stream, OnAllCores(events.OrderBy(e => e.Version), e => StoredRows.Entry(e, serializer)), recordedVersion, keepLinks, inVersionOrder: true);

    /// <summary>
    /// Each event's entry (parse, canonical form, envelope) is independent of the others; only the links are a chain.
    /// So a long stream's entries are made on every core, in order, while the chain is checked as they come.
    /// </summary>
    private static IEnumerable<ChainEntry> OnAllCores<T>(IEnumerable<T> events, Func<T, ChainEntry> entry)
    {
        var all = events.ToArray();
        if (all.Length < 256)
            return all.Select(entry);
        var entries = new ChainEntry[all.Length];
        Parallel.For(0, all.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => entries[i] = entry(all[i]));
        return entries;
    }

    /// <summary>A stream already read and decoded for an audit: scheme-1 links are remade from that data, not decoded again.</summary>
    public static StreamVerification Verify(StoredStream stream, bool keepLinks = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ChainCheck.Verify(stream.Stream, OnAllCores(stream.Events.OrderBy(e => e.Version), e => ChainSchemes.Entry(e.Stored, _ => Legacy(e))), stream.RecordedVersion, keepLinks, inVersionOrder: true);
    }

    /// <summary>An event as an audit bundle carries it: under scheme 2 its canonical envelope; under scheme 1 the canonical bytes its hash covers.</summary>
    public static BundleEvent ToBundleEvent(AuditedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var s = e.Stored;
        using var headers = ChainSchemes.ParseHeaders(s.Headers);
        var root = headers?.RootElement ?? default;
        var scheme = ChainSchemes.SchemeOf(root);
        return scheme == ChainSchemes.Current
            ? new BundleEvent(s.Stream, s.Version, s.Id, s.Timestamp, s.Type, ChainSchemes.Envelope(s), ChainSchemes.HashOf(root), scheme)
            : new BundleEvent(s.Stream, s.Version, s.Id, s.Timestamp, s.Type, Legacy(e) ?? s.Data.ToArray(), ChainSchemes.HashOf(root), scheme);
    }

    private static byte[]? Legacy(AuditedEvent e) => e.AsStored is { } data ? CanonicalJson.Of(data) : null;
}
