using System.Security.Cryptography;
using Marten;
using SmpAcademy.Audit.Bundles;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;
using SmpAcademy.EventStore.Audit;

namespace SmpAcademy.Host.Audit;

/// <summary>One stream's chain check, without its links.</summary>
public sealed record StreamCheck(string Stream, long Events, bool Intact, ChainBreak? Break);

/// <param name="EventsAfterLastCheckpoint">Chained, but not yet under a signed checkpoint.</param>
public sealed record HistoryVerification(string TraineeId, bool Intact, long Events, IReadOnlyList<StreamCheck> Streams,
    IReadOnlyList<CheckpointVerification> Checkpoints, long EventsAfterLastCheckpoint, string TrustedKey);

public sealed record RescoringResult(string TraineeId, bool Identical, int Sessions, int Dots, IReadOnlyList<RescoreReport> Reports);

/// <summary>An auditor's view of one candidate: verification, re-scoring, decision and export, all from the events as stored.</summary>
public sealed class CandidateAudit(IDocumentStore store, CurriculumCatalog curriculum, CheckpointSigner signer, TimeProvider clock)
{
    public async Task<TraineeHistory> LoadAsync(string traineeId, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        return await TraineeHistory.LoadAsync(query, traineeId, cancellationToken);
    }

    public async Task<HistoryVerification> VerifyAsync(TraineeHistory history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var chains = history.Streams.ToDictionary(s => s.Stream, s => ChainVerifier.Verify(s.Stream, s.Events, s.RecordedVersion, keepLinks: true), StringComparer.Ordinal);
        var checkpoints = await CheckpointsCoveringAsync(history, cancellationToken);
        var results = checkpoints.Select(c => CheckpointCheck.Against(c, CheckpointSigner.Verify(signer.PublicKeyHex, c.SignedBytes(), c.Signature), chains)).ToArray();
        var covered = chains.Values.Sum(c => checkpoints.SelectMany(k => k.Heads).Where(h => h.Stream == c.Stream).Select(h => h.Version).DefaultIfEmpty(0).Max());
        var streams = chains.Values.Select(c => new StreamCheck(c.Stream, c.Events, c.Intact, c.Break)).ToArray();
        return new HistoryVerification(history.TraineeId, streams.All(s => s.Intact) && results.All(r => r.Holds), streams.Sum(s => s.Events),
            streams, results, streams.Sum(s => s.Events) - covered, signer.PublicKeyHex);
    }

    public RescoringResult Rescore(TraineeHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var reports = HistoryRescoring.RescoreAll(history.Recorded, curriculum.Skins, curriculum.Rubrics);
        return new RescoringResult(history.TraineeId, reports.All(r => r.Identical), reports.Count, reports.Sum(r => r.Dots), reports);
    }

    /// <summary>Null when the trainee never enrolled, or in a program no longer in the curriculum.</summary>
    public CertificationDecision? Decide(TraineeHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.ProgramId is { } id && curriculum.Programs.TryGetValue(id, out var program)
            ? CertificationRules.Decide(history.TraineeId, program, history.Recorded)
            : null;
    }

    public static string Digest(CertificationDecision decision) => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Of(decision)));

    public async Task WriteBundleAsync(TraineeHistory history, CertificationDecision decision, string xapiStatements, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var events = history.Streams.SelectMany(s => s.Events.Select(e => ChainVerifier.ToBundleEvent(s.Stream, e))).ToArray();
        var contents = new BundleContents(history.TraineeId, decision.ProgramId, clock.GetUtcNow(),
            [.. history.Streams.Select(s => new BundleStream(s.Stream, s.RecordedVersion))], events,
            await CheckpointsCoveringAsync(history, cancellationToken), signer.PublicKeyHex, decision,
            Rescore(history).Reports, xapiStatements, curriculum.Directory);
        using var buffer = new MemoryStream();
        BundleWriter.Write(buffer, contents);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private async Task<IReadOnlyList<Checkpoint>> CheckpointsCoveringAsync(TraineeHistory history, CancellationToken cancellationToken)
    {
        var streams = history.Streams.Select(s => s.Stream).ToHashSet(StringComparer.Ordinal);
        await using var query = store.QuerySession();
        var all = await query.Query<Checkpoint>().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return [.. all.Where(c => c.Heads.Any(h => streams.Contains(h.Stream)))];
    }
}
