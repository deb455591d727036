using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials;

/// <summary>What the W3C Data Integrity EdDSA cryptosuites (eddsa-rdfc-2022, eddsa-jcs-2022) share.</summary>
public static class DataIntegrity
{
    public const string ProofType = "DataIntegrityProof";
    public const string AssertionMethod = "assertionMethod";
    private const int SignatureLength = 64;

    // 64 bytes are at most 88 base58 characters; the bound keeps garbage from costing quadratic decoding time.
    private const int MaxProofValueLength = 100;

    /// <summary>The proof options of a new assertionMethod proof by this suite, without its value.</summary>
    internal static JsonObject ProofOptions(string cryptosuite, string verificationMethod, DateTimeOffset created) => new()
    {
        ["type"] = ProofType,
        ["cryptosuite"] = cryptosuite,
        ["created"] = VcDates.Format(created),
        ["verificationMethod"] = verificationMethod,
        ["proofPurpose"] = AssertionMethod,
    };

    /// <summary>Whether a proofValue is a base58btc multibase Ed25519 signature.</summary>
    public static bool TryDecodeSignature(string? proofValue, out byte[] signature)
    {
        signature = [];
        if (proofValue is null || proofValue.Length > MaxProofValueLength)
            return false;
        try
        {
            signature = Multibase.DecodeBase58Btc(proofValue);
        }
        catch (FormatException)
        {
            return false;
        }

        return signature.Length == SignatureLength;
    }

    /// <summary>The spec's check that the document's @context begins with every context the proof names, in order.</summary>
    internal static bool ContextStartsWith(JsonNode? documentContext, JsonNode? proofContext, bool proofHasContext)
    {
        if (!proofHasContext)
            return true;
        var document = AsList(documentContext);
        var proof = AsList(proofContext);
        return proof.Count <= document.Count && proof.Select((c, i) => JsonNode.DeepEquals(c, document[i])).All(same => same);
    }

    /// <summary>
    /// The verify algorithm's first steps: the document without its proofs, and the proof options without the value
    /// (when the proof names contexts, the document is read with those, the start of its own).
    /// </summary>
    internal static (JsonObject UnsecuredDocument, JsonObject ProofOptions) Split(JsonObject securedDocument, JsonObject proof)
    {
        var proofOptions = proof.DeepClone().AsObject();
        proofOptions.Remove("proofValue");
        var unsecuredDocument = securedDocument.DeepClone().AsObject();
        unsecuredDocument.Remove("proof");
        // Contexts appended after signing (for further proofs) are not covered; the signed prefix is.
        if (proofOptions.ContainsKey("@context"))
            unsecuredDocument["@context"] = proofOptions["@context"]?.DeepClone();
        return (unsecuredDocument, proofOptions);
    }

    /// <summary>The checks of a proof that come before its signature; false for anything malformed.</summary>
    internal static bool Checkable(JsonObject securedDocument, JsonObject proof, string cryptosuite, out byte[] signature)
    {
        signature = [];
        return JsonRead.IsWellFormed(securedDocument)
            && JsonRead.TextAt(proof, "type") == ProofType
            && JsonRead.TextAt(proof, "cryptosuite") == cryptosuite
            && TryDecodeSignature(JsonRead.TextAt(proof, "proofValue"), out signature)
            && ContextStartsWith(securedDocument["@context"], proof["@context"], proof.ContainsKey("@context"))
            && (!proof.ContainsKey("created") || VcDates.TryParse(JsonRead.TextAt(proof, "created"), out _));
    }

    private static List<JsonNode?> AsList(JsonNode? context) => context is JsonArray array ? [.. array] : [context];
}
