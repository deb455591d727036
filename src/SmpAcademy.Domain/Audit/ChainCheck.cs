namespace SmpAcademy.Domain.Audit;

/// <summary>One event as the hash chain sees it: position, the scheme of its link, what that link covers and the link recorded with it.</summary>
/// <param name="Preimage">What the link covers after the previous link and the scheme's own prefix (<see cref="ChainSchemes.PrefixOf"/>): under scheme 2, the canonical envelope.</param>
/// <param name="Culprit">On a mismatch: which of the event's fields were edited, where the scheme can tell.</param>
public sealed record ChainEntry(long Version, Guid EventId, int Scheme, ReadOnlyMemory<byte> Preimage, string? RecordedHash, Func<string>? Culprit);

/// <summary>Where a stream's history stops being trustworthy, and why.</summary>
public sealed record ChainBreak(string Stream, long Version, Guid? EventId, string Reason);

/// <param name="Head">The last good link: what a signed checkpoint of this stream must match.</param>
/// <param name="Links">Every good link by version, when asked for (checkpoints compare against them).</param>
/// <param name="LegacyEvents">Events whose links use scheme 1 (they come first: a stream never steps back to it).</param>
public sealed record StreamVerification(string Stream, long Events, string Head, ChainBreak? Break, IReadOnlyList<string>? Links = null, long LegacyEvents = 0)
{
    public bool Intact => Break is null;

    /// <summary>The schemes the stream's links use, in words, with what each leaves uncovered.</summary>
    public string Schemes => LegacyEvents == 0 ? ChainSchemes.Describe(ChainSchemes.Current)
        : LegacyEvents == Events ? ChainSchemes.Describe(ChainSchemes.Legacy)
        : $"events 1–{LegacyEvents}: {ChainSchemes.Describe(ChainSchemes.Legacy)}; from {LegacyEvents + 1}: {ChainSchemes.Describe(ChainSchemes.Current)}";

    /// <summary>The verified link at a version, or null if the chain broke before it (or links were not kept).</summary>
    public string? LinkAt(long version) => Links is { } links && version >= 1 && version <= links.Count ? links[(int)version - 1] : null;
}

/// <summary>
/// Recomputes a stream's hash chain and compares every link with the one recorded when the event was
/// written: any edited, deleted, reordered or inserted event is found, by version. The same check runs
/// on the live database and, offline, on an exported bundle.
/// </summary>
public static class ChainCheck
{
    /// <param name="recordedVersion">How many events the store says the stream has (catches deletion from the end).</param>
    /// <param name="inVersionOrder">The caller already ordered the entries by version: they are then streamed, not buffered.</param>
    /// <param name="from">A head a signed checkpoint vouched for: the entries start there (see <see cref="ChainWalk"/>).</param>
    public static StreamVerification Verify(string stream, IEnumerable<ChainEntry> entries, long recordedVersion, bool keepLinks = false, bool inVersionOrder = false,
        StreamHead? from = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var walk = new ChainWalk(stream, keepLinks, from);
        // In version order, not storage order: a reordering then shows as events whose links no longer fit.
        foreach (var e in inVersionOrder ? entries : entries.OrderBy(e => e.Version))
        {
            if (!walk.Add(e))
                break;
        }

        return walk.Finish(recordedVersion);
    }
}

/// <summary>
/// One stream's chain checked an event at a time, in version order, so a reader can check events as it reads them
/// and keep none of their bytes: <see cref="Add"/> each, then <see cref="Finish"/>. After a break, the rest is ignored.
/// </summary>
/// <param name="from">
/// A head already vouched for (a signed checkpoint's): the walk starts at that event, whose recorded link must be the
/// signed one, and checks only the events after it. Null: from the first event.
/// </param>
public sealed class ChainWalk(string stream, bool keepLinks = false, StreamHead? from = null)
{
    private readonly List<string>? _links = keepLinks && from is null ? [] : null;
    private string _head = HashChain.Genesis;
    private long _expected = from?.Version ?? 1;
    private long _legacy;
    private int _scheme = ChainSchemes.Legacy;
    private ChainBreak? _break;

    public string Stream => stream;

    /// <returns>False once the chain is broken (by this event or an earlier one).</returns>
    public bool Add(ChainEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (_break is not null)
            return false;
        if (e.Version != _expected)
        {
            return Broken(_expected, null, e.Version > _expected
                ? $"event {_expected} is missing (deleted?): the stream jumps from {_expected - 1} to {e.Version}"
                : $"version {e.Version} appears again after {_expected - 1}");
        }

        if (from is not null && e.Version == from.Version)
        {
            if (e.RecordedHash != from.Hash)
                return Broken(e.Version, e.EventId, $"its link is not the one signed for it: the history up to it was rewritten");
            _head = from.Hash;
            _expected++;
            return true;
        }

        if (e.RecordedHash is not { Length: 64 } recorded)
            return Broken(e.Version, e.EventId, "it carries no hash: it was written outside the platform (inserted?)");
        if (e.Scheme is not (ChainSchemes.Legacy or ChainSchemes.Current))
            return Broken(e.Version, e.EventId, $"its link claims hash scheme {e.Scheme}, which this verifier does not know (headers edited?)");
        if (e.Scheme < _scheme)
            return Broken(e.Version, e.EventId, $"its link claims scheme {e.Scheme} after an event under scheme {_scheme}: a stream never steps back to a weaker scheme (downgraded?)");
        _scheme = e.Scheme;
        var computed = HashChain.Link(_head, ChainSchemes.PrefixOf(e.Scheme), e.Preimage.Span);
        if (computed != recorded)
        {
            return Broken(e.Version, e.EventId, e.Culprit is { } culprit
                ? $"it no longer matches its hash: {culprit()} edited (or the event moved)"
                : "its content or position no longer matches its hash (edited, or moved)");
        }

        if (e.Scheme == ChainSchemes.Legacy)
            _legacy++;
        _head = computed;
        _links?.Add(computed);
        _expected++;
        return true;
    }

    /// <param name="recordedVersion">How many events the store says the stream has (catches deletion from the end).</param>
    public StreamVerification Finish(long recordedVersion)
    {
        var count = _expected - 1;
        if (_break is null && from is not null && count < from.Version)
            Broken(from.Version, null, $"the event signed as its head is gone (deleted from the end?)");
        else if (_break is null && count != recordedVersion)
            Broken(count + 1, null, $"the stream records {recordedVersion} events but {count} are there (deleted from the end?)");
        return new StreamVerification(stream, count, _head, _break, _links, _legacy);
    }

    private bool Broken(long version, Guid? id, string reason)
    {
        _break = new ChainBreak(stream, version, id, reason);
        return false;
    }
}

/// <summary>What checking one checkpoint found.</summary>
public sealed record CheckpointVerification(long CheckpointId, bool SignatureValid, IReadOnlyList<string> Problems)
{
    public bool Holds => SignatureValid && Problems.Count == 0;
}

public static class CheckpointCheck
{
    /// <summary>
    /// Compares a checkpoint's signed heads with verified chains (kept links); heads of streams not in
    /// <paramref name="chains"/> are not judged. The signature is checked by the caller, with a trusted key.
    /// </summary>
    public static CheckpointVerification Against(Checkpoint checkpoint, bool signatureValid, IReadOnlyDictionary<string, StreamVerification> chains)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(chains);
        var problems = new List<string>();
        if (!checkpoint.HeadsProven())
        {
            problems.Add(checkpoint.Format == 2
                ? $"the heads it lists are not the ones its signed tree holds (a head or an inclusion proof was altered)"
                : $"format {checkpoint.Format} is not one this verifier knows");
        }

        foreach (var head in checkpoint.Heads)
        {
            if (!chains.TryGetValue(head.Stream, out var chain))
                continue;
            if (chain.LinkAt(head.Version) is not { } link)
                problems.Add($"{head.Stream}: version {head.Version} is no longer verifiable ({chain.Break?.Reason ?? "missing"})");
            else if (link != head.Hash)
                problems.Add($"{head.Stream}: history up to version {head.Version} differs from what checkpoint {checkpoint.Id} signed (rewritten?)");
        }

        return new CheckpointVerification(checkpoint.Id, signatureValid, problems);
    }
}
