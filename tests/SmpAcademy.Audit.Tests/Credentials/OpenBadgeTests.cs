using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Audit.Tests.Credentials;

public sealed class OpenBadgeTests
{
    private const string Issuer = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    [Test]
    public void The_credential_has_the_Open_Badges_3_shape()
    {
        var credential = OpenBadge.Build(SampleCertificates.Content(Issuer));

        Assert.That(credential["@context"]!.AsArray().Select(Text), Is.EqualTo(new[] { "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" }));
        Assert.That(Text(credential["id"]), Is.EqualTo("urn:uuid:5f0c6a3e-8a43-4d0e-9d3c-0b1f2a7c9e11"));
        Assert.That(credential["type"]!.AsArray().Select(Text), Is.EqualTo(new[] { "VerifiableCredential", "OpenBadgeCredential" }));
        Assert.That(JsonNode.DeepEquals(credential["issuer"], JsonNode.Parse($$"""{"id":"{{Issuer}}","type":["Profile"],"name":"SMP Academy"}""")), Is.True);
        Assert.That(Text(credential["validFrom"]), Is.EqualTo("2026-03-01T10:00:00Z"));
        Assert.That(Text(credential["validUntil"]), Is.EqualTo("2029-03-01T10:00:00Z"));
        Assert.That(Text(credential["name"]), Is.EqualTo("SMP Practitioner, Level 2"));
    }

    [Test]
    public void The_subject_holds_the_achievement_and_its_awarding_body()
    {
        var subject = OpenBadge.Build(SampleCertificates.Content(Issuer))["credentialSubject"];

        Assert.That(JsonNode.DeepEquals(subject, JsonNode.Parse("""
            {
                "id": "urn:uuid:0d9a1c57-2f0e-4b8e-a0d4-6a1f3e2b7c10",
                "type": ["AchievementSubject"],
                "name": "Zoë Ångström",
                "achievement": {
                    "id": "https://academy.example/achievements/smp-level-2",
                    "type": ["Achievement"],
                    "name": "SMP Practitioner, Level 2",
                    "description": "Completes hairline density work to level 2 standard.",
                    "criteria": { "narrative": "Passed 3 assessed sessions and the practical examination." },
                    "creator": { "id": "https://awarding.example/", "type": ["Profile"], "name": "Awarding Body Example" }
                }
            }
            """)), Is.True, subject!.ToJsonString());
    }

    [Test]
    public void Evidence_and_status_point_at_the_decision_and_the_revocation_bit()
    {
        var credential = OpenBadge.Build(SampleCertificates.Content(Issuer, statusListIndex: 94567));

        Assert.That(JsonNode.DeepEquals(credential["evidence"], JsonNode.Parse("""
            [{ "type": ["Evidence"], "name": "certification decision", "description": "sha-256 of the canonical decision: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }]
            """)), Is.True, credential["evidence"]!.ToJsonString());
        Assert.That(JsonNode.DeepEquals(credential["credentialStatus"], JsonNode.Parse("""
            {
                "id": "https://academy.example/credentials/status/1#94567",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": "94567",
                "statusListCredential": "https://academy.example/credentials/status/1"
            }
            """)), Is.True, credential["credentialStatus"]!.ToJsonString());
    }

    [Test]
    public void Dates_are_written_in_UTC_and_an_open_ended_certificate_has_no_validUntil()
    {
        var content = SampleCertificates.Content(Issuer) with { ValidFrom = new DateTimeOffset(2026, 3, 1, 12, 30, 15, TimeSpan.FromHours(2)), ValidUntil = null, SubjectName = "" };

        var credential = OpenBadge.Build(content);

        Assert.That(Text(credential["validFrom"]), Is.EqualTo("2026-03-01T10:30:15Z"));
        Assert.That(credential.ContainsKey("validUntil"), Is.False);
        Assert.That(credential["credentialSubject"]!.AsObject().ContainsKey("name"), Is.False);
    }

    [TestCase(-1)]
    [TestCase(StatusList.Capacity)]
    public void A_status_index_outside_the_list_is_refused(int index) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenBadge.Build(SampleCertificates.Content(Issuer, index)));

    [Test]
    public void Reading_gives_back_what_was_built()
    {
        var summary = OpenBadge.Read(OpenBadge.Build(SampleCertificates.Content(Issuer, statusListIndex: 7)));

        Assert.That(summary, Is.EqualTo(new CertificateSummary(
            "urn:uuid:5f0c6a3e-8a43-4d0e-9d3c-0b1f2a7c9e11",
            Issuer,
            "urn:uuid:0d9a1c57-2f0e-4b8e-a0d4-6a1f3e2b7c10",
            "Zoë Ångström",
            "https://academy.example/achievements/smp-level-2",
            "SMP Practitioner, Level 2",
            SampleCertificates.IssuedAt,
            SampleCertificates.ExpiresAt,
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            new StatusListEntry(SampleCertificates.ListUrl, 7),
            "SMP Academy")));
    }

    [TestCase("""{"credentialSubject": 5, "issuer": [], "evidence": "x", "validFrom": 3, "credentialStatus": []}""")]
    [TestCase("""{"credentialStatus": {"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "-3", "statusListCredential": "https://x"}}""")]
    [TestCase("""{"credentialStatus": {"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": 3, "statusListCredential": "https://x"}}""")]
    [TestCase("""{"credentialStatus": {"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "99999999999", "statusListCredential": "https://x"}}""")]
    [TestCase("""{"credentialStatus": {"type": "BitstringStatusListEntry", "statusPurpose": "suspension", "statusListIndex": "3", "statusListCredential": "https://x"}}""")]
    [TestCase("""{"credentialStatus": {"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "3"}}""")]
    public void Reading_malformed_json_gives_nulls_not_exceptions(string json)
    {
        var summary = OpenBadge.Read(JsonNode.Parse(json)!.AsObject());

        Assert.That(summary, Is.EqualTo(new CertificateSummary(null, null, null, null, null, null, null, null, null, null)));
    }

    [Test]
    public void The_revocation_entry_is_found_in_a_list_of_status_entries()
    {
        var credential = JsonNode.Parse("""
            {"credentialStatus": [
                {"type": "BitstringStatusListEntry", "statusPurpose": "suspension", "statusListIndex": "1", "statusListCredential": "https://x/s"},
                {"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "2", "statusListCredential": "https://x/r"}
            ]}
            """)!.AsObject();

        Assert.That(OpenBadge.RevocationEntry(credential), Is.EqualTo(new StatusListEntry("https://x/r", 2)));
    }
}
