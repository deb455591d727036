using NSec.Cryptography;
using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Audit.Tests.Credentials;

public sealed class DidKeyTests
{
    // From the did:key specification's test vectors (test-vectors/ed25519-x25519.json): seed of 32 zero bytes.
    private const string VectorDid = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
    private const string VectorPublicKeyBase58 = "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS";

    [Test]
    public void The_published_Ed25519_vector_encodes_and_parses_back()
    {
        var publicKey = Base58Btc.Decode(VectorPublicKeyBase58);

        Assert.That(DidKey.FromEd25519(publicKey), Is.EqualTo(VectorDid));
        Assert.That(DidKey.TryParseEd25519(VectorDid, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(publicKey));
    }

    [Test]
    public void The_vector_public_key_is_the_one_of_the_all_zero_seed()
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, new byte[32], KeyBlobFormat.RawPrivateKey);

        Assert.That(DidKey.FromEd25519(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), Is.EqualTo(VectorDid));
    }

    [Test]
    public void The_verification_method_is_the_did_with_its_key_as_fragment_and_parses_too()
    {
        var method = DidKey.VerificationMethod(VectorDid);

        Assert.That(method, Is.EqualTo(VectorDid + "#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"));
        Assert.That(DidKey.TryParseEd25519(method, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(Base58Btc.Decode(VectorPublicKeyBase58)));
        Assert.That(DidKey.DidOf(method), Is.EqualTo(VectorDid));
    }

    [TestCase(VectorDid + "#z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG", TestName = "fragment of another key")]
    [TestCase(VectorDid + "#keys-1", TestName = "fragment that is not the key")]
    [TestCase("did:key:z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW", TestName = "X25519 key")]
    [TestCase("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", TestName = "secp256k1 key")]
    [TestCase("did:web:academy.example", TestName = "another DID method")]
    [TestCase("did:key:6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", TestName = "no multibase prefix")]
    [TestCase("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooW", TestName = "one character short")]
    [TestCase("did:key:z0OIl", TestName = "not base58")]
    [TestCase("did:key:", TestName = "empty key part")]
    [TestCase(null, TestName = "null")]
    public void Anything_but_an_Ed25519_did_key_is_refused(string? did)
    {
        Assert.That(DidKey.TryParseEd25519(did, out var publicKey), Is.False);
        Assert.That(publicKey, Is.Empty);
    }

    [Test]
    public void A_key_of_the_wrong_length_has_no_did() =>
        Assert.Throws<ArgumentException>(() => DidKey.FromEd25519(new byte[31]));
}
