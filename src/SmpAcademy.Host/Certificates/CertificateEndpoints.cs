using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Audit;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Problems;

namespace SmpAcademy.Host.Certificates;

public sealed record RevocationRequest(string Reason);

/// <summary>One of a body's signing keys: its number, identity, whether it signs new certificates, and the list of those it signed.</summary>
public sealed record BodyKeyView(int Number, string IssuerDid, bool Current, string StatusList);

public sealed record CertificateListing(Guid CredentialId, string TraineeId, string ProgramId, int StatusIndex, DateTimeOffset IssuedAt, string IssuedBy,
    DateTimeOffset? RevokedAt, string? RevocationReason);

/// <param name="Revoked">True when the issuing body revoked it; null when the platform has no record of it.</param>
public sealed record CredentialVerdict(bool Valid, IReadOnlyList<string> Problems, string? CredentialId, string? Issuer, string? Subject, bool? Revoked);

public static class CertificateEndpoints
{
    public static void AddSmpCertificates(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(CredentialKeyRing.Load(Hosting.HostDatabase.DataDirectory(builder.Configuration)));
        builder.Services.AddSingleton<Certificates>();
        builder.Services.AddSingleton<Hosting.PublicUrl>();
    }

    public static void MapCertificateEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/audit/candidates/{traineeId}/certificates", async Task<Results<Created<JsonObject>, ProblemHttpResult>> (string traineeId, HttpContext http, IGrainFactory grains, CandidateAudit audits, Certificates certificates, CancellationToken ct) =>
            {
                if (await AuditAccess.AdmitAsync(http, grains, traineeId, "decision for a certificate") is { } refused)
                    return refused;
                var history = await audits.LoadAsync(traineeId, ct);
                if (audits.DecideWithProgram(history) is not var (decision, programDigest))
                    return Problem.NotFound($"trainee '{traineeId}' is not enrolled in a program of the curriculum");
                var verification = await audits.VerifyAsync(history, ct);
                if (!verification.Intact)
                    return Problem.From(new Refusal(RefusalKind.Conflict, "history-not-intact", "the trainee's history fails verification; see GET .../verification before certifying"));
                var caller = Caller.Of(http.User);
                var issuing = certificates.Issuing(caller.Body!);
                var request = new CertificateRequest(decision, CandidateAudit.Digest(decision), caller.UserId, issuing.IssuerDid, issuing.StatusListUrl,
                    issuing.CreatorId, issuing.Cryptosuite, issuing.IssuerName, programDigest);
                var result = await grains.GetGrain<ICertificationBodyGrain>(caller.Body!).Issue(request, IdempotencyKey.Of(http));
                return result.Issued is { } issued
                    ? TypedResults.Created($"/api/bodies/{issued.BodyId}/certificates/{issued.CredentialId}", certificates.Credential(issued))
                    : Problem.From(result.Refusal!);
            })
            .RequireAuthorization().WithTags("Certificates").WithName("IssueCertificate")
            .WithSummary("Certify a candidate whose decision meets every requirement and whose history verifies: a signed Open Badges 3.0 credential");

        var body = app.MapGroup("/api/bodies/{bodyId}").WithTags("Certificates");
        body.MapGet("/certificates", async Task<Results<Ok<IReadOnlyList<CertificateListing>>, ProblemHttpResult>> (string bodyId, HttpContext http, IGrainFactory grains) =>
                Caller.Of(http.User).IsAuditorOf(bodyId)
                    ? TypedResults.Ok<IReadOnlyList<CertificateListing>>([.. (await grains.GetGrain<ICertificationBodyGrain>(bodyId).GetCertificates()).Select(Listing)])
                    : Problem.Forbidden($"only auditors of {bodyId} list its certificates"))
            .RequireAuthorization().WithName("ListCertificates").WithSummary("Every certificate the body issued, with revocations");

        body.MapGet("/certificates/{credentialId:guid}", async Task<Results<Ok<JsonObject>, ProblemHttpResult>> (string bodyId, Guid credentialId, HttpContext http, IGrainFactory grains, Certificates certificates) =>
            {
                var certificate = (await grains.GetGrain<ICertificationBodyGrain>(bodyId).GetCertificates()).FirstOrDefault(c => c.Issued.CredentialId == credentialId);
                var caller = Caller.Of(http.User);
                if (certificate is null)
                    return caller.IsAuditorOf(bodyId) ? Problem.NotFound($"{bodyId} issued no certificate {credentialId}") : Problem.Forbidden("not your certificate");
                return caller.IsAuditorOf(bodyId) || (caller.Role == Roles.Trainee && caller.UserId == certificate.Issued.TraineeId)
                    ? TypedResults.Ok(certificates.Credential(certificate.Issued))
                    : Problem.Forbidden("a certificate is for its holder and the body's auditors");
            })
            .RequireAuthorization().WithName("GetCertificate").WithSummary("The signed credential, for its holder or the body's auditors");

        body.MapPost("/certificates/{credentialId:guid}/revocation", async Task<Results<NoContent, ProblemHttpResult>> (string bodyId, Guid credentialId, RevocationRequest request, HttpContext http, IGrainFactory grains) =>
            {
                var caller = Caller.Of(http.User);
                if (!caller.IsAuditorOf(bodyId))
                    return Problem.Forbidden($"only auditors of {bodyId} revoke its certificates");
                return await grains.GetGrain<ICertificationBodyGrain>(bodyId).Revoke(credentialId, request.Reason, caller.UserId, IdempotencyKey.Of(http)) is { } refused
                    ? Problem.From(refused)
                    : TypedResults.NoContent();
            })
            .RequireAuthorization().WithName("RevokeCertificate").WithSummary("Revoke a certificate, with the reason; its bit is set in the body's status list");

        // Public on purpose: whoever is shown a certificate must be able to check it without an account.
        body.MapGet("/keys/{number:int}/status-list", async Task<Results<Ok<JsonObject>, ProblemHttpResult>> (string bodyId, int number, HttpContext http, IGrainFactory grains, Certificates certificates, TimeProvider clock) =>
                certificates.IsBody(bodyId) && certificates.Keys.Signer(bodyId, number) is { } signer
                    ? TypedResults.Ok(certificates.StatusListCredential(certificates.StatusListUrl(bodyId, number), signer, await grains.GetGrain<ICertificationBodyGrain>(bodyId).GetCertificates(), clock.GetUtcNow()))
                    : Problem.NotFound($"no certification body '{bodyId}' with a key {number}"))
            .AllowAnonymous().WithName("GetStatusList").WithSummary("The revocation list of the certificates the body's key signed: a Bitstring Status List credential signed by that key");
        body.MapGet("/status-list", async Task<Results<Ok<JsonObject>, ProblemHttpResult>> (string bodyId, HttpContext http, IGrainFactory grains, Certificates certificates, TimeProvider clock) =>
                certificates.IsBody(bodyId)
                    ? TypedResults.Ok(certificates.StatusListCredential(certificates.StatusListUrl(bodyId, null), certificates.Keys.Platform, await grains.GetGrain<ICertificationBodyGrain>(bodyId).GetCertificates(), clock.GetUtcNow()))
                    : Problem.NotFound($"no certification body '{bodyId}'"))
            .AllowAnonymous().WithName("GetPlatformStatusList").WithSummary("The revocation list of the body's certificates from before bodies had their own keys, signed by the platform's key");

        body.MapGet("/keys", Results<Ok<IReadOnlyList<BodyKeyView>>, ProblemHttpResult> (string bodyId, HttpContext http, Certificates certificates) =>
                certificates.IsBody(bodyId)
                    ? TypedResults.Ok<IReadOnlyList<BodyKeyView>>([.. certificates.Keys.Keys(bodyId).Select(k => KeyView(k, certificates))])
                    : Problem.NotFound($"no certification body '{bodyId}'"))
            .AllowAnonymous().WithName("ListBodyKeys").WithSummary("The keys the body signs with (did:key), oldest first: the current one signs new certificates, the others still vouch for theirs");
        body.MapPost("/keys", Results<Created<BodyKeyView>, ProblemHttpResult> (string bodyId, HttpContext http, Certificates certificates) =>
            {
                if (!Caller.Of(http.User).IsAdmin)
                    return Problem.Forbidden("only an admin rotates a body's key");
                if (!certificates.IsBody(bodyId))
                    return Problem.NotFound($"no certification body '{bodyId}'");
                var key = KeyView(certificates.Keys.Rotate(bodyId), certificates);
                return TypedResults.Created($"/api/bodies/{bodyId}/keys", key);
            })
            .RequireAuthorization().WithName("RotateBodyKey").WithSummary("Rotate the body's signing key: a new key signs from now on; certificates signed before keep their key and verify as before");

        app.MapPost("/api/credentials/verify", async Task<Results<Ok<CredentialVerdict>, ProblemHttpResult>> (JsonObject credential, HttpContext http, IGrainFactory grains, Certificates certificates, TimeProvider clock) =>
                TypedResults.Ok(await CredentialCheck.VerifyAsync(credential, grains, certificates, clock.GetUtcNow())))
            .AllowAnonymous().RequireRateLimiting(RateLimiting.Allowances.VerificationsPolicy).WithTags("Certificates").WithName("VerifyCredential")
            .WithSummary("Check a certificate: signature by one of the bodies' keys on this platform, shape, validity period, and revocation by its body");
    }

    private static CertificateListing Listing(IssuedCertificate c) =>
        new(c.Issued.CredentialId, c.Issued.TraineeId, c.Issued.ProgramId, c.Issued.StatusIndex, c.Issued.At, c.Issued.IssuedBy, c.Revoked?.At, c.Revoked?.Reason);

    private static BodyKeyView KeyView(BodyKey key, Certificates certificates) =>
        new(key.Number, key.IssuerDid, key.Current, certificates.StatusListUrl(key.BodyId, key.Number));
}
