namespace SmpAcademy.Audit.Credentials;

/// <summary>The outcome of verifying a credential: valid only when there is no problem; each problem in words.</summary>
public sealed record CredentialCheck(bool Valid, IReadOnlyList<string> Problems, string? CredentialId, string? IssuerDid, string? SubjectId);
