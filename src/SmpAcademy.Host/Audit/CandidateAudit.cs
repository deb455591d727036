using System.Security.Cryptography;
using Marten;
using SmpAcademy.Audit;
using SmpAcademy.Audit.Bundles;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Trainees;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.EventStore.Projections;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.Audit;

/// <summary>One stream's chain check, without its links.</summary>
/// <param name="Schemes">The hash schemes its links use, and what each leaves uncovered.</param>
public sealed record StreamCheck(string Stream, long Events, bool Intact, ChainBreak? Break, string Schemes);

/// <param name="Intact">Every chain holds and every checkpoint covering the history verifies.</param>
/// <param name="EventsAfterLastCheckpoint">Chained, but not yet under a signed checkpoint.</param>
public sealed record HistoryVerification(string TraineeId, bool Intact, long Events, IReadOnlyList<StreamCheck> Streams,
    IReadOnlyList<CheckpointVerification> Checkpoints, long EventsAfterLastCheckpoint, string TrustedKey)
{
    /// <summary>Intact, and every event under a signed checkpoint: the only state an auditor's screen shows as good.</summary>
    public bool Anchored => Intact && Checkpoints.Count > 0 && EventsAfterLastCheckpoint == 0;

    /// <summary>In the words <c>smp audit verify</c> uses for a bundle (<see cref="AuditVerdict"/>).</summary>
    public string Verdict => AuditVerdict.Of(Intact, Anchored ? 0 : Math.Max(EventsAfterLastCheckpoint, 1));
}

public sealed record RescoringResult(string TraineeId, bool Identical, int Sessions, int Dots, IReadOnlyList<RescoreReport> Reports);

/// <summary>An auditor's view of one candidate: verification, re-scoring, decision and export, all from the events as stored.</summary>
public sealed class CandidateAudit(IDocumentStore store, CurriculumPins curriculum, CheckpointSigner signer, CheckpointAlarm alarm, TimeProvider clock)
{
    /// <summary>The history as stored, anchored first: whatever an audit read cites is under a signed checkpoint (see <see cref="AnchorAsync"/>).</summary>
    public async Task<TraineeHistory> LoadAsync(string traineeId, CancellationToken cancellationToken)
    {
        var history = await TraineeHistory.LoadAsync(store, traineeId, cancellationToken);
        await AnchorAsync(history, cancellationToken);
        return history;
    }

    /// <summary>
    /// Signs a checkpoint now if the latest one does not cover every stream of the history as it stands, so a decision,
    /// a verification, a certificate or a bundle never rests on unanchored events. Only an intact history is anchored:
    /// a broken chain is reported, never signed. When the signer refuses (another stream's history does not verify), the
    /// alarm is up and this history stays unanchored, which the audit then says.
    /// </summary>
    private async Task AnchorAsync(TraineeHistory history, CancellationToken cancellationToken)
    {
        if (!history.Exists || await CoveredAsync(history, cancellationToken) || !history.Streams.All(s => ChainVerifier.Verify(s).Intact))
            return;
        // Under the checkpoint writer's lock, so hosts and readers never race for the next checkpoint number.
        try
        {
            await CheckpointWriter.SignNowAsync(store, signer, clock.GetUtcNow(), alarm, cancellationToken);
        }
        catch (CheckpointRefusedException)
        {
        }
    }

    private async Task<bool> CoveredAsync(TraineeHistory history, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        var latest = await query.Query<Checkpoint>().OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var heads = latest?.Heads.ToDictionary(h => h.Stream, h => h.Version, StringComparer.Ordinal) ?? [];
        return history.Streams.All(s => s.Events.Count == 0 || heads.GetValueOrDefault(s.Stream) >= s.Events[^1].Version);
    }

    /// <summary>
    /// The body's candidates, from the events themselves rather than the progress projection (a row of which anyone
    /// with the database can edit): who applied to it, as their trainee streams record it, each stream's chain checked,
    /// and the figures folded from those events by the projection's own rules.
    /// </summary>
    public async Task<IReadOnlyList<Candidate>> CandidatesAsync(string bodyId, CancellationToken cancellationToken)
    {
        var applicants = new List<string>();
        await using (var connection = await StoredRows.OpenAsync(store, cancellationToken))
        {
            await using var query = new Npgsql.NpgsqlCommand(
                $"SELECT DISTINCT stream_id FROM {store.Options.DatabaseSchemaName}.mt_events WHERE type = @type AND data->>'BodyId' = @body ORDER BY stream_id", connection)
            {
                Parameters = { new("type", EventCatalog.Names[typeof(CertificationApplied)]), new("body", bodyId) },
            };
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                applicants.Add(reader.GetString(0));
        }

        var candidates = new List<Candidate>();
        foreach (var stream in applicants)
        {
            var trainee = await TraineeHistory.LoadStreamAsync(store, stream, cancellationToken);
            var chain = ChainVerifier.Verify(trainee);
            var data = trainee.Events.Select(e => e.Data).OfType<object>().ToArray();
            var traineeId = data.OfType<CertificationApplied>().FirstOrDefault()?.TraineeId ?? stream;
            var progress = TraineeProgressProjection.Fold(traineeId, data);
            if (progress.AppliedTo.Contains(bodyId))
                candidates.Add(new Candidate(traineeId, progress.ProgramId, progress.Sessions.Count, progress.PassedExercises, progress.PracticeMinutes, chain.Intact));
        }

        return [.. candidates.OrderBy(c => c.TraineeId, StringComparer.Ordinal)];
    }

    public async Task<HistoryVerification> VerifyAsync(TraineeHistory history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var chains = history.Streams.ToDictionary(s => s.Stream, s => ChainVerifier.Verify(s, keepLinks: true), StringComparer.Ordinal);
        var checkpoints = await CheckpointsCoveringAsync(history, cancellationToken);
        var results = checkpoints.Select(c => CheckpointCheck.Against(c, CheckpointSigner.Verify(signer.PublicKeyHex, c.SignedBytes(), c.Signature), chains)).ToArray();
        var covered = chains.Values.Sum(c => checkpoints.SelectMany(k => k.Heads).Where(h => h.Stream == c.Stream).Select(h => h.Version).DefaultIfEmpty(0).Max());
        var streams = chains.Values.Select(c => new StreamCheck(c.Stream, c.Events, c.Intact, c.Break, c.Schemes)).ToArray();
        return new HistoryVerification(history.TraineeId, streams.All(s => s.Intact) && results.All(r => r.Holds), streams.Sum(s => s.Events),
            streams, results, streams.Sum(s => s.Events) - covered, signer.PublicKeyHex);
    }

    public RescoringResult Rescore(TraineeHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var reports = HistoryRescoring.RescoreAll(history.Recorded, curriculum.Files);
        return new RescoringResult(history.TraineeId, reports.All(r => r.Identical), reports.Count, reports.Sum(r => r.Dots), reports);
    }

    /// <summary>Null when the trainee never enrolled, or in a program whose file (as enrolled in) is not to be had.</summary>
    public CertificationDecision? Decide(TraineeHistory history) => DecideWithProgram(history)?.Decision;

    /// <summary>The decision, and the digest of the program file it was decided against (what a certificate pins).</summary>
    public (CertificationDecision Decision, string ProgramDigest)? DecideWithProgram(TraineeHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.ProgramId is { } id && curriculum.Files.EnrolledProgram(history.Recorded, history.TraineeId, id) is { } program
            ? (CertificationRules.Decide(history.TraineeId, program, history.Recorded), program.Digest)
            : null;
    }

    public static string Digest(CertificationDecision decision) => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Of(decision)));

    public async Task WriteBundleAsync(TraineeHistory history, CertificationDecision decision, string xapiStatements, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var events = history.Events.Select(ChainVerifier.ToBundleEvent).ToArray();
        var contents = new BundleContents(history.TraineeId, decision.ProgramId, clock.GetUtcNow(),
            [.. history.Streams.Select(s => new BundleStream(s.Stream, s.RecordedVersion))], events,
            await BundledCheckpointsAsync(history, cancellationToken), signer.PublicKeyHex, decision,
            Rescore(history).Reports, xapiStatements, curriculum.Files.Current, curriculum.Files.PinnedBy(history.Recorded.Select(e => e.Data)));
        // Spooled through a temporary file, not memory: the zip writer still writes synchronously to a stream it cannot
        // seek, which an HTTP response refuses; from the file it is copied out asynchronously.
        await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"smp-bundle-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await BundleWriter.WriteAsync(spool, contents, cancellationToken);
        spool.Position = 0;
        await spool.CopyToAsync(output, cancellationToken);
    }

    /// <summary>
    /// What a bundle carries: the latest checkpoint covering the history, holding only this history's heads, each with
    /// its proof of inclusion in the signed tree, so no other trainee's stream is named. A history last anchored under
    /// format 1 (which signed the whole list) carries its format-1 checkpoints as they are.
    /// </summary>
    private async Task<IReadOnlyList<Checkpoint>> BundledCheckpointsAsync(TraineeHistory history, CancellationToken cancellationToken)
    {
        var covering = await CheckpointsCoveringAsync(history, cancellationToken);
        var streams = history.Streams.Select(s => s.Stream).ToHashSet(StringComparer.Ordinal);
        return [.. covering.Select(c => c.Format == 2 ? c.For(streams) : c)];
    }

    /// <summary>
    /// The latest checkpoint, when it covers the history. Each checkpoint signs every stream's head, and was signed only
    /// after checking that every chain still passes through the heads the one before it signed, so the latest vouches for
    /// all before it: checking it alone costs one checkpoint, not every checkpoint ever signed times every stream.
    /// </summary>
    private async Task<IReadOnlyList<Checkpoint>> CheckpointsCoveringAsync(TraineeHistory history, CancellationToken cancellationToken)
    {
        var streams = history.Streams.Select(s => s.Stream).ToHashSet(StringComparer.Ordinal);
        await using var query = store.QuerySession();
        var latest = await query.Query<Checkpoint>().OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        return latest is not null && latest.Heads.Any(h => streams.Contains(h.Stream)) ? [latest] : [];
    }
}
