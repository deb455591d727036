using System.Text.Json.Nodes;
using NSec.Cryptography;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Audit.Credentials.JsonLd;
using SmpAcademy.Testing;

namespace SmpAcademy.Audit.Tests.Credentials;

/// <summary>The eddsa-rdfc-2022 test vectors of W3C VC Data Integrity EdDSA Cryptosuites v1.0 (files in vc-di-eddsa/, with their source).</summary>
public sealed class EddsaRdfc2022VectorTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "SmpAcademy.Audit.Tests", "Credentials", "vc-di-eddsa");

    // The vector names the W3C examples context besides the vendored ones; only this test holds it.
    private static readonly Dictionary<string, JsonObject> Contexts = new(VendoredContexts.All)
    {
        ["https://www.w3.org/ns/credentials/examples/v2"] = Read("examples-v2.jsonld"),
    };

    private static JsonObject Read(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name)))!.AsObject();

    private static JsonObject Signed => Read("signedDataInt.json");

    private static JsonObject Unsigned()
    {
        var document = Signed;
        document.Remove("proof");
        return document;
    }

    private static JsonObject ProofConfig()
    {
        var proof = Signed["proof"]!.AsObject().DeepClone().AsObject();
        proof.Remove("proofValue");
        proof["@context"] = Signed["@context"]!.DeepClone();
        return proof;
    }

    private static Key VectorKey()
    {
        var privateKey = Multibase.DecodeBase58Btc(Read("keyPair.json")["privateKeyMultibase"]!.GetValue<string>());
        Assert.That(privateKey.AsSpan(0, 2).ToArray(), Is.EqualTo(new byte[] { 0x80, 0x26 }), "multicodec ed25519-priv");
        return Key.Import(SignatureAlgorithm.Ed25519, privateKey.AsSpan(2), KeyBlobFormat.RawPrivateKey);
    }

    private static byte[] PublicKey()
    {
        var publicKey = Multibase.DecodeBase58Btc(Read("keyPair.json")["publicKeyMultibase"]!.GetValue<string>());
        return publicKey[2..];
    }

    [Test]
    public void The_canonical_proof_configuration_matches_the_vector() =>
        Assert.That(EddsaRdfc2022.Canonicalize(ProofConfig(), Contexts), Is.EqualTo(File.ReadAllText(Path.Combine(Folder, "proofCanonDataInt.txt"))));

    [Test]
    public void The_hash_data_matches_the_vector() =>
        Assert.That(
            Convert.ToHexStringLower(EddsaRdfc2022.HashData(Unsigned(), ProofConfig(), Contexts)),
            Is.EqualTo(File.ReadAllText(Path.Combine(Folder, "combinedHashDataInt.txt")).Trim()));

    [Test]
    public void Signing_the_vector_document_gives_the_vector_proof_exactly()
    {
        using var key = VectorKey();
        var proof = Signed["proof"]!.AsObject();

        var secured = EddsaRdfc2022.AddProof(
            Unsigned(), key, proof["verificationMethod"]!.GetValue<string>(), DateTimeOffset.Parse(proof["created"]!.GetValue<string>(), null), Contexts);

        Assert.That(JsonNode.DeepEquals(secured, Signed), Is.True, secured.ToJsonString());
    }

    [Test]
    public void The_vector_verifies_and_an_edited_one_does_not()
    {
        var secured = Signed;
        var proof = secured["proof"]!.AsObject();
        Assert.That(EddsaRdfc2022.Verify(secured, proof, PublicKey(), Contexts), Is.True);

        secured["credentialSubject"]!["alumniOf"] = "The School of Forgery";
        Assert.That(EddsaRdfc2022.Verify(secured, proof, PublicKey(), Contexts), Is.False);
    }

    [Test]
    public void Reordering_members_changes_nothing_but_a_changed_type_does()
    {
        // What RDFC buys over JCS: the signature is over the statements, not the bytes.
        var secured = Signed;
        var reordered = new JsonObject(secured.Reverse().Select(e => KeyValuePair.Create(e.Key, e.Value?.DeepClone())));
        Assert.That(EddsaRdfc2022.Verify(reordered, reordered["proof"]!.AsObject(), PublicKey(), Contexts), Is.True);

        secured["type"] = new JsonArray("VerifiableCredential", "ForgedCredential");
        Assert.That(EddsaRdfc2022.Verify(secured, secured["proof"]!.AsObject(), PublicKey(), Contexts), Is.False);
    }

    [Test]
    public void Without_the_examples_context_the_vector_is_unreadable_not_forged()
    {
        var secured = Signed;
        Assert.That(EddsaRdfc2022.Verify(secured, secured["proof"]!.AsObject(), PublicKey()), Is.False);
        Assert.That(() => EddsaRdfc2022.Canonicalize(Unsigned()), Throws.InstanceOf<JsonLdException>().With.Message.Contains("not one held here"));
    }
}
