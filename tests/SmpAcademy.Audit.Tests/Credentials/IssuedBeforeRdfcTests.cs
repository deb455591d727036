using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Testing;

namespace SmpAcademy.Audit.Tests.Credentials;

/// <summary>Certificates and a status list signed with eddsa-jcs-2022 before the switch to eddsa-rdfc-2022 (Fixtures/) still verify.</summary>
public sealed class IssuedBeforeRdfcTests
{
    private const string Issuer = "did:key:z6MkpF7gti3cP5niXborf5Vxva7ZA2FjyYKwqNUUuNxb642V";
    private static readonly DateTimeOffset Then = new(2026, 12, 3, 14, 30, 0, TimeSpan.Zero);

    private static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "SmpAcademy.Audit.Tests", "Credentials", "Fixtures", name)))!.AsObject();

    [Test]
    public void An_eddsa_jcs_2022_certificate_and_its_list_still_verify_and_say_which_is_revoked()
    {
        var certificate = Fixture("jcs-certificate.json");
        var revoked = Fixture("jcs-revoked-certificate.json");
        var list = Fixture("jcs-status-list.json");
        Assert.That((string)certificate["proof"]![0]!["cryptosuite"]!, Is.EqualTo(EddsaJcs2022.Cryptosuite));

        Assert.Multiple(() =>
        {
            Assert.That(CredentialVerifier.Verify(certificate, Then, [Issuer]).Problems, Is.Empty);
            Assert.That(CredentialVerifier.Verify(revoked, Then, [Issuer]).Problems, Is.Empty);
            Assert.That(CredentialVerifier.VerifyStatusList(list, Then, [Issuer]).Problems, Is.Empty);
            Assert.That(StatusList.IsRevoked(list, 0), Is.False);
            Assert.That(StatusList.IsRevoked(list, 1), Is.True);
        });
    }

    [Test]
    public void An_edit_to_an_old_certificate_is_still_caught()
    {
        var certificate = Fixture("jcs-certificate.json");
        certificate["credentialSubject"]!["name"] = "someone-else";

        Assert.That(CredentialVerifier.Verify(certificate, Then, [Issuer]).Problems, Is.EqualTo(new[] { CredentialVerifier.AlteredOrForged }));
    }
}
