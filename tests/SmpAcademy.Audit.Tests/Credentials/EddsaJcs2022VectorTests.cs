using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Audit.Tests.Credentials;

/// <summary>The test vectors of W3C VC Data Integrity EdDSA Cryptosuites v1.0, Appendix "Representation: eddsa-jcs-2022".</summary>
public sealed class EddsaJcs2022VectorTests
{
    private const string PrivateKeyMultibase = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
    private const string PublicKeyMultibase = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    private const string VerificationMethod = "did:key:" + PublicKeyMultibase + "#" + PublicKeyMultibase;
    private static readonly DateTimeOffset Created = new(2023, 2, 24, 23, 36, 38, TimeSpan.Zero);

    private const string Unsigned = """
        {
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
            "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
            "type": ["VerifiableCredential", "AlumniCredential"],
            "name": "Alumni Credential",
            "description": "A minimum viable example of an Alumni Credential.",
            "issuer": "https://vc.example/issuers/5678",
            "validFrom": "2023-01-01T00:00:00Z",
            "credentialSubject": { "id": "did:example:abcdefgh", "alumniOf": "The School of Examples" }
        }
        """;

    private const string ExpectedProof = """
        {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-jcs-2022",
            "created": "2023-02-24T23:36:38Z",
            "verificationMethod": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
            "proofPurpose": "assertionMethod",
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
            "proofValue": "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
        }
        """;

    private static Key VectorKey()
    {
        var privateKey = Multibase.DecodeBase58Btc(PrivateKeyMultibase);
        Assert.That(privateKey.AsSpan(0, 2).ToArray(), Is.EqualTo(new byte[] { 0x80, 0x26 }), "multicodec ed25519-priv");
        return Key.Import(SignatureAlgorithm.Ed25519, privateKey.AsSpan(2), KeyBlobFormat.RawPrivateKey);
    }

    [Test]
    public void The_vector_key_pair_is_the_did_key_in_the_vector()
    {
        using var key = VectorKey();

        Assert.That(DidKey.FromEd25519(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), Is.EqualTo("did:key:" + PublicKeyMultibase));
    }

    [Test]
    public void The_canonical_document_matches_the_vector() =>
        Assert.That(
            Encoding.UTF8.GetString(Jcs.Canonicalize(JsonNode.Parse(Unsigned))),
            Is.EqualTo("""{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},"description":"A minimum viable example of an Alumni Credential.","id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678","name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],"validFrom":"2023-01-01T00:00:00Z"}"""));

    [Test]
    public void The_hash_data_matches_the_vector()
    {
        var proofConfig = JsonNode.Parse(ExpectedProof)!.AsObject();
        proofConfig.Remove("proofValue");

        var hashData = EddsaJcs2022.HashData(JsonNode.Parse(Unsigned)!.AsObject(), proofConfig);

        Assert.That(Convert.ToHexStringLower(hashData), Is.EqualTo("66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19"));
    }

    [Test]
    public void Signing_the_vector_document_gives_the_vector_proof_exactly()
    {
        using var key = VectorKey();

        var secured = EddsaJcs2022.AddProof(JsonNode.Parse(Unsigned)!.AsObject(), key, VerificationMethod, Created);

        Assert.That(JsonNode.DeepEquals(secured["proof"], JsonNode.Parse(ExpectedProof)), Is.True, secured["proof"]!.ToJsonString());
    }

    [Test]
    public void The_vector_signed_credential_verifies_and_an_edited_one_does_not()
    {
        var secured = JsonNode.Parse(Unsigned)!.AsObject();
        secured["proof"] = JsonNode.Parse(ExpectedProof);
        Assert.That(DidKey.TryParseEd25519(VerificationMethod, out var publicKey), Is.True);

        Assert.That(EddsaJcs2022.Verify(secured, publicKey), Is.True);
        secured["credentialSubject"]!["alumniOf"] = "The School of Forgery";
        Assert.That(EddsaJcs2022.Verify(secured, publicKey), Is.False);
    }
}
