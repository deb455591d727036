namespace SmpAcademy.Audit.Credentials;

/// <summary>What a certificate states; <see cref="OpenBadge.Build"/> turns it into an unsigned OpenBadgeCredential.</summary>
/// <param name="DecisionDigest">SHA-256 (hex) of the canonical certification decision, so the certificate points at the record behind it.</param>
public sealed record CertificateContent(
    Guid CredentialId,
    string IssuerDid,
    string IssuerName,
    string SubjectId,
    string SubjectName,
    string AchievementId,
    string AchievementName,
    string AchievementDescription,
    string Criteria,
    string AwardingBodyId,
    string AwardingBodyName,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil,
    string StatusListCredentialUrl,
    int StatusListIndex,
    string DecisionDigest);
