using SmpAcademy.Domain;
using SmpAcademy.Domain.Certification;

namespace SmpAcademy.Grains.Contracts;

/// <param name="IssuerDid">Who signs the credential (did:key), fixed in the event so the credential can be rebuilt.</param>
/// <param name="StatusListUrl">Where the body's revocation list is published, fixed likewise.</param>
/// <param name="CreatorId">The awarding body's absolute id in the credential, fixed likewise.</param>
/// <param name="Cryptosuite">The Data Integrity cryptosuite the issuer signs with, fixed likewise.</param>
/// <param name="IssuerName">The issuer's name in the credential (the body's), fixed likewise.</param>
[GenerateSerializer, Immutable, Alias("smp.CertificateRequest")]
public sealed record CertificateRequest(
    [property: Id(0)] CertificationDecision Decision,
    [property: Id(1)] string DecisionDigest,
    [property: Id(2)] string AuditorId,
    [property: Id(3)] string IssuerDid,
    [property: Id(4)] string StatusListUrl,
    [property: Id(6)] string CreatorId,
    [property: Id(7)] string Cryptosuite,
    [property: Id(8)] string IssuerName,
    [property: Id(5)] string? ProgramDigest = null);

[GenerateSerializer, Immutable, Alias("smp.IssueResult")]
public sealed record IssueResult([property: Id(0)] CertificateIssued? Issued, [property: Id(1)] Refusal? Refusal);

/// <summary>A certification body: it records every audit read of its auditors and issues and revokes certificates.</summary>
public interface ICertificationBodyGrain : IGrainWithStringKey
{
    /// <summary>Recorded durably before the data is read, so no read goes unrecorded.</summary>
    Task RecordRead(string auditorId, string traineeId, string what);

    Task<IssueResult> Issue(CertificateRequest request, string? requestId = null);

    Task<Refusal?> Revoke(Guid credentialId, string reason, string auditorId, string? requestId = null);

    Task<IReadOnlyList<IssuedCertificate>> GetCertificates();
}
