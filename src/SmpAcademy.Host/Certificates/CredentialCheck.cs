using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Host.Certificates;

/// <summary>
/// The platform's check of a certificate, for the verify endpoint and a holder's shared link alike: the signature by one
/// of the bodies' keys (and that body's, not another's), shape and validity period, and the body's own record of it.
/// </summary>
public static partial class CredentialCheck
{
    public static async Task<CredentialVerdict> VerifyAsync(JsonObject credential, IGrainFactory grains, Certificates certificates, DateTimeOffset now)
    {
        var bodies = certificates.BodyIds;
        var check = CredentialVerifier.Verify(credential, now, certificates.TrustedIssuers(bodies));
        var problems = check.Problems.ToList();
        bool? revoked = null;
        var summary = OpenBadge.Read(credential);
        if (summary.Status is { } status && StatusListBody().Match(status.ListCredentialUrl) is { Success: true } match
            && Guid.TryParse(summary.CredentialId?.Replace(OpenBadge.UuidPrefix, "", StringComparison.Ordinal), out var id))
        {
            var bodyId = match.Groups[1].Value;
            var record = (await grains.GetGrain<ICertificationBodyGrain>(bodyId).GetCertificates()).FirstOrDefault(c => c.Issued.CredentialId == id);
            // A body's key vouches for that body only: another body's key on this body's certificate is not its issuer.
            if (check.IssuerDid is { } issuer && bodies.Contains(bodyId) && certificates.Keys.ByDid(bodyId, issuer) is null)
                problems.Add($"issued by {issuer}, which is not a key of {bodyId}");
            if (record is null || record.Issued.StatusIndex != status.Index)
                problems.Add("this platform has no record of issuing it");
            else if (record.Revoked is { } revocation)
                problems.Add($"revoked by {revocation.BodyId} on {revocation.At:yyyy-MM-dd}: {revocation.Reason}");
            revoked = record is null ? null : record.Revoked is not null;
        }
        else
        {
            problems.Add("it has no revocation status entry this platform can check");
        }

        return new CredentialVerdict(problems.Count == 0, problems, check.CredentialId, check.IssuerDid, check.SubjectId, revoked);
    }

    [GeneratedRegex("/api/bodies/([a-z0-9-]{1,40})/(?:keys/[0-9]{1,9}/)?status-list$")]
    private static partial Regex StatusListBody();
}
