using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;
using SmpAcademy.Audit.Credentials.JsonLd;
using SmpAcademy.Audit.Credentials.Rdf;

namespace SmpAcademy.Audit.Credentials;

/// <summary>
/// W3C Data Integrity cryptosuite eddsa-rdfc-2022 (VC Data Integrity EdDSA Cryptosuites v1.0, §3.2), the one Open
/// Badges 3.0 certification and wallets require: Ed25519 over SHA-256(RDFC-1.0(proof configuration)) ‖
/// SHA-256(RDFC-1.0(document without proof)), each read as JSON-LD with the held contexts.
/// </summary>
public static class EddsaRdfc2022
{
    public const string Cryptosuite = "eddsa-rdfc-2022";

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>A deep copy of <paramref name="unsecuredDocument"/> with an assertionMethod proof added (as the spec's vectors: no @context in the proof).</summary>
    /// <param name="contexts">The contexts the document may name; null for the <see cref="VendoredContexts"/>.</param>
    /// <exception cref="JsonLdException">The document is not JSON-LD these contexts read.</exception>
    public static JsonObject AddProof(
        JsonObject unsecuredDocument, Key key, string verificationMethod, DateTimeOffset created, IReadOnlyDictionary<string, JsonObject>? contexts = null)
    {
        ArgumentNullException.ThrowIfNull(unsecuredDocument);
        ArgumentNullException.ThrowIfNull(key);
        if (unsecuredDocument.ContainsKey("proof"))
            throw new ArgumentException("the document already has a proof; pass the unsecured document", nameof(unsecuredDocument));
        var proof = DataIntegrity.ProofOptions(Cryptosuite, verificationMethod, created);
        var signature = Algorithm.Sign(key, HashData(unsecuredDocument, ProofConfig(proof, unsecuredDocument), contexts));
        proof["proofValue"] = Multibase.EncodeBase58Btc(signature);
        var secured = unsecuredDocument.DeepClone().AsObject();
        secured["proof"] = proof;
        return secured;
    }

    /// <summary>The bytes the Ed25519 signature covers: SHA-256(RDFC(proofConfig)) ‖ SHA-256(RDFC(unsecuredDocument)).</summary>
    /// <exception cref="JsonLdException">Either side is not JSON-LD the contexts read.</exception>
    /// <exception cref="RdfcWorkLimitException">Canonicalization would take unbounded work (a poison graph).</exception>
    public static byte[] HashData(JsonObject unsecuredDocument, JsonObject proofConfig, IReadOnlyDictionary<string, JsonObject>? contexts = null) =>
        [.. SHA256.HashData(Canonical(proofConfig, contexts)), .. SHA256.HashData(Canonical(unsecuredDocument, contexts))];

    /// <summary>The canonical N-Quads of a JSON-LD document: the transformation step of the suite.</summary>
    public static string Canonicalize(JsonObject document, IReadOnlyDictionary<string, JsonObject>? contexts = null) =>
        Rdfc10.Canonicalize(JsonLdRdf.ToDataset(document, contexts));

    /// <summary>
    /// Whether <paramref name="proof"/>, the document's proof or one of its proof set, is a valid eddsa-rdfc-2022
    /// signature by <paramref name="publicKey"/> over the document without any proof. False, never an exception, for
    /// anything malformed; whose key it is, is the caller's question.
    /// </summary>
    public static bool Verify(JsonObject securedDocument, JsonObject proof, ReadOnlySpan<byte> publicKey, IReadOnlyDictionary<string, JsonObject>? contexts = null) =>
        Verify(securedDocument, proof, publicKey, contexts, out _);

    /// <param name="unreadable">Why the document could not be canonicalized, when that is why it is false.</param>
    internal static bool Verify(
        JsonObject securedDocument, JsonObject proof, ReadOnlySpan<byte> publicKey, IReadOnlyDictionary<string, JsonObject>? contexts, out string? unreadable)
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(proof);
        unreadable = null;
        if (!DataIntegrity.Checkable(securedDocument, proof, Cryptosuite, out var signature)
            || !PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key))
            return false;
        var (unsecuredDocument, proofOptions) = DataIntegrity.Split(securedDocument, proof);
        try
        {
            return Algorithm.Verify(key!, HashData(unsecuredDocument, ProofConfig(proofOptions, unsecuredDocument), contexts), signature);
        }
        catch (Exception e) when (e is JsonLdException or RdfcWorkLimitException)
        {
            unreadable = e.Message;
            return false;
        }
    }

    // The proof configuration is read with the document's contexts, which define the proof's terms.
    private static JsonObject ProofConfig(JsonObject proofOptions, JsonObject unsecuredDocument)
    {
        var config = proofOptions.DeepClone().AsObject();
        config.Remove("@context");
        if (unsecuredDocument["@context"] is { } context)
            config["@context"] = context.DeepClone();
        return config;
    }

    private static byte[] Canonical(JsonObject document, IReadOnlyDictionary<string, JsonObject>? contexts) =>
        Encoding.UTF8.GetBytes(Canonicalize(document, contexts));
}
