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
    public string Verdict => AuditVerdict.Of(Problems.Count == 0, Unanchored);
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
        try
        {
            using var zip = new ZipArchive(bundle, ZipArchiveMode.Read, leaveOpen: true);
            var (files, events) = BundleArchive.Read(zip, BundleLayout.Events);
            using (events)
                return Verify(files, events, trustedPublicKeyHex, problems, notes, progress, witness);
        }
        catch (InvalidDataException x)
        {
            return new BundleVerification("", 0, 0, [$"not a readable bundle: {x.Message}"], notes);
        }
    }

    private static BundleVerification Verify(Dictionary<string, byte[]> files, Stream? lines, string? trustedPublicKeyHex, List<string> problems, List<string> notes,
        Action<string>? progress, WitnessLog? witness)
    {
        if (!files.TryGetValue(BundleLayout.Manifest, out var manifestBytes) || Deserialize<BundleManifest>(manifestBytes) is not { } manifest)
            return Fail("", "no readable manifest.json: not an audit bundle");
        if (manifest.Format != AuditFormats.Bundle)
            return Fail(manifest.TraineeId, $"format '{manifest.Format}' is not {AuditFormats.Bundle}");

        CheckFiles(manifest, files, lines is not null, problems);
        DerivedFiles.CheckNames(files.Keys, problems);
        if (problems.Count > 0)
            return new BundleVerification(manifest.TraineeId, 0, 0, problems, notes);

        progress?.Invoke($"files: {files.Count - 1} match the manifest ({BundleLayout.Events} is checked as it is read)");
        var streams = Deserialize<List<BundleStream>>(files[BundleLayout.Streams]) ?? [];
        if (streams.Any(s => s?.Stream is null))
            return Fail(manifest.TraineeId, "streams.json does not read as a list of streams");
        var read = BundleEventReader.Read(lines!, streams, problems, progress);
        if (read.Sha256 != manifest.Files[BundleLayout.Events])
            return Fail(manifest.TraineeId, $"{BundleLayout.Events} was changed after export (its SHA-256 differs from the manifest)");
        var chains = read.Chains;
        progress?.Invoke($"hash chains: {chains.Count} stream(s), {read.Events} event(s), {chains.Values.Count(c => c.Intact)} intact");
        var checkpoints = Deserialize<List<Checkpoint>>(files[BundleLayout.Checkpoints]) ?? [];
        if (checkpoints.Any(c => c?.Heads is null || c.Heads.Any(h => h?.Stream is null || h.Hash is null)))
            return new BundleVerification(manifest.TraineeId, read.Events, chains.Count, [.. problems, "checkpoints.json does not read as a list of checkpoints"], notes);
        var unanchored = VerifyCheckpoints(files, checkpoints, chains, trustedPublicKeyHex, problems, notes, progress);
        if (witness is not null)
            CheckWitnessed(witness, checkpoints, problems, progress);
        if (problems.Count == 0)
            RecomputeDecision(manifest, files, read.History, new ReportFacts(null!, read.Events, chains.Count, manifest.CreatedAt, BundledKey(files), [], checkpoints.Count), problems, progress);
        return new BundleVerification(manifest.TraineeId, read.Events, chains.Count, problems, notes, unanchored);

        BundleVerification Fail(string trainee, string problem) => new(trainee, 0, 0, [problem], notes);
    }

    /// <param name="events">Whether the zip holds events.jsonl: its digest is checked as it is read.</param>
    private static void CheckFiles(BundleManifest manifest, Dictionary<string, byte[]> files, bool events, List<string> problems)
    {
        foreach (var (name, digest) in manifest.Files.Where(f => f.Key != BundleLayout.Events || !events))
        {
            if (!files.TryGetValue(name, out var bytes))
                problems.Add($"{name} is listed in the manifest but missing");
            else if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != digest)
                problems.Add($"{name} was changed after export (its SHA-256 differs from the manifest)");
        }

        foreach (var extra in files.Keys.Append(events ? BundleLayout.Events : BundleLayout.Manifest).Where(f => f != BundleLayout.Manifest && !manifest.Files.ContainsKey(f)))
            problems.Add($"{extra} is not listed in the manifest (added after export?)");
        foreach (var required in new[] { BundleLayout.Events, BundleLayout.Streams, BundleLayout.Checkpoints, BundleLayout.Decision })
        {
            if (!manifest.Files.ContainsKey(required))
                problems.Add($"{required} is missing from the bundle");
        }
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
    private static void RecomputeDecision(BundleManifest manifest, Dictionary<string, byte[]> files, IReadOnlyList<RecordedEvent> history, ReportFacts facts, List<string> problems, Action<string>? progress)
    {
        if (BundledCurriculum.Load(files, problems) is not { } curriculum)
            return;
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
