using System.Text.Json;
using System.Text.Json.Nodes;
using NSec.Cryptography;
using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Audit.Tests.Credentials;

public sealed class CredentialVerifierTests
{
    private static readonly DateTimeOffset Now = SampleCertificates.IssuedAt.AddDays(30);
    private TemporarySigner _issuer = null!;
    private TemporarySigner _forger = null!;

    private CredentialSigner Issuer => _issuer.Signer;

    [SetUp]
    public void CreateKeys()
    {
        _issuer = new TemporarySigner();
        _forger = new TemporarySigner();
    }

    [TearDown]
    public void DeleteKeys()
    {
        _issuer.Dispose();
        _forger.Dispose();
    }

    private JsonObject Signed() => Issuer.Sign(OpenBadge.Build(SampleCertificates.Content(Issuer.IssuerDid)), SampleCertificates.IssuedAt);

    /// <summary>Sets a value at a dotted path such as <c>credentialSubject.achievement.name</c>; digits index arrays.</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var names = path.Split('.');
        JsonNode node = root;
        foreach (var name in names[..^1])
            node = int.TryParse(name, out var i) ? node[i]! : node[name]!;
        if (int.TryParse(names[^1], out var last))
            node[last] = value;
        else
            node[names[^1]] = value;
    }

    [Test]
    public void A_signed_certificate_verifies_with_its_ids()
    {
        var check = CredentialVerifier.Verify(Signed(), Now, [Issuer.IssuerDid]);

        Assert.That(check.Problems, Is.Empty);
        Assert.That(check.Valid, Is.True);
        Assert.That(check.CredentialId, Is.EqualTo("urn:uuid:5f0c6a3e-8a43-4d0e-9d3c-0b1f2a7c9e11"));
        Assert.That(check.IssuerDid, Is.EqualTo(Issuer.IssuerDid));
        Assert.That(check.SubjectId, Is.EqualTo("urn:uuid:0d9a1c57-2f0e-4b8e-a0d4-6a1f3e2b7c10"));
    }

    [Test]
    public void It_still_verifies_after_a_trip_through_indented_text()
    {
        var text = Signed().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        Assert.That(CredentialVerifier.Verify(JsonNode.Parse(text)!.AsObject(), Now).Problems, Is.Empty);
    }

    [TestCase("credentialSubject.name", "\"Mallory\"")]
    [TestCase("credentialSubject.id", "\"urn:uuid:00000000-0000-0000-0000-000000000000\"")]
    [TestCase("validFrom", "\"2026-02-01T10:00:00Z\"")]
    [TestCase("validUntil", "\"2099-03-01T10:00:00Z\"")]
    [TestCase("credentialSubject.achievement.name", "\"SMP Master Trainer\"")]
    [TestCase("credentialSubject.achievement.creator.name", "\"Some Other Body\"")]
    [TestCase("evidence.0.description", "\"sha-256 of the canonical decision: 00\"")]
    [TestCase("credentialStatus.statusListIndex", "\"43\"")]
    [TestCase("issuer.name", "\"SMP Academy (official)\"")]
    [TestCase("description", "\"an added claim\"")]
    [TestCase("proof.0.created", "\"2026-03-02T10:00:00Z\"")]
    public void Changing_any_field_breaks_the_signature(string path, string json)
    {
        var credential = Signed();
        Set(credential, path, JsonNode.Parse(json));

        var check = CredentialVerifier.Verify(credential, Now);

        Assert.That(check.Valid, Is.False);
        Assert.That(check.Problems, Is.EqualTo(new[] { CredentialVerifier.AlteredOrForged }));
    }

    [Test]
    public void Another_key_signing_in_the_issuers_name_is_a_forgery()
    {
        using var forgerKey = Key.Create(SignatureAlgorithm.Ed25519);
        var unsigned = OpenBadge.Build(SampleCertificates.Content(Issuer.IssuerDid));

        var forged = EddsaJcs2022.AddProof(unsigned, forgerKey, Issuer.VerificationMethod, SampleCertificates.IssuedAt);

        Assert.That(CredentialVerifier.Verify(forged, Now).Problems, Is.EqualTo(new[] { CredentialVerifier.AlteredOrForged }));
    }

    [Test]
    public void Another_key_naming_its_own_method_does_not_belong_to_the_issuer()
    {
        var unsigned = OpenBadge.Build(SampleCertificates.Content(Issuer.IssuerDid));
        using var forgerKey = Key.Create(SignatureAlgorithm.Ed25519);
        var forgerDid = DidKey.FromEd25519(forgerKey.PublicKey.Export(KeyBlobFormat.RawPublicKey));

        var forged = EddsaJcs2022.AddProof(unsigned, forgerKey, DidKey.VerificationMethod(forgerDid), SampleCertificates.IssuedAt);

        Assert.That(CredentialVerifier.Verify(forged, Now).Problems, Is.EqualTo(new[]
        {
            $"verificationMethod {DidKey.VerificationMethod(forgerDid)} does not belong to issuer {Issuer.IssuerDid}",
        }));
    }

    [Test]
    public void A_well_signed_certificate_from_an_untrusted_issuer_is_rejected_when_issuers_are_named()
    {
        var forger = _forger.Signer;
        var forged = forger.Sign(OpenBadge.Build(SampleCertificates.Content(forger.IssuerDid)), SampleCertificates.IssuedAt);

        Assert.That(CredentialVerifier.Verify(forged, Now).Valid, Is.True, "cryptographically it is sound");
        var check = CredentialVerifier.Verify(forged, Now, [Issuer.IssuerDid]);

        Assert.That(check.Valid, Is.False);
        Assert.That(check.Problems, Is.EqualTo(new[] { $"issued by {forger.IssuerDid} which is not a trusted issuer" }));
    }

    [Test]
    public void Expired_and_not_yet_valid_are_reported_with_the_date()
    {
        var credential = Signed();

        Assert.That(CredentialVerifier.Verify(credential, SampleCertificates.ExpiresAt).Valid, Is.True, "valid through its last second");
        Assert.That(CredentialVerifier.Verify(credential, SampleCertificates.ExpiresAt.AddSeconds(1)).Problems, Is.EqualTo(new[] { "expired on 2029-03-01T10:00:00Z" }));
        Assert.That(CredentialVerifier.Verify(credential, SampleCertificates.IssuedAt.AddSeconds(-1)).Problems, Is.EqualTo(new[] { "not valid until 2026-03-01T10:00:00Z" }));
    }

    [Test]
    public void Issued_proofs_are_a_set_and_a_single_proof_object_as_issued_before_still_verifies()
    {
        var signed = Signed();
        Assert.That(signed["proof"], Is.TypeOf<JsonArray>().And.Count.EqualTo(1));

        var single = signed.DeepClone().AsObject();
        single["proof"] = single["proof"]![0]!.DeepClone();
        Assert.That(CredentialVerifier.Verify(single, Now, [Issuer.IssuerDid]).Problems, Is.Empty);
    }

    [Test]
    public void Every_proof_of_a_set_that_the_verifier_understands_must_hold_and_others_are_passed_over()
    {
        var unsigned = OpenBadge.Build(SampleCertificates.Content(Issuer.IssuerDid));
        JsonObject WithProofs(params JsonNode[] proofs)
        {
            var credential = unsigned.DeepClone().AsObject();
            credential["proof"] = new JsonArray([.. proofs.Select(p => p.DeepClone())]);
            return credential;
        }

        var first = Signed()["proof"]![0]!;
        var second = Issuer.Sign(unsigned, SampleCertificates.IssuedAt.AddDays(1))["proof"]![0]!;
        var foreign = JsonNode.Parse("""{"type": "Ed25519Signature2020", "verificationMethod": "did:example:x#1", "proofPurpose": "assertionMethod", "proofValue": "z3x"}""")!;
        var altered = second.DeepClone();
        altered["created"] = "2026-03-09T10:00:00Z";
        var forgersUnsigned = OpenBadge.Build(SampleCertificates.Content(_forger.Signer.IssuerDid));
        var forgers = _forger.Signer.Sign(forgersUnsigned, SampleCertificates.IssuedAt)["proof"]![0]!;

        Assert.That(CredentialVerifier.Verify(WithProofs(first, second), Now, [Issuer.IssuerDid]).Problems, Is.Empty, "two proofs by the issuer");
        Assert.That(CredentialVerifier.Verify(WithProofs(foreign, first), Now, [Issuer.IssuerDid]).Problems, Is.Empty, "a suite it does not know is passed over");
        Assert.That(CredentialVerifier.Verify(WithProofs(first, altered), Now).Problems, Is.EqualTo(new[] { "proof 2: " + CredentialVerifier.AlteredOrForged }));
        Assert.That(CredentialVerifier.Verify(WithProofs(first, forgers), Now).Problems, Has.Some.StartsWith("proof 2: verificationMethod").And.Some.Contains("does not belong to issuer"));
        Assert.That(CredentialVerifier.Verify(WithProofs(foreign, foreign), Now).Problems, Is.EqualTo(new[] { "none of its 2 proofs is one this verifier checks (a DataIntegrityProof by eddsa-rdfc-2022 or eddsa-jcs-2022)" }));
        Assert.That(CredentialVerifier.Verify(WithProofs(first, JsonValue.Create(5)), Now).Problems, Is.EqualTo(new[] { "a proof in the set is not an object" }));
        Assert.That(CredentialVerifier.Verify(WithProofs(), Now).Problems, Is.EqualTo(new[] { "the proof set is empty" }));
    }

    [Test]
    public void A_removed_proof_is_reported()
    {
        var credential = Signed();
        credential.Remove("proof");

        Assert.That(CredentialVerifier.Verify(credential, Now).Problems, Is.EqualTo(new[] { "missing proof" }));
    }

    [TestCase("cryptosuite", "\"ecdsa-jcs-2019\"", "unsupported cryptosuite ecdsa-jcs-2019 (this verifier checks eddsa-rdfc-2022 or eddsa-jcs-2022)")]
    [TestCase("type", "\"Ed25519Signature2020\"", "unsupported proof type Ed25519Signature2020")]
    [TestCase("proofPurpose", "\"authentication\"", "proofPurpose is authentication, not assertionMethod")]
    [TestCase("proofValue", "\"z0OIl\"", "proofValue is not a base58btc Ed25519 signature")]
    [TestCase("proofValue", "\"zzzzzzzzzzzzzzzz\"", "proofValue is not a base58btc Ed25519 signature")]
    [TestCase("proofValue", "\"u2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX\"", "proofValue is not a base58btc Ed25519 signature")]
    [TestCase("proofValue", "12", "proofValue is not a base58btc Ed25519 signature")]
    [TestCase("verificationMethod", "\"did:web:academy.example#key-1\"", "verificationMethod did:web:academy.example#key-1 is not an Ed25519 did:key")]
    [TestCase("verificationMethod", "{}", "missing verificationMethod")]
    [TestCase("created", "\"yesterday\"", "proof created is not a date-time with a time zone")]
    [TestCase("@context", "[\"https://www.w3.org/ns/credentials/examples/v2\"]", "the proof's @context is not the start of the credential's @context")]
    public void A_bad_proof_is_reported_not_thrown(string member, string json, string problem)
    {
        var credential = Signed();
        credential["proof"]![0]![member] = JsonNode.Parse(json);

        var check = CredentialVerifier.Verify(credential, Now);

        Assert.That(check.Valid, Is.False);
        Assert.That(check.Problems, Does.Contain(problem));
    }

    [TestCase("proof", "\"z2HnFSSPP\"")]
    [TestCase("proof", "[]")]
    [TestCase("proof", "null")]
    [TestCase("issuer", "[1, 2]")]
    [TestCase("issuer", "{\"id\": 5}")]
    [TestCase("credentialSubject", "5")]
    [TestCase("credentialSubject", "[{\"id\": \"x\"}]")]
    [TestCase("type", "{}")]
    [TestCase("@context", "true")]
    [TestCase("validFrom", "7")]
    [TestCase("validUntil", "\"2029-03-01\"")]
    [TestCase("id", "{\"nested\": [1e400]}")]
    public void Wrongly_typed_fields_are_problems_not_exceptions(string member, string json)
    {
        var credential = Signed();
        credential[member] = JsonNode.Parse(json);

        CredentialCheck check = null!;
        Assert.DoesNotThrow(() => check = CredentialVerifier.Verify(credential, Now));
        Assert.That(check.Valid, Is.False);
        Assert.That(check.Problems, Is.Not.Empty);
    }

    [TestCase("\"nickname\": \"Zo\\ud800\"", TestName = "unpaired surrogate in a value")]
    [TestCase("\"n\\udc00me\": \"x\"", TestName = "unpaired surrogate in a member name")]
    [TestCase("\"name\": \"Mallory\"", TestName = "member name given twice")]
    public void Json_that_cannot_be_canonicalized_is_a_problem_not_an_exception(string member)
    {
        var text = Signed().ToJsonString();
        var inSubject = JsonNode.Parse(text.Replace("\"type\":[\"AchievementSubject\"]", member + ",\"type\":[\"AchievementSubject\"]", StringComparison.Ordinal))!.AsObject();
        var atTop = JsonNode.Parse("{" + member + "," + text[1..])!.AsObject();

        foreach (var credential in new[] { inSubject, atTop })
        {
            CredentialCheck check = null!;
            Assert.DoesNotThrow(() => check = CredentialVerifier.Verify(credential, Now));
            Assert.That(check.Problems, Is.EqualTo(new[] { CredentialVerifier.NotWellFormed }));
            Assert.That(OpenBadge.Read(credential).CredentialId, Is.Null);
        }
    }

    [Test]
    public void An_empty_object_is_many_problems_and_no_exception()
    {
        var check = CredentialVerifier.Verify(new JsonObject(), Now);

        Assert.That(check.Valid, Is.False);
        Assert.That(check.Problems, Does.Contain("missing proof").And.Contain("not an OpenBadgeCredential").And.Contain("missing issuer (or its id)"));
    }

    [Test]
    public void A_certificate_is_not_a_status_list_nor_the_other_way_round()
    {
        var list = Issuer.Sign(StatusList.Build(SampleCertificates.ListUrl, Issuer.IssuerDid, [], SampleCertificates.IssuedAt, SampleCertificates.IssuedAt + StatusList.Lifetime), SampleCertificates.IssuedAt);

        Assert.That(CredentialVerifier.VerifyStatusList(Signed(), Now).Problems, Does.Contain("not a BitstringStatusListCredential"));
        Assert.That(CredentialVerifier.Verify(list, Now).Problems, Does.Contain("not an OpenBadgeCredential"));
    }
}
