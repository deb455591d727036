using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials;

/// <summary>
/// Offline verification of credentials this platform issues: shape, issuer, validity period and the
/// eddsa-rdfc-2022 (or, issued before it, eddsa-jcs-2022) proof or proof set. Never throws on malformed input; every reason it is not valid becomes a problem.
/// </summary>
/// <remarks>Revocation is a separate question: fetch and verify the status list, then ask <see cref="StatusList.IsRevoked"/>.</remarks>
public static class CredentialVerifier
{
    public const string AlteredOrForged = "the signature does not match the content (altered or forged)";
    public const string NotWellFormed = "not well-formed JSON (a repeated member name, or text that is not UTF-16)";

    private static readonly Kind OpenBadge = new(
        CredentialContexts.OpenBadgeCredential, "not an OpenBadgeCredential", "AchievementSubject", RequiresValidFrom: true, IsStatusList: false, CredentialContexts.OpenBadgesV3Prefix);

    private static readonly Kind StatusListKind = new(
        CredentialContexts.BitstringStatusListCredential, "not a BitstringStatusListCredential", "BitstringStatusList", RequiresValidFrom: false, IsStatusList: true, RequiredContextPrefix: null);

    /// <param name="trustedIssuers">When given, a credential from any other issuer is not valid, however well signed.</param>
    public static CredentialCheck Verify(JsonObject credential, DateTimeOffset now, IReadOnlyCollection<string>? trustedIssuers = null) =>
        Check(credential, now, trustedIssuers, OpenBadge);

    /// <summary>
    /// The same checks for a BitstringStatusListCredential, which must be verified before it is believed, and it must
    /// be fresh: a list with no validUntil, or past it, is refused (stale), since an old copy would vouch for a
    /// certificate revoked since.
    /// </summary>
    public static CredentialCheck VerifyStatusList(JsonObject statusListCredential, DateTimeOffset now, IReadOnlyCollection<string>? trustedIssuers = null) =>
        Check(statusListCredential, now, trustedIssuers, StatusListKind);

    private static CredentialCheck Check(JsonObject credential, DateTimeOffset now, IReadOnlyCollection<string>? trustedIssuers, Kind kind)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!JsonRead.IsWellFormed(credential))
            return new CredentialCheck(false, [NotWellFormed], null, null, null);
        var problems = new List<string>();
        CheckShape(credential, kind, problems);
        var issuer = CheckIssuer(credential, trustedIssuers, problems);
        CheckValidityPeriod(credential, now, kind, problems);
        ProofCheck.Check(credential, issuer, problems);
        var subject = credential["credentialSubject"] as JsonObject;
        return new CredentialCheck(problems.Count == 0, problems, JsonRead.TextAt(credential, "id"), issuer, JsonRead.TextAt(subject, "id"));
    }

    private static void CheckShape(JsonObject credential, Kind kind, List<string> problems)
    {
        var contexts = credential["@context"] is JsonArray array ? [.. array] : new List<JsonNode?> { credential["@context"] };
        if (JsonRead.Text(contexts.FirstOrDefault()) != CredentialContexts.VerifiableCredentialsV2)
            problems.Add($"@context does not start with {CredentialContexts.VerifiableCredentialsV2}");
        if (kind.RequiredContextPrefix is { } prefix && !contexts.Any(c => JsonRead.Text(c)?.StartsWith(prefix, StringComparison.Ordinal) == true))
            problems.Add("missing the Open Badges 3.0 @context");
        if (!JsonRead.Includes(credential["type"], CredentialContexts.VerifiableCredential))
            problems.Add("not a VerifiableCredential");
        if (!JsonRead.Includes(credential["type"], kind.Type))
            problems.Add(kind.NotThisType);
        if (credential["credentialSubject"] is not JsonObject subject)
            problems.Add("missing credentialSubject (or not a single object)");
        else if (!JsonRead.Includes(subject["type"], kind.SubjectType))
            problems.Add($"credentialSubject is not a {kind.SubjectType}");
    }

    private static string? CheckIssuer(JsonObject credential, IReadOnlyCollection<string>? trustedIssuers, List<string> problems)
    {
        var issuer = JsonRead.IdOf(credential["issuer"]);
        if (issuer is null)
        {
            problems.Add("missing issuer (or its id)");
            return null;
        }

        if (!DidKey.TryParseEd25519(issuer, out _) || issuer.Contains('#', StringComparison.Ordinal))
            problems.Add($"issuer {JsonRead.Shown(issuer)} is not an Ed25519 did:key");
        if (trustedIssuers is not null && !trustedIssuers.Contains(issuer, StringComparer.Ordinal))
            problems.Add($"issued by {JsonRead.Shown(issuer)} which is not a trusted issuer");
        return issuer;
    }

    private static void CheckValidityPeriod(JsonObject credential, DateTimeOffset now, Kind kind, List<string> problems)
    {
        if (!credential.ContainsKey("validFrom"))
        {
            if (kind.RequiresValidFrom)
                problems.Add("missing validFrom");
        }
        else if (!VcDates.TryParse(JsonRead.TextAt(credential, "validFrom"), out var validFrom))
            problems.Add("validFrom is not a date-time with a time zone");
        else if (now < validFrom)
            problems.Add($"not valid until {VcDates.Format(validFrom)}");

        if (!credential.ContainsKey("validUntil"))
        {
            if (kind.IsStatusList)
                problems.Add("stale: the list has no validUntil, so nothing shows it is current; fetch the issuer's list now");
            return;
        }

        if (!VcDates.TryParse(JsonRead.TextAt(credential, "validUntil"), out var validUntil))
            problems.Add("validUntil is not a date-time with a time zone");
        else if (now > validUntil)
            problems.Add(kind.IsStatusList ? $"stale: the list was valid until {VcDates.Format(validUntil)}; fetch the issuer's list now" : $"expired on {VcDates.Format(validUntil)}");
    }

    private sealed record Kind(string Type, string NotThisType, string SubjectType, bool RequiresValidFrom, bool IsStatusList, string? RequiredContextPrefix);
}
