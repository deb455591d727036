using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials;

/// <summary>
/// Offline verification of credentials this platform issues: shape, issuer, validity period and the
/// eddsa-jcs-2022 proof. Never throws on malformed input; every reason it is not valid becomes a problem.
/// </summary>
/// <remarks>Revocation is a separate question: fetch and verify the status list, then ask <see cref="StatusList.IsRevoked"/>.</remarks>
public static class CredentialVerifier
{
    public const string AlteredOrForged = "the signature does not match the content (altered or forged)";
    public const string NotWellFormed = "not well-formed JSON (a repeated member name, or text that is not UTF-16)";

    private static readonly Kind OpenBadge = new(
        CredentialContexts.OpenBadgeCredential, "not an OpenBadgeCredential", "AchievementSubject", RequiresValidFrom: true, CredentialContexts.OpenBadgesV3Prefix);

    private static readonly Kind StatusListKind = new(
        CredentialContexts.BitstringStatusListCredential, "not a BitstringStatusListCredential", "BitstringStatusList", RequiresValidFrom: false, RequiredContextPrefix: null);

    /// <param name="trustedIssuers">When given, a credential from any other issuer is not valid, however well signed.</param>
    public static CredentialCheck Verify(JsonObject credential, DateTimeOffset now, IReadOnlyCollection<string>? trustedIssuers = null) =>
        Check(credential, now, trustedIssuers, OpenBadge);

    /// <summary>The same checks for a BitstringStatusListCredential, which must be verified before it is believed.</summary>
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
        CheckProof(credential, issuer, problems);
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
            return;
        if (!VcDates.TryParse(JsonRead.TextAt(credential, "validUntil"), out var validUntil))
            problems.Add("validUntil is not a date-time with a time zone");
        else if (now > validUntil)
            problems.Add($"expired on {VcDates.Format(validUntil)}");
    }

    private static void CheckProof(JsonObject credential, string? issuer, List<string> problems)
    {
        switch (credential["proof"])
        {
            case null:
                problems.Add("missing proof");
                return;
            case JsonArray:
                problems.Add("more than one proof (proof sets are not supported)");
                return;
            case not JsonObject:
                problems.Add("proof is not an object");
                return;
        }

        var proof = credential["proof"]!.AsObject();
        var before = problems.Count;
        var type = JsonRead.TextAt(proof, "type");
        if (type != EddsaJcs2022.ProofType)
            problems.Add($"unsupported proof type {Describe(type)}");
        var suite = JsonRead.TextAt(proof, "cryptosuite");
        if (suite != EddsaJcs2022.Cryptosuite)
            problems.Add($"unsupported cryptosuite {Describe(suite)}");
        if (proof.ContainsKey("created") && !VcDates.TryParse(JsonRead.TextAt(proof, "created"), out _))
            problems.Add("proof created is not a date-time with a time zone");
        if (!EddsaJcs2022.ContextStartsWith(credential["@context"], proof["@context"], proof.ContainsKey("@context")))
            problems.Add("the proof's @context is not the start of the credential's @context");
        if (!EddsaJcs2022.TryDecodeSignature(JsonRead.TextAt(proof, "proofValue"), out _))
            problems.Add(proof.ContainsKey("proofValue") ? "proofValue is not a base58btc Ed25519 signature" : "missing proofValue");
        var publicKey = VerificationKey(proof, problems);
        // The signature is meaningful only for this suite with a decodable value and key; otherwise the reasons above say why.
        var signatureCheckable = problems.Count == before;

        var purpose = JsonRead.TextAt(proof, "proofPurpose");
        if (purpose != EddsaJcs2022.AssertionMethod)
            problems.Add($"proofPurpose is {Describe(purpose)}, not {EddsaJcs2022.AssertionMethod}");
        var method = JsonRead.TextAt(proof, "verificationMethod");
        if (publicKey is not null && method is not null && issuer is not null && DidKey.DidOf(method) != issuer)
            problems.Add($"verificationMethod {JsonRead.Shown(method)} does not belong to issuer {JsonRead.Shown(issuer)}");

        if (signatureCheckable && publicKey is not null && !EddsaJcs2022.Verify(credential, publicKey))
            problems.Add(AlteredOrForged);
    }

    private static byte[]? VerificationKey(JsonObject proof, List<string> problems)
    {
        var method = JsonRead.TextAt(proof, "verificationMethod");
        if (method is null)
        {
            problems.Add("missing verificationMethod");
            return null;
        }

        if (DidKey.TryParseEd25519(method, out var publicKey))
            return publicKey;
        problems.Add($"verificationMethod {JsonRead.Shown(method)} is not an Ed25519 did:key");
        return null;
    }

    private static string Describe(string? value) => value is null ? "(none)" : JsonRead.Shown(value);

    private sealed record Kind(string Type, string NotThisType, string SubjectType, bool RequiresValidFrom, string? RequiredContextPrefix);
}
