namespace SmpAcademy.Domain.Certification;

/// <summary>An auditor of the body read part of a candidate's history. Recorded before the data is handed over.</summary>
public sealed record AuditRecordRead(string BodyId, string AuditorId, string TraineeId, string What, DateTimeOffset At);

/// <summary>
/// The body certified a trainee. Everything the signed credential says is here, so it can be rebuilt
/// bit for bit (Ed25519 signatures are deterministic).
/// </summary>
/// <param name="StatusIndex">The certificate's bit in the body's revocation status list.</param>
/// <param name="DecisionDigest">SHA-256 (hex) of the canonical certification decision it rests on.</param>
/// <param name="IssuerDid">The key that signs the credential, as a did:key.</param>
/// <param name="StatusListUrl">Where the body's revocation status list is published.</param>
/// <param name="CreatorId">The awarding body's id in the credential (the achievement's creator), an absolute IRI fixed here
/// as the status list's URL is (the bare body id when upcast from an older shape, as those certificates said).</param>
/// <param name="ProgramDigest">The program file the certificate describes, by content, so a later edit cannot change its bits (null: upcast from certificate_issued_v1).</param>
/// <param name="Cryptosuite">The Data Integrity cryptosuite that signs it (eddsa-rdfc-2022; eddsa-jcs-2022 when upcast from an older shape,
/// as those certificates were signed), so a certificate is always handed out again in the proof its holder has.</param>
/// <param name="IssuerName">The issuer's name in the credential: the body, which signs with its own key ("SmpAcademy" when
/// upcast from an older shape: the platform's one key signed those).</param>
public sealed record CertificateIssued(
    string BodyId,
    Guid CredentialId,
    string TraineeId,
    string ProgramId,
    int StatusIndex,
    string DecisionDigest,
    string IssuedBy,
    string IssuerDid,
    string StatusListUrl,
    string CreatorId,
    DateTimeOffset At,
    string? ProgramDigest,
    string Cryptosuite,
    string IssuerName);

public sealed record CertificateRevoked(string BodyId, Guid CredentialId, string Reason, string RevokedBy, DateTimeOffset At);
