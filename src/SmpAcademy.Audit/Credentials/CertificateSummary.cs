namespace SmpAcademy.Audit.Credentials;

/// <summary>What <see cref="OpenBadge.Read"/> finds in a credential; null wherever the credential does not say it plainly.</summary>
public sealed record CertificateSummary(
    string? CredentialId,
    string? IssuerDid,
    string? SubjectId,
    string? SubjectName,
    string? AchievementId,
    string? AchievementName,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    string? DecisionDigest,
    StatusListEntry? Status,
    string? IssuerName = null);

/// <summary>Where a credential's revocation bit lives: the status list credential's URL and the bit's index.</summary>
public sealed record StatusListEntry(string ListCredentialUrl, int Index);
