using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials;

/// <summary>
/// A single proof, or a proof set: every proof of the set this verifier understands (eddsa-rdfc-2022 or
/// eddsa-jcs-2022, not chained by previousProof) must hold and be the issuer's, and there must be at least one;
/// others are passed over.
/// </summary>
internal static class ProofCheck
{
    public static void Check(JsonObject credential, string? issuer, List<string> problems)
    {
        List<JsonObject?> proofs;
        switch (credential["proof"])
        {
            case null:
                problems.Add("missing proof");
                return;
            case JsonObject single:
                proofs = [single];
                break;
            case JsonArray { Count: 0 }:
                problems.Add("the proof set is empty");
                return;
            case JsonArray set:
                proofs = [.. set.Select(p => p as JsonObject)];
                break;
            default:
                problems.Add("proof is not an object or a set of them");
                return;
        }

        if (proofs.Contains(null))
        {
            problems.Add("a proof in the set is not an object");
            return;
        }

        if (proofs.Count == 1)
        {
            CheckProof(credential, proofs[0]!, issuer, problems);
            return;
        }

        var understood = proofs.Select((proof, i) => (Proof: proof!, Number: i + 1)).Where(p => Understood(p.Proof)).ToArray();
        if (understood.Length == 0)
            problems.Add($"none of its {proofs.Count} proofs is one this verifier checks (a {DataIntegrity.ProofType} by {Suites})");
        foreach (var (proof, number) in understood)
        {
            var own = new List<string>();
            CheckProof(credential, proof, issuer, own);
            problems.AddRange(own.Select(p => $"proof {number}: {p}"));
        }
    }

    private const string Suites = EddsaRdfc2022.Cryptosuite + " or " + EddsaJcs2022.Cryptosuite;

    private static bool Understood(JsonObject proof) =>
        JsonRead.TextAt(proof, "type") == DataIntegrity.ProofType && IsSuite(JsonRead.TextAt(proof, "cryptosuite")) && !proof.ContainsKey("previousProof");

    private static bool IsSuite(string? suite) => suite is EddsaRdfc2022.Cryptosuite or EddsaJcs2022.Cryptosuite;

    private static void CheckProof(JsonObject credential, JsonObject proof, string? issuer, List<string> problems)
    {
        var before = problems.Count;
        var type = JsonRead.TextAt(proof, "type");
        if (type != DataIntegrity.ProofType)
            problems.Add($"unsupported proof type {Describe(type)}");
        var suite = JsonRead.TextAt(proof, "cryptosuite");
        if (!IsSuite(suite))
            problems.Add($"unsupported cryptosuite {Describe(suite)} (this verifier checks {Suites})");
        if (proof.ContainsKey("created") && !VcDates.TryParse(JsonRead.TextAt(proof, "created"), out _))
            problems.Add("proof created is not a date-time with a time zone");
        if (!DataIntegrity.ContextStartsWith(credential["@context"], proof["@context"], proof.ContainsKey("@context")))
            problems.Add("the proof's @context is not the start of the credential's @context");
        if (!DataIntegrity.TryDecodeSignature(JsonRead.TextAt(proof, "proofValue"), out _))
            problems.Add(proof.ContainsKey("proofValue") ? "proofValue is not a base58btc Ed25519 signature" : "missing proofValue");
        var publicKey = VerificationKey(proof, problems);
        // The signature is meaningful only for this suite with a decodable value and key; otherwise the reasons above say why.
        var signatureCheckable = problems.Count == before;

        var purpose = JsonRead.TextAt(proof, "proofPurpose");
        if (purpose != DataIntegrity.AssertionMethod)
            problems.Add($"proofPurpose is {Describe(purpose)}, not {DataIntegrity.AssertionMethod}");
        var method = JsonRead.TextAt(proof, "verificationMethod");
        if (publicKey is not null && method is not null && issuer is not null && DidKey.DidOf(method) != issuer)
            problems.Add($"verificationMethod {JsonRead.Shown(method)} does not belong to issuer {JsonRead.Shown(issuer)}");

        if (signatureCheckable && publicKey is not null)
            CheckSignature(credential, proof, suite, publicKey, problems);
    }

    private static void CheckSignature(JsonObject credential, JsonObject proof, string? suite, byte[] publicKey, List<string> problems)
    {
        string? unreadable = null;
        var valid = suite == EddsaJcs2022.Cryptosuite
            ? EddsaJcs2022.Verify(credential, proof, publicKey)
            : EddsaRdfc2022.Verify(credential, proof, publicKey, contexts: null, out unreadable);
        if (unreadable is not null)
            problems.Add($"not JSON-LD that the held contexts read, so its signature cannot be checked: {unreadable}");
        else if (!valid)
            problems.Add(CredentialVerifier.AlteredOrForged);
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
}
