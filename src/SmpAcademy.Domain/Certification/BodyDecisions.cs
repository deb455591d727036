using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Domain.Certification;

/// <summary>What a certification body may do with certificates. Pure: state, decision and clock in, event or refusal out.</summary>
public static class BodyDecisions
{
    /// <summary>How many certificates one body's status list can track (Bitstring Status List minimum size, 16 KB).</summary>
    public const int StatusListCapacity = 131_072;

    public static object Issue(BodyState state, string bodyId, CertificationDecision decision, string decisionDigest, string auditorId, Guid credentialId,
        string issuerDid, string statusListUrl, string creatorId, string cryptosuite, string issuerName, DateTimeOffset now, string? programDigest = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(decision);
        // A relative id makes JSON-LD expansion in safe mode fail, so wallets and validators refuse the credential.
        if (!Uri.TryCreate(creatorId, UriKind.Absolute, out _))
            throw new ArgumentException($"the creator's id must be an absolute IRI, not '{creatorId}'", nameof(creatorId));
        if (!decision.Certified)
        {
            var unmet = decision.Requirements.Where(r => !r.Met).Select(r => $"{r.Requirement} ({r.Detail})");
            return Refusal.Conflict("not-certifiable", $"{decision.TraineeId} does not meet: {string.Join("; ", unmet)}");
        }

        var current = state.Certificates.Values.FirstOrDefault(c => c.Revoked is null && c.Issued.TraineeId == decision.TraineeId && c.Issued.ProgramId == decision.ProgramId);
        if (current is not null)
            return Refusal.Conflict("already-certified", $"{decision.TraineeId} already holds certificate {current.Issued.CredentialId}; revoke it first to reissue");
        if (state.NextStatusIndex >= StatusListCapacity)
            return Refusal.Conflict("status-list-full", $"this body's status list holds {StatusListCapacity} certificates");

        // Whole seconds: the credential shows the time to the second, and must be rebuilt to the same bits.
        var at = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return new CertificateIssued(bodyId, credentialId, decision.TraineeId, decision.ProgramId, state.NextStatusIndex, decisionDigest, auditorId, issuerDid, statusListUrl, creatorId, at, programDigest, cryptosuite, issuerName);
    }

    public static object Revoke(BodyState state, string bodyId, Guid credentialId, string reason, string auditorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (string.IsNullOrWhiteSpace(reason))
            return Refusal.BadInput("no-reason", "say why the certificate is revoked");
        if (Audit.StoredValues.CheckText("the reason", reason) is { } badText)
            return badText;
        if (!state.Certificates.TryGetValue(credentialId, out var certificate))
            return Refusal.NotFound("unknown-certificate", $"this body issued no certificate {credentialId}");
        return certificate.Revoked is { } revoked
            ? Refusal.Conflict("already-revoked", $"revoked on {revoked.At:yyyy-MM-dd} by {revoked.RevokedBy}: {revoked.Reason}")
            : new CertificateRevoked(bodyId, credentialId, reason.Trim(), auditorId, now);
    }
}
