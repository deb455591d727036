using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Audit.Xapi;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.EventStore.Projections;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Problems;
using SmpAcademy.Host.RateLimiting;

namespace SmpAcademy.Host.Audit;

/// <param name="HistoryIntact">Whether the trainee stream these figures come from verifies (its sessions are checked by /verification).</param>
public sealed record Candidate(string TraineeId, string? ProgramId, int Sessions, IReadOnlyList<string> PassedExercises, double PracticeMinutes, bool HistoryIntact);

public sealed record AuditLogEntry(long Version, string AuditorId, string TraineeId, string What, DateTimeOffset At);

public static class AuditEndpoints
{
    public static void AddSmpAudit(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new CheckpointWindow(CheckpointWriter.IntervalFrom(builder.Configuration)));
        builder.Services.AddSingleton(CheckpointSigner.Load(Hosting.HostDatabase.DataDirectory(builder.Configuration)));
        builder.Services.AddSingleton<CheckpointAlarm>();
        builder.Services.AddHostedService<CheckpointWriter>();
        builder.Services.AddSingleton<CandidateAudit>();
    }

    public static void MapAuditEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/audit/public-key", (CheckpointSigner signer) => TypedResults.Ok(new CheckpointPublicKey("Ed25519", signer.PublicKeyHex)))
            .AllowAnonymous().WithTags("Audit").WithName("GetCheckpointPublicKey")
            .WithSummary("The Ed25519 key that signs checkpoints over the event history (hex); verifiers should pin it");

        var audit = app.MapGroup("/api/audit").RequireAuthorization().WithTags("Audit");
        audit.MapPost("/checkpoints", async Task<Results<Ok<Checkpoint>, ProblemHttpResult>> (HttpContext http, IDocumentStore store, CheckpointSigner signer, CheckpointAlarm alarm, TimeProvider clock, CancellationToken ct) =>
            {
                if (!Caller.Of(http.User).IsAdmin)
                    return Problem.Forbidden("only an admin signs a checkpoint on demand");
                try
                {
                    return TypedResults.Ok(await CheckpointWriter.SignNowAsync(store, signer, clock.GetUtcNow(), alarm, ct));
                }
                catch (CheckpointRefusedException refused)
                {
                    return Problem.From(new Refusal(RefusalKind.Conflict, "checkpoint-refused", refused.Message));
                }
            })
            .WithName("SignCheckpoint").WithSummary("Sign a checkpoint over every stream's head now, besides the periodic ones (admin)");

        audit.MapGet("/candidates", async Task<Results<Ok<IReadOnlyList<Candidate>>, ProblemHttpResult>> (HttpContext http, IGrainFactory grains, CandidateAudit audits, CancellationToken ct) =>
            {
                var caller = Caller.Of(http.User);
                if (caller.AuditedBody is not { } body)
                    return Problem.Forbidden("the candidate list is for auditors of a certification body");
                await grains.GetGrain<Grains.Contracts.ICertificationBodyGrain>(body).RecordRead(caller.UserId, "*", "candidate list");
                return TypedResults.Ok(await audits.CandidatesAsync(body, ct));
            })
            .WithName("ListCandidates").WithSummary("Trainees who applied to the auditor's certification body, with figures from their verified events (not a read model)");

        var candidate = audit.MapGroup("/candidates/{traineeId}");
        candidate.MapGet("/verification", async Task<Results<Ok<HistoryVerification>, ProblemHttpResult>> (string traineeId, HttpContext http, IGrainFactory grains, CandidateAudit audits, CancellationToken ct) =>
                await AuditAccess.AdmitAsync(http, grains, traineeId, "verification") ?? await WithHistory<Ok<HistoryVerification>>(audits, traineeId, async h => TypedResults.Ok(await audits.VerifyAsync(h, ct)), ct))
            .WithName("VerifyCandidate").WithSummary("Recompute the hash chain of every stream of the candidate's history and check it against the signed checkpoints");

        candidate.MapGet("/rescoring", async Task<Results<Ok<RescoringResult>, ProblemHttpResult>> (string traineeId, HttpContext http, IGrainFactory grains, CandidateAudit audits, CancellationToken ct) =>
                await AuditAccess.AdmitAsync(http, grains, traineeId, "rescoring") ?? await WithHistory<Ok<RescoringResult>>(audits, traineeId, h => Task.FromResult<Results<Ok<RescoringResult>, ProblemHttpResult>>(TypedResults.Ok(audits.Rescore(h))), ct))
            .WithName("RescoreCandidate").WithSummary("Replay every session with the rubric version recorded in it and compare every score bit for bit");

        candidate.MapGet("/decision", async Task<Results<Ok<CertificationDecision>, ProblemHttpResult>> (string traineeId, HttpContext http, IGrainFactory grains, CandidateAudit audits, CancellationToken ct) =>
                await AuditAccess.AdmitAsync(http, grains, traineeId, "decision") ?? await WithHistory<Ok<CertificationDecision>>(audits, traineeId, h =>
                    Task.FromResult<Results<Ok<CertificationDecision>, ProblemHttpResult>>(audits.Decide(h) is { } d ? TypedResults.Ok(d) : NoProgram(traineeId)), ct))
            .WithName("DecideCandidate").WithSummary("Each certification requirement, met or not, with the event ids that prove it");

        candidate.MapGet("/xapi", async Task<Results<Ok<JsonArray>, ProblemHttpResult>> (string traineeId, HttpContext http, IGrainFactory grains, CandidateAudit audits, Hosting.CurriculumPins curriculum, CancellationToken ct) =>
                await AuditAccess.AdmitAsync(http, grains, traineeId, "xapi export") ?? await WithHistory<Ok<JsonArray>>(audits, traineeId, h =>
                    Task.FromResult<Results<Ok<JsonArray>, ProblemHttpResult>>(audits.Decide(h) is { } d ? TypedResults.Ok(XapiFor(h, d, http, curriculum.Files)) : NoProgram(traineeId)), ct))
            .LimitedAsExport().WithName("ExportCandidateXapi").WithSummary("The candidate's sessions and grades as xAPI 1.0.3 statements, for a body's learning record store");

        // The zip is written after the handler has answered, through a temporary file (never whole in memory), and streamed out.
        candidate.MapGet("/bundle", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (string traineeId, HttpContext http, IGrainFactory grains, CandidateAudit audits, Hosting.CurriculumPins curriculum, CancellationToken ct) =>
                await AuditAccess.AdmitAsync(http, grains, traineeId, "bundle export") ?? await WithHistory<PushStreamHttpResult>(audits, traineeId, h =>
                    Task.FromResult<Results<PushStreamHttpResult, ProblemHttpResult>>(audits.Decide(h) is { } decision
                        ? TypedResults.Stream(body => audits.WriteBundleAsync(h, decision, XapiFor(h, decision, http, curriculum.Files).ToJsonString(), body, ct),
                            "application/zip", $"{traineeId}-audit-bundle.zip")
                        : NoProgram(traineeId)), ct))
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip")
            .LimitedAsExport().WithName("ExportCandidateBundle").WithSummary("A self-contained audit bundle (zip) to check offline with `smp audit verify`");

        candidate.MapGet("/timeline", async Task<Results<Ok<CandidateTimeline>, ProblemHttpResult>> (string traineeId, HttpContext http, IGrainFactory grains, CandidateAudit audits, CancellationToken ct) =>
                await AuditAccess.AdmitAsync(http, grains, traineeId, "timeline") ?? await WithHistory<Ok<CandidateTimeline>>(audits, traineeId,
                    h => Task.FromResult<Results<Ok<CandidateTimeline>, ProblemHttpResult>>(TypedResults.Ok(CandidateTimelines.Of(h))), ct))
            .WithName("GetCandidateTimeline").WithSummary("The candidate's history as stored, event by event in words, with their sessions");

        candidate.MapGet("/sessions/{sessionId:guid}", async Task<Results<Ok<RecordedSession>, ProblemHttpResult>> (string traineeId, Guid sessionId, HttpContext http, IGrainFactory grains, IDocumentStore store, CancellationToken ct) =>
            {
                if (await AuditAccess.AdmitAsync(http, grains, traineeId, $"session {sessionId}") is { } denied)
                    return denied;
                var stored = await TraineeHistory.LoadStreamAsync(store, StreamKeys.Session(sessionId), ct);
                return CandidateTimelines.Replay(traineeId, stored.Events) is { } session
                    ? TypedResults.Ok(session)
                    : Problem.NotFound($"'{traineeId}' has no session {sessionId}");
            })
            .WithName("GetCandidateSession").WithSummary("One of the candidate's sessions as stored, every dot with its recorded scores, for replay");

        audit.MapGet("/log", async Task<Results<Ok<IReadOnlyList<AuditLogEntry>>, ProblemHttpResult>> (HttpContext http, IQuerySession query, CancellationToken ct) =>
            {
                var caller = Caller.Of(http.User);
                if (caller.AuditedBody is not { } body)
                    return Problem.Forbidden("a body's audit log is for its auditors");
                var events = await query.Events.FetchStreamAsync(StreamKeys.Body(body), token: ct);
                return TypedResults.Ok<IReadOnlyList<AuditLogEntry>>([.. events.Where(e => e.Data is AuditRecordRead)
                    .Select(e => (e.Version, Read: (AuditRecordRead)e.Data)).Select(e => new AuditLogEntry(e.Version, e.Read.AuditorId, e.Read.TraineeId, e.Read.What, e.Read.At))]);
            })
            .WithName("GetAuditLog").WithSummary("Every audit read made by the auditors of the caller's body");
    }

    private static JsonArray XapiFor(TraineeHistory history, CertificationDecision decision, HttpContext http, PinnedCurriculum curriculum) =>
        XapiExport.Statements(history.TraineeId, curriculum.EnrolledProgram(history.Recorded, history.TraineeId, decision.ProgramId)!, history.Recorded, PlatformHomePage(http));

    /// <summary>The platform as xAPI names it: the address the caller reached.</summary>
    /// <summary>The platform's public address (never the request's Host header): an LRS sees one identity however it was reached.</summary>
    private static Uri PlatformHomePage(HttpContext http) => http.RequestServices.GetRequiredService<Hosting.PublicUrl>().Base;

    private static async Task<Results<TOk, ProblemHttpResult>> WithHistory<TOk>(CandidateAudit audits, string traineeId, Func<TraineeHistory, Task<Results<TOk, ProblemHttpResult>>> then, CancellationToken ct)
        where TOk : IResult
    {
        var history = await audits.LoadAsync(traineeId, ct);
        return history.Exists ? await then(history) : Problem.NotFound($"trainee '{traineeId}' has no history");
    }

    private static ProblemHttpResult NoProgram(string traineeId) => Problem.NotFound($"trainee '{traineeId}' is not enrolled in a program of the curriculum");
}

/// <summary>The key that signs checkpoints, as verifiers pin it.</summary>
public sealed record CheckpointPublicKey(string Algorithm, string PublicKey);
