using System.Text.Json.Nodes;
using NSec.Cryptography;
using SmpAcademy.Audit.Keys;

namespace SmpAcademy.Audit.Credentials;

/// <summary>
/// The platform's credential issuing key (Ed25519), created once and kept raw in the data folder.
/// Its public half is the issuer's identity: <see cref="IssuerDid"/> is a did:key.
/// </summary>
public sealed class CredentialSigner : IDisposable
{
    public const string KeyFileName = "credential-signing.key";
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private CredentialSigner(Key key)
    {
        _key = key;
        IssuerDid = DidKey.FromEd25519(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        VerificationMethod = DidKey.VerificationMethod(IssuerDid);
    }

    public string IssuerDid { get; }

    public string VerificationMethod { get; }

    /// <summary>The suite new credentials are signed with: the one Open Badges 3.0 certification and wallets require.</summary>
    public const string DefaultCryptosuite = EddsaRdfc2022.Cryptosuite;

    public static CredentialSigner Load(string dataDirectory) => Load(dataDirectory, KeyFileName);

    /// <summary>The key in that file of the folder, created (owner-only) if there is none.</summary>
    public static CredentialSigner Load(string directory, string fileName) => new(SigningKeyFile.LoadOrCreate(directory, fileName));

    /// <summary>
    /// A signed deep copy of <paramref name="unsecuredDocument"/>: its eddsa-rdfc-2022 proof added, as a proof set of
    /// one (the Open Badges 3.0 schema wants an array; the signature is the same either way, since it covers the document without its proofs).
    /// </summary>
    /// <param name="cryptosuite">eddsa-rdfc-2022 (the default), or eddsa-jcs-2022 to hand out again a certificate first issued with it.</param>
    /// <exception cref="ArgumentException">The document already has a proof, names another issuer, or the suite is not one of the two.</exception>
    public JsonObject Sign(JsonObject unsecuredDocument, DateTimeOffset created, string cryptosuite = DefaultCryptosuite)
    {
        ArgumentNullException.ThrowIfNull(unsecuredDocument);
        if (unsecuredDocument.ContainsKey("proof"))
            throw new ArgumentException("the document already has a proof; sign the unsecured document", nameof(unsecuredDocument));
        // Signing a credential for another issuer would only produce something every verifier rejects.
        if (unsecuredDocument.ContainsKey("issuer") && JsonRead.IdOf(unsecuredDocument["issuer"]) != IssuerDid)
            throw new ArgumentException($"the document's issuer is not this signer ({IssuerDid})", nameof(unsecuredDocument));
        var secured = cryptosuite switch
        {
            EddsaRdfc2022.Cryptosuite => EddsaRdfc2022.AddProof(unsecuredDocument, _key, VerificationMethod, created),
            EddsaJcs2022.Cryptosuite => EddsaJcs2022.AddProof(unsecuredDocument, _key, VerificationMethod, created),
            _ => throw new ArgumentException($"no such cryptosuite here: {cryptosuite}", nameof(cryptosuite)),
        };
        var proof = secured["proof"]!;
        secured.Remove("proof");
        secured["proof"] = new JsonArray(proof);
        return secured;
    }

    public void Dispose() => _key.Dispose();
}
