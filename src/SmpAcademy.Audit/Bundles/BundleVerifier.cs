using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Audit.Witness;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;

namespace SmpAcademy.Audit.Bundles;

/// <summary>What checking a bundle found: problems make it fail; notes are worth knowing but not failures.</summary>
/// <param name="Unanchored">Events whose chain holds but that no signed checkpoint in the bundle covers (all of them when it has none).</param>
public sealed record BundleVerification(string TraineeId, long Events, int Streams, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes, long Unanchored = 0)
{
    /// <summary>Everything checked and every event under a signed checkpoint.</summary>
    public bool Verified => Problems.Count == 0 && Unanchored == 0;

    /// <summary>VERIFIED, UNANCHORED (every check holds, but some events are signed by no checkpoint: they could be rewritten unseen) or NOT VERIFIED.</summary>
    public string Verdict => Problems.Count > 0 ? "NOT VERIFIED" : Unanchored > 0 ? "UNANCHORED" : "VERIFIED";
}

/// <summary>
/// Checks an audit bundle with no server: every file against the manifest, every stream's hash chain,
/// every checkpoint's signature (with a trusted key) and signed heads, every score by re-scoring, and the
/// decision by deciding again from the bundled events and curriculum.
/// </summary>
public static class BundleVerifier
{
    /// <param name="trustedPublicKeyHex">The platform's checkpoint key obtained out of band; null trusts the key in the bundle (noted).</param>
    /// <param name="witness">The checkpoints a certification body witnessed itself: each checkpoint in the bundle must be one of them.</param>
    public static BundleVerification Verify(Stream bundle, string? trustedPublicKeyHex, Action<string>? progress = null, WitnessLog? witness = null)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        Dictionary<string, byte[]> files;
        try
        {
            using var zip = new ZipArchive(bundle, ZipArchiveMode.Read, leaveOpen: true);
            files = BundleArchive.ReadAll(zip);
        }
        catch (InvalidDataException x)
        {
            return Fail("", $"not a readable bundle: {x.Message}");
        }

        if (!files.TryGetValue(BundleLayout.Manifest, out var manifestBytes) || Deserialize<BundleManifest>(manifestBytes) is not { } manifest)
            return Fail("", "no readable manifest.json: not an audit bundle");
        if (manifest.Format != AuditFormats.Bundle)
            return Fail(manifest.TraineeId, $"format '{manifest.Format}' is not {AuditFormats.Bundle}");

        CheckFiles(manifest, files, problems);
        DerivedFiles.CheckNames(files.Keys, problems);
        if (problems.Count > 0)
            return new BundleVerification(manifest.TraineeId, 0, 0, problems, notes);

        progress?.Invoke($"files: {files.Count - 1} match the manifest");
        var events = ReadEvents(files[BundleLayout.Events], problems);
        var streams = Deserialize<List<BundleStream>>(files[BundleLayout.Streams]) ?? [];
        var chains = VerifyChains(events, streams, problems, progress);
        var checkpoints = Deserialize<List<Checkpoint>>(files[BundleLayout.Checkpoints]) ?? [];
        if (checkpoints.Any(c => c?.Heads is null || c.Heads.Any(h => h?.Stream is null || h.Hash is null)))
            return new BundleVerification(manifest.TraineeId, events.Count, chains.Count, [.. problems, "checkpoints.json does not read as a list of checkpoints"], notes);
        var unanchored = VerifyCheckpoints(files, checkpoints, chains, trustedPublicKeyHex, problems, notes, progress);
        if (witness is not null)
            CheckWitnessed(witness, checkpoints, problems, progress);
        if (problems.Count == 0)
            RecomputeDecision(manifest, files, events, new ReportFacts(null!, events.Count, chains.Count, manifest.CreatedAt, BundledKey(files), [], checkpoints.Count), problems, progress);
        return new BundleVerification(manifest.TraineeId, events.Count, chains.Count, problems, notes, unanchored);

        BundleVerification Fail(string trainee, string problem) => new(trainee, 0, 0, [problem], notes);
    }

    private static void CheckFiles(BundleManifest manifest, Dictionary<string, byte[]> files, List<string> problems)
    {
        foreach (var (name, digest) in manifest.Files)
        {
            if (!files.TryGetValue(name, out var bytes))
                problems.Add($"{name} is listed in the manifest but missing");
            else if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != digest)
                problems.Add($"{name} was changed after export (its SHA-256 differs from the manifest)");
        }

        foreach (var extra in files.Keys.Where(f => f != BundleLayout.Manifest && !manifest.Files.ContainsKey(f)))
            problems.Add($"{extra} is not listed in the manifest (added after export?)");
        foreach (var required in new[] { BundleLayout.Events, BundleLayout.Streams, BundleLayout.Checkpoints, BundleLayout.Decision })
        {
            if (!manifest.Files.ContainsKey(required))
                problems.Add($"{required} is missing from the bundle");
        }
    }

    /// <summary>Reads and decodes every line, in parallel (lines are independent); order and line numbers are kept.</summary>
    private static List<BundledEvent> ReadEvents(byte[] lines, List<string> problems)
    {
        var ranges = new List<Range>();
        for (var start = 0; start < lines.Length;)
        {
            var end = Array.IndexOf(lines, (byte)'\n', start);
            end = end < 0 ? lines.Length : end;
            if (end > start)
                ranges.Add(start..end);
            start = end + 1;
        }

        var events = new BundledEvent?[ranges.Count];
        var failures = new string?[ranges.Count];
        Parallel.For(0, ranges.Count, i =>
        {
            try
            {
                var line = lines.AsMemory(ranges[i]);
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                events[i] = root.TryGetProperty("envelope", out var envelope) ? FromEnvelope(line, root, envelope) : Legacy(root);
            }
            catch (Exception x) when (x is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NotSupportedException)
            {
                failures[i] = $"events.jsonl line {i + 1} is not a readable event: {x.Message}";
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
    /// envelope, its data and its headers are slices of the line, not copies: a million-event bundle is read whole.
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

    /// <summary>One bundled event: as stored (read from its line), as the chain sees it, decoded and upcast (null if it does not read as its type), and who recorded it (scheme 2).</summary>
    private sealed record BundledEvent(StoredEvent Event, ChainEntry Entry, object? Data, Provenance? Provenance = null);

    private static Dictionary<string, StreamVerification> VerifyChains(List<BundledEvent> events, List<BundleStream> streams, List<string> problems, Action<string>? progress)
    {
        var chains = new Dictionary<string, StreamVerification>(StringComparer.Ordinal);
        var byStream = events.GroupBy(e => e.Event.Stream).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var results = new StreamVerification[streams.Count];
        Parallel.For(0, streams.Count, i =>
        {
            var entries = byStream.GetValueOrDefault(streams[i].Stream) ?? [];
            results[i] = ChainCheck.Verify(streams[i].Stream, entries.Select(e => e.Entry), streams[i].RecordedVersion, keepLinks: true);
        });
        foreach (var chain in results)
        {
            chains[chain.Stream] = chain;
            if (chain.Break is { } broken)
                problems.Add($"{broken.Stream} event {broken.Version}{(broken.EventId is { } id ? $" ({id})" : "")}: {broken.Reason}");
            foreach (var e in byStream.GetValueOrDefault(chain.Stream, []).Where(e => e.Data is null).Select(e => e.Event))
                problems.Add($"{e.Stream} event {e.Version}: its data does not read as a '{e.Type}' event");
        }

        foreach (var orphan in byStream.Keys.Where(s => !chains.ContainsKey(s)))
            problems.Add($"events of stream {orphan} are in the bundle but the stream is not listed in streams.json");
        progress?.Invoke($"hash chains: {chains.Count} stream(s), {events.Count} event(s), {chains.Values.Count(c => c.Intact)} intact");
        return chains;
    }

    private static string BundledKey(Dictionary<string, byte[]> files) => files.TryGetValue(BundleLayout.PublicKey, out var k) ? Encoding.UTF8.GetString(k).Trim() : "";

    /// <returns>How many events no signed checkpoint covers.</returns>
    private static long VerifyCheckpoints(Dictionary<string, byte[]> files, List<Checkpoint> checkpoints, Dictionary<string, StreamVerification> chains, string? trustedKey,
        List<string> problems, List<string> notes, Action<string>? progress)
    {
        var bundledKey = BundledKey(files);
        if (trustedKey is null)
            notes.Add($"checkpoint signatures were checked with the key inside the bundle ({bundledKey}); pass the platform's published key to check them against it");
        else if (!string.Equals(trustedKey, bundledKey, StringComparison.OrdinalIgnoreCase))
            notes.Add("the key inside the bundle is not the trusted key; signatures are checked with the trusted key");
        var key = trustedKey ?? bundledKey;

        var covered = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var checkpoint in checkpoints)
        {
            var result = CheckpointCheck.Against(checkpoint, Ed25519Check.Verify(key, checkpoint.SignedBytes(), checkpoint.Signature), chains);
            if (!result.SignatureValid)
                problems.Add($"checkpoint {checkpoint.Id}: its signature does not verify with key {key} (forged or altered)");
            problems.AddRange(result.Problems.Select(p => $"checkpoint {checkpoint.Id}: {p}"));
            foreach (var head in checkpoint.Heads.Where(h => chains.ContainsKey(h.Stream)))
                covered[head.Stream] = Math.Max(covered.GetValueOrDefault(head.Stream), head.Version);
        }

        var unsigned = chains.Values.Sum(c => c.Events - Math.Min(c.Events, covered.GetValueOrDefault(c.Stream)));
        if (checkpoints.Count == 0)
            notes.Add("the bundle holds no signed checkpoint: none of its events is anchored, so a rewrite of the whole history would pass every other check");
        foreach (var chain in chains.Values.Where(c => c.Events > covered.GetValueOrDefault(c.Stream)).OrderBy(c => c.Stream, StringComparer.Ordinal))
            notes.Add($"not anchored: {chain.Stream} events {covered.GetValueOrDefault(chain.Stream) + 1}–{chain.Events} (their chain holds, but no signed checkpoint covers them)");
        var last = checkpoints.Count == 0 ? "" : $", the last #{checkpoints.Max(c => c.Id)} at {checkpoints.Max(c => c.At):u}";
        progress?.Invoke($"checkpoints: {checkpoints.Count} checked{last}; anchored {chains.Values.Sum(c => c.Events) - unsigned} event(s), not anchored {unsigned}");
        return unsigned;
    }

    /// <summary>Each bundled checkpoint must be the very one the witness saw: a history rewritten after it was witnessed carries a different one.</summary>
    private static void CheckWitnessed(WitnessLog witness, List<Checkpoint> checkpoints, List<string> problems, Action<string>? progress)
    {
        var refused = checkpoints.Select(witness.Vouch).OfType<string>().ToList();
        problems.AddRange(refused.Select(r => $"witness {witness.Directory}: {r}"));
        var held = witness.Held.Count == 0 ? "none" : $"#{witness.Held[0].Id}–#{witness.Held[^1].Id}";
        progress?.Invoke($"witness: {checkpoints.Count - refused.Count} of {checkpoints.Count} checkpoint(s) are ones it saw (it holds {held})");
    }

    /// <param name="facts">What the report says apart from the decision and re-scoring, as established by the checks before.</param>
    private static void RecomputeDecision(BundleManifest manifest, Dictionary<string, byte[]> files, List<BundledEvent> events, ReportFacts facts, List<string> problems, Action<string>? progress)
    {
        if (BundledCurriculum.Load(files, problems) is not { } curriculum)
            return;
        var history = events.Select(e => new RecordedEvent(e.Event.Id, e.Event.Stream, e.Event.Version, e.Data!, e.Provenance)).ToArray();
        var reports = HistoryRescoring.RescoreAll(history, curriculum);
        foreach (var report in reports.Where(r => !r.Identical))
        {
            var first = report.Mismatches[0];
            problems.Add($"session {report.SessionId}: {report.Mismatches.Count} score(s) differ on re-scoring, first at dot {first.Sequence} ({first.Field}: recorded {first.Recorded:R}, now {first.Recomputed:R})");
        }

        progress?.Invoke($"re-scoring: {reports.Count} session(s), {reports.Sum(r => r.Dots)} dot(s), {reports.Count(r => r.Identical)} identical");
        if (curriculum.EnrolledProgram(history, manifest.TraineeId, manifest.ProgramId) is not { } program)
        {
            problems.Add($"the bundle has no program '{manifest.ProgramId}' as the trainee enrolled in it");
            return;
        }

        DerivedFiles.CheckSessionsPresent(manifest.TraineeId, history, problems);
        var decision = CertificationRules.Decide(manifest.TraineeId, program, history);
        if (!CanonicalJson.Of(decision).AsSpan().SequenceEqual(files[BundleLayout.Decision]))
            problems.Add("decision.json does not follow from the bundled events: deciding again gives a different result");
        DerivedFiles.Compare(files, facts with { Decision = decision, Rescoring = reports }, program, history, problems);
        progress?.Invoke($"decision: {(decision.Certified ? "certified" : "not certified")}, {decision.Requirements.Count(r => r.Met)}/{decision.Requirements.Count} requirements met, recomputed from the events");
    }

    private static T? Deserialize<T>(byte[] json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, BundleWriter.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
