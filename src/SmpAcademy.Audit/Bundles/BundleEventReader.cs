using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;

namespace SmpAcademy.Audit.Bundles;

/// <summary>What reading <c>events.jsonl</c> found: the decoded history, every listed stream's chain, the file's SHA-256.</summary>
/// <param name="Events">Lines that read as events (decoded or not).</param>
internal sealed record BundleEvents(IReadOnlyList<RecordedEvent> History, Dictionary<string, StreamVerification> Chains, long Events, string Sha256);

/// <summary>
/// Reads <c>events.jsonl</c> as it inflates, a block of lines at a time: each block's lines are parsed and decoded on
/// every core, each event's link is checked against its stream's chain, and only the decoded event is kept, so memory
/// holds the history as objects, never the file. Lines must give each stream's events in version order, as exported.
/// </summary>
public static class BundleEventReader
{
    private const int BlockBytes = 4 << 20;
    private const long ProgressEvery = 250_000;

    /// <summary>Longer than any event the platform writes by far; a line past this is refused, not buffered.</summary>
    public const int MaxLineBytes = 16 << 20;

    /// <exception cref="InvalidDataException">The entry inflates past its caps, or a line is longer than <see cref="MaxLineBytes"/>.</exception>
    internal static BundleEvents Read(Stream lines, IReadOnlyList<BundleStream> streams, List<string> problems, Action<string>? progress)
    {
        var walks = new Dictionary<string, ChainWalk>(StringComparer.Ordinal);
        foreach (var listed in streams)
        {
            if (!walks.TryAdd(listed.Stream, new ChainWalk(listed.Stream, keepLinks: true)))
                problems.Add($"stream {listed.Stream} is listed twice in streams.json");
        }

        var history = new List<RecordedEvent>();
        var unreadable = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var orphans = new SortedSet<string>(StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BlockBytes];
        var filled = 0;
        long events = 0, lineNumber = 0, reported = 0;
        while (true)
        {
            var read = Fill(lines, buffer, filled);
            sha.AppendData(buffer, filled, read);
            filled += read;
            var end = filled < buffer.Length;
            var cut = end ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            if (cut == 0 && !end)
            {
                if (buffer.Length >= MaxLineBytes)
                    throw new InvalidDataException($"events.jsonl line {lineNumber + 1} is longer than {MaxLineBytes:N0} bytes: not an event, refused");
                Array.Resize(ref buffer, buffer.Length * 2);
                continue;
            }

            foreach (var e in Block(buffer.AsMemory(0, cut), ref lineNumber, problems))
            {
                events++;
                var stream = walks.TryGetValue(e.Event.Stream, out var walk) ? walk.Stream : e.Event.Stream;
                if (e.Data is null)
                    (unreadable.TryGetValue(stream, out var list) ? list : unreadable[stream] = []).Add($"{stream} event {e.Event.Version}: its data does not read as a '{e.Event.Type}' event");
                else
                    history.Add(new RecordedEvent(e.Event.Id, stream, e.Event.Version, e.Data, e.Provenance));
                if (walk is null)
                    orphans.Add(stream);
                else
                    walk.Add(e.Entry);
            }

            if (end)
                break;
            Buffer.BlockCopy(buffer, cut, buffer, 0, filled - cut);
            filled -= cut;
            if (events / ProgressEvery > reported)
                progress?.Invoke($"events: {(reported = events / ProgressEvery) * ProgressEvery:N0}+ read and chained");
        }

        var chains = new Dictionary<string, StreamVerification>(StringComparer.Ordinal);
        foreach (var listed in streams.DistinctBy(s => s.Stream))
        {
            var chain = chains[listed.Stream] = walks[listed.Stream].Finish(listed.RecordedVersion);
            if (chain.Break is { } broken)
                problems.Add($"{broken.Stream} event {broken.Version}{(broken.EventId is { } id ? $" ({id})" : "")}: {broken.Reason}");
            problems.AddRange(unreadable.GetValueOrDefault(listed.Stream, []));
        }

        problems.AddRange(orphans.Select(o => $"events of stream {o} are in the bundle but the stream is not listed in streams.json"));
        return new BundleEvents(history, chains, events, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    /// <returns>How many bytes were read into <paramref name="buffer"/> after <paramref name="filled"/>: fewer than asked only at the end.</returns>
    private static int Fill(Stream lines, byte[] buffer, int filled)
    {
        var start = filled;
        int read;
        while (filled < buffer.Length && (read = lines.Read(buffer, filled, buffer.Length - filled)) > 0)
            filled += read;
        return filled - start;
    }

    /// <summary>A block of whole lines parsed and decoded in parallel, in line order (their bytes are the block's, valid until the next).</summary>
    private static BundledEvent[] Block(ReadOnlyMemory<byte> block, ref long lineNumber, List<string> problems)
    {
        var ranges = new List<(Range Range, long Line)>();
        var span = block.Span;
        for (var start = 0; start < span.Length;)
        {
            var end = span[start..].IndexOf((byte)'\n') is var i and >= 0 ? start + i : span.Length;
            lineNumber++;
            if (end > start)
                ranges.Add((start..end, lineNumber));
            start = end + 1;
        }

        var events = new BundledEvent?[ranges.Count];
        var failures = new string?[ranges.Count];
        Parallel.For(0, ranges.Count, i =>
        {
            try
            {
                var line = block[ranges[i].Range];
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                events[i] = root.TryGetProperty("envelope", out var envelope) ? FromEnvelope(line, root, envelope) : Legacy(root);
            }
            catch (Exception x) when (x is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NotSupportedException)
            {
                failures[i] = $"events.jsonl line {ranges[i].Line} is not a readable event: {x.Message}";
            }
        });

        problems.AddRange(failures.OfType<string>());
        return [.. events.OfType<BundledEvent>()];
    }

    /// <summary>A scheme-1 line: place and type beside the canonical JSON that the link covers.</summary>
    private static BundledEvent Legacy(JsonElement root)
    {
        var type = root.GetProperty("type").GetString()!;
        var data = JsonMarshal.GetRawUtf8Value(root.GetProperty("data")).ToArray();
        var e = new StoredEvent(root.GetProperty("stream").GetString()!, root.GetProperty("version").GetInt64(), root.GetProperty("id").GetGuid(),
            type, root.GetProperty("timestamp").GetDateTimeOffset(), "", data, default);
        var hash = root.GetProperty("hash").GetString();
        var decoded = EventCatalog.Types.TryGetValue(type, out var clr) ? CanonicalJson.Read(data, clr) : null;
        var entry = new ChainEntry(e.Version, e.Id, ChainSchemes.Legacy, HashChain.LegacyPreimage(e.Stream, e.Version, type, data), hash, null);
        // Bytes that hash right but do not read back as their type would make the re-scoring and decision meaningless.
        return new BundledEvent(e, entry, decoded is not null && CanonicalJson.Of(decoded).AsSpan().SequenceEqual(data) ? EventCatalog.Upcast(decoded) : null);
    }

    /// <summary>
    /// A scheme-2 line: everything is read from the envelope the link covers, which must be in canonical form. The
    /// envelope, its data and its headers are slices of the line, not copies.
    /// </summary>
    private static BundledEvent FromEnvelope(ReadOnlyMemory<byte> line, JsonElement root, JsonElement envelope)
    {
        var bytes = SliceOf(line, JsonMarshal.GetRawUtf8Value(envelope));
        var canonical = new ArrayBufferWriter<byte>(bytes.Length);
        Jcs.Write(envelope, canonical); // from the line as parsed: no second parse
        if (!canonical.WrittenSpan.SequenceEqual(bytes.Span))
            throw new FormatException("its envelope is not in canonical form, so what it says is not what its link covers");
        var headers = envelope.GetProperty("headers");
        var data = SliceOf(line, JsonMarshal.GetRawUtf8Value(envelope.GetProperty("data")));
        var stored = new StoredEvent(envelope.GetProperty("stream").GetString()!, envelope.GetProperty("version").GetInt64(), envelope.GetProperty("id").GetGuid(),
            envelope.GetProperty("type").GetString()!, envelope.GetProperty("timestamp").GetDateTimeOffset(), envelope.GetProperty("tenant").GetString()!,
            data, SliceOf(line, JsonMarshal.GetRawUtf8Value(headers)));
        // Read from the headers as parsed with the line, once: the scheme of the link and who recorded the event.
        var entry = ChainSchemes.EnvelopeEntry(stored, bytes, root.GetProperty("hash").GetString(), ChainSchemes.SchemeOf(headers));
        var decoded = EventCatalog.Types.TryGetValue(stored.Type, out var clr) ? CanonicalJson.ReadExactly(data.Span, clr) : null;
        return new BundledEvent(stored, entry, decoded is null ? null : EventCatalog.Upcast(decoded), Actor.ProvenanceOf(headers));
    }

    /// <summary>Where a span that JSON parsing handed back lies in the line it parsed, as memory of that line.</summary>
    private static ReadOnlyMemory<byte> SliceOf(ReadOnlyMemory<byte> line, ReadOnlySpan<byte> part)
    {
        var offset = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(line.Span), ref MemoryMarshal.GetReference(part));
        return (uint)offset <= (uint)line.Length && part.Length <= line.Length - offset
            ? line.Slice(offset, part.Length)
            : part.ToArray(); // an unescaped copy, should the parser ever give one
    }

    /// <summary>One event as read from its line (its bytes are the block's), as the chain sees it, decoded and upcast (null if it does not read as its type), and who recorded it.</summary>
    private sealed record BundledEvent(StoredEvent Event, ChainEntry Entry, object? Data, Provenance? Provenance = null);
}
