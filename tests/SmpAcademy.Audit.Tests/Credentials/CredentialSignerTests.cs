using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Audit.Tests.Credentials;

public sealed class CredentialSignerTests
{
    private TemporarySigner _temporary = null!;

    private CredentialSigner Signer => _temporary.Signer;

    [SetUp]
    public void CreateKey() => _temporary = new TemporarySigner();

    [TearDown]
    public void DeleteKey() => _temporary.Dispose();

    [Test]
    public void The_key_file_is_a_raw_Ed25519_private_key_readable_by_the_owner_only()
    {
        var path = Path.Combine(_temporary.Directory, CredentialSigner.KeyFileName);

        Assert.That(new FileInfo(path).Length, Is.EqualTo(32));
        if (!OperatingSystem.IsWindows())
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void Loading_again_keeps_the_same_issuer_and_another_folder_makes_another()
    {
        using (var again = CredentialSigner.Load(_temporary.Directory))
            Assert.That(again.IssuerDid, Is.EqualTo(Signer.IssuerDid));
        using var other = new TemporarySigner();

        Assert.That(other.Signer.IssuerDid, Is.Not.EqualTo(Signer.IssuerDid));
    }

    [Test]
    public void The_issuer_is_an_Ed25519_did_key_and_the_method_its_key_fragment()
    {
        Assert.That(DidKey.TryParseEd25519(Signer.IssuerDid, out _), Is.True);
        Assert.That(Signer.IssuerDid, Does.StartWith("did:key:z6Mk"));
        Assert.That(Signer.VerificationMethod, Is.EqualTo(Signer.IssuerDid + "#" + Signer.IssuerDid["did:key:".Length..]));
    }

    [Test]
    public void Signing_adds_an_eddsa_rdfc_2022_proof_to_a_copy()
    {
        var unsigned = OpenBadge.Build(SampleCertificates.Content(Signer.IssuerDid));
        var before = unsigned.ToJsonString();

        var signed = Signer.Sign(unsigned, SampleCertificates.IssuedAt.AddMinutes(5).ToOffset(TimeSpan.FromHours(2)));

        Assert.That(unsigned.ToJsonString(), Is.EqualTo(before), "the input is left as it was");
        Assert.That(signed["proof"]!.AsArray(), Has.Count.EqualTo(1), "a proof set of one");
        var proof = signed["proof"]![0]!.AsObject();
        Assert.That(JsonRead(proof, "type"), Is.EqualTo("DataIntegrityProof"));
        Assert.That(JsonRead(proof, "cryptosuite"), Is.EqualTo("eddsa-rdfc-2022"));
        Assert.That(JsonRead(proof, "created"), Is.EqualTo("2026-03-01T10:05:00Z"));
        Assert.That(JsonRead(proof, "verificationMethod"), Is.EqualTo(Signer.VerificationMethod));
        Assert.That(JsonRead(proof, "proofPurpose"), Is.EqualTo("assertionMethod"));
        Assert.That(proof.ContainsKey("@context"), Is.False, "as in the suite's vectors: the proof is read with the credential's contexts");
        Assert.That(JsonRead(proof, "proofValue"), Does.StartWith("z"));
    }

    [Test]
    public void A_certificate_first_issued_with_eddsa_jcs_2022_is_signed_again_with_it_and_verifies()
    {
        // Certificates are rebuilt from their events; one whose event says eddsa-jcs-2022 must come out as its holder has it.
        var unsigned = OpenBadge.Build(SampleCertificates.Content(Signer.IssuerDid));

        var again = Signer.Sign(unsigned, SampleCertificates.IssuedAt, EddsaJcs2022.Cryptosuite);

        Assert.That(JsonRead(again["proof"]![0]!.AsObject(), "cryptosuite"), Is.EqualTo(EddsaJcs2022.Cryptosuite));
        Assert.That(again.ToJsonString(), Is.EqualTo(Signer.Sign(unsigned, SampleCertificates.IssuedAt, EddsaJcs2022.Cryptosuite).ToJsonString()), "deterministic");
        Assert.That(CredentialVerifier.Verify(again, SampleCertificates.IssuedAt.AddDays(1), [Signer.IssuerDid]).Problems, Is.Empty);
        Assert.Throws<ArgumentException>(() => Signer.Sign(unsigned, SampleCertificates.IssuedAt, "ecdsa-rdfc-2019"));
    }

    [Test]
    public void A_document_that_already_has_a_proof_is_refused()
    {
        var signed = Signer.Sign(OpenBadge.Build(SampleCertificates.Content(Signer.IssuerDid)), SampleCertificates.IssuedAt);

        Assert.Throws<ArgumentException>(() => Signer.Sign(signed, SampleCertificates.IssuedAt));
    }

    [Test]
    public void A_document_naming_another_issuer_is_refused()
    {
        using var other = new TemporarySigner();

        Assert.Throws<ArgumentException>(() => Signer.Sign(OpenBadge.Build(SampleCertificates.Content(other.Signer.IssuerDid)), SampleCertificates.IssuedAt));
    }

    private static string? JsonRead(JsonObject owner, string name) => owner[name]?.GetValue<string>();
}
