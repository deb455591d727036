using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using QRCoder;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Problems;

namespace SmpAcademy.Host.Certificates;

/// <summary>A certificate as its holder's console lists it, with where to download it and the link that shows it to anyone.</summary>
public sealed record HeldCertificate(string BodyId, string BodyName, Guid CredentialId, string ProgramId, string AchievementName,
    DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string? RevocationReason, string Download, string VerificationLink);

/// <summary>
/// What the public verify page shows for a shared link: the platform's own check of the certificate as issued, who awarded
/// what for which criteria and when, and its revocation status with how long the list that says so is valid.
/// </summary>
public sealed record PublicVerification(bool Valid, IReadOnlyList<string> Problems, string BodyId, string BodyName, string IssuerDid,
    string AchievementName, string Criteria, string AwardedTo, DateTimeOffset IssuedAt, bool Revoked, DateTimeOffset? RevokedAt,
    string? RevocationReason, string StatusList, DateTimeOffset StatusListValidUntil);

/// <summary>The holder's side of certificates: their list, a verification link to share, and a QR code of it to print.</summary>
public static class HolderEndpoints
{
    public static void MapHolderEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/trainees/{traineeId}/certificates", async Task<Results<Ok<IReadOnlyList<HeldCertificate>>, ProblemHttpResult>> (string traineeId, HttpContext http, IGrainFactory grains, CurriculumCatalog catalog, Certificates certificates) =>
            {
                if (!Caller.Of(http.User).MayWriteAs(traineeId))
                    return Problem.Forbidden("a trainee's certificates are listed for the trainee (and admins)");
                var held = new List<HeldCertificate>();
                foreach (var bodyId in catalog.BodyIds.Order(StringComparer.Ordinal))
                {
                    foreach (var c in (await grains.GetGrain<ICertificationBodyGrain>(bodyId).GetCertificates()).Where(c => c.Issued.TraineeId == traineeId))
                    {
                        // The listing needs what the certificate says, not its signature.
                        held.Add(new HeldCertificate(bodyId, certificates.BodyName(bodyId), c.Issued.CredentialId, c.Issued.ProgramId, certificates.Content(c.Issued).AchievementName,
                            c.Issued.At, c.Revoked?.At, c.Revoked?.Reason, $"/api/bodies/{bodyId}/certificates/{c.Issued.CredentialId}", certificates.VerificationLink(bodyId, c.Issued.CredentialId)));
                    }
                }

                return TypedResults.Ok<IReadOnlyList<HeldCertificate>>([.. held.OrderByDescending(h => h.IssuedAt)]);
            })
            .RequireAuthorization().WithTags("Certificates").WithName("ListHeldCertificates").WithSummary("The trainee's certificates, newest first, with a download and a verification link for each");

        var shared = app.MapGroup("/api/bodies/{bodyId}/certificates/{credentialId:guid}").WithTags("Certificates").AllowAnonymous();
        // Public on purpose: a shared link shows the certificate's check to whoever the holder gives it to. The id is a
        // random UUID that only the certificate and its link carry.
        shared.MapGet("/verification", async Task<Results<Ok<PublicVerification>, ProblemHttpResult>> (string bodyId, Guid credentialId, HttpContext http, IGrainFactory grains, CurriculumCatalog catalog, Certificates certificates, TimeProvider clock) =>
            {
                var all = certificates.IsBody(bodyId) ? await grains.GetGrain<ICertificationBodyGrain>(bodyId).GetCertificates() : [];
                if (all.FirstOrDefault(c => c.Issued.CredentialId == credentialId) is not { } held)
                    return Problem.NotFound($"{bodyId} issued no certificate {credentialId}");
                var now = clock.GetUtcNow();
                var credential = certificates.Credential(held.Issued);
                var verdict = await CredentialCheck.VerifyAsync(credential, grains, certificates, now);
                var list = certificates.StatusListCredential(held.Issued.StatusListUrl, certificates.Keys.ByDid(bodyId, held.Issued.IssuerDid)!, all, now);
                var summary = OpenBadge.Read(credential);
                return TypedResults.Ok(new PublicVerification(verdict.Valid, verdict.Problems, bodyId, certificates.BodyName(bodyId), held.Issued.IssuerDid,
                    summary.AchievementName ?? held.Issued.ProgramId, Criteria(credential), summary.SubjectName ?? held.Issued.TraineeId, held.Issued.At,
                    held.Revoked is not null, held.Revoked?.At, held.Revoked?.Reason, held.Issued.StatusListUrl, DateTimeOffset.Parse((string)list["validUntil"]!, System.Globalization.CultureInfo.InvariantCulture)));
            })
            .RequireRateLimiting(RateLimiting.Allowances.VerificationsPolicy).WithName("GetCertificateVerification")
            .WithSummary("The check of a certificate as issued, for its shared verification link: body, achievement, criteria, date and revocation status");

        shared.MapGet("/qr.svg", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string bodyId, Guid credentialId, HttpContext http, IGrainFactory grains, Certificates certificates) =>
            {
                var known = certificates.IsBody(bodyId)
                    && (await grains.GetGrain<ICertificationBodyGrain>(bodyId).GetCertificates()).Any(c => c.Issued.CredentialId == credentialId);
                return known
                    ? TypedResults.Text(QrSvg(certificates.VerificationLink(bodyId, credentialId)), "image/svg+xml")
                    : Problem.NotFound($"{bodyId} issued no certificate {credentialId}");
            })
            .RequireRateLimiting(RateLimiting.Allowances.VerificationsPolicy).WithName("GetCertificateQrCode")
            .WithSummary("A QR code (SVG) of the certificate's verification link, for the printed certificate");
    }

    /// <summary>The QR code of a link, as SVG: medium error correction survives a smudged print.</summary>
    public static string QrSvg(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    private static string Criteria(JsonObject credential) =>
        (credential["credentialSubject"]?["achievement"]?["criteria"]?["narrative"] as JsonValue)?.GetValue<string>() ?? "";
}
