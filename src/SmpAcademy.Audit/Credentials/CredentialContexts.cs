namespace SmpAcademy.Audit.Credentials;

/// <summary>The JSON-LD contexts and type names the credentials here use.</summary>
public static class CredentialContexts
{
    public const string VerifiableCredentialsV2 = "https://www.w3.org/ns/credentials/v2";
    public const string OpenBadgesV3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    // Any 3.0.x context of Open Badges is accepted when verifying; the builder writes 3.0.3.
    internal const string OpenBadgesV3Prefix = "https://purl.imsglobal.org/spec/ob/v3p0/context";

    public const string VerifiableCredential = "VerifiableCredential";
    public const string OpenBadgeCredential = "OpenBadgeCredential";
    public const string BitstringStatusListCredential = "BitstringStatusListCredential";
}
