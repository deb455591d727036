using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NSec.Cryptography;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Audit.Credentials;

/// <summary>
/// W3C Data Integrity cryptosuite eddsa-jcs-2022 (VC Data Integrity EdDSA Cryptosuites v1.0, §3.3):
/// Ed25519 over SHA-256(JCS(proof configuration)) ‖ SHA-256(JCS(document without proof)). Certificates issued
/// before eddsa-rdfc-2022 carry it, and keep verifying.
/// </summary>
public static class EddsaJcs2022
{
    public const string Cryptosuite = "eddsa-jcs-2022";

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>A deep copy of <paramref name="unsecuredDocument"/> with an assertionMethod proof added.</summary>
    public static JsonObject AddProof(JsonObject unsecuredDocument, Key key, string verificationMethod, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(unsecuredDocument);
        ArgumentNullException.ThrowIfNull(key);
        if (unsecuredDocument.ContainsKey("proof"))
            throw new ArgumentException("the document already has a proof; pass the unsecured document", nameof(unsecuredDocument));
        var proof = DataIntegrity.ProofOptions(Cryptosuite, verificationMethod, created);
        // The spec copies the document's context into the proof, so the proof stays verifiable inside a proof set.
        if (unsecuredDocument["@context"] is { } context)
            proof["@context"] = context.DeepClone();
        var signature = Algorithm.Sign(key, HashData(unsecuredDocument, proof));
        proof["proofValue"] = Multibase.EncodeBase58Btc(signature);
        var secured = unsecuredDocument.DeepClone().AsObject();
        secured["proof"] = proof;
        return secured;
    }

    /// <summary>The bytes the Ed25519 signature covers: SHA-256(JCS(proofConfig)) ‖ SHA-256(JCS(unsecuredDocument)).</summary>
    /// <exception cref="NotSupportedException">Either side holds JSON that JCS cannot canonicalize.</exception>
    public static byte[] HashData(JsonObject unsecuredDocument, JsonObject proofConfig) =>
        [.. SHA256.HashData(Jcs.Canonicalize(proofConfig)), .. SHA256.HashData(Jcs.Canonicalize(unsecuredDocument))];

    /// <summary>
    /// Whether the document's single proof (an object, as the suite's own test vectors have it) is a valid
    /// eddsa-jcs-2022 signature by <paramref name="publicKey"/>. False, never an exception, for anything malformed.
    /// </summary>
    public static bool Verify(JsonObject securedDocument, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        return securedDocument["proof"] is JsonObject proof && Verify(securedDocument, proof, publicKey);
    }

    /// <summary>
    /// Whether <paramref name="proof"/>, the document's proof or one of its proof set, is a valid eddsa-jcs-2022
    /// signature by <paramref name="publicKey"/> over the document without any proof (the proofs of a set are
    /// independent of each other). False, never an exception, for anything malformed. Whose key it is, is the caller's question.
    /// </summary>
    public static bool Verify(JsonObject securedDocument, JsonObject proof, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(proof);
        if (!DataIntegrity.Checkable(securedDocument, proof, Cryptosuite, out var signature)
            || !PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key))
            return false;
        var (unsecuredDocument, proofOptions) = DataIntegrity.Split(securedDocument, proof);
        try
        {
            return Algorithm.Verify(key!, HashData(unsecuredDocument, proofOptions), signature);
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
