using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Audit.Tests.Credentials;

internal static class SampleCertificates
{
    public static readonly DateTimeOffset IssuedAt = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ExpiresAt = IssuedAt.AddYears(3);
    public const string ListUrl = "https://academy.example/credentials/status/1";

    public static CertificateContent Content(string issuerDid, int statusListIndex = 42) => new(
        CredentialId: Guid.Parse("5f0c6a3e-8a43-4d0e-9d3c-0b1f2a7c9e11"),
        IssuerDid: issuerDid,
        IssuerName: "SMP Academy",
        SubjectId: "urn:uuid:0d9a1c57-2f0e-4b8e-a0d4-6a1f3e2b7c10",
        SubjectName: "Zoë Ångström",
        AchievementId: "https://academy.example/achievements/smp-level-2",
        AchievementName: "SMP Practitioner, Level 2",
        AchievementDescription: "Completes hairline density work to level 2 standard.",
        Criteria: "Passed 3 assessed sessions and the practical examination.",
        AwardingBodyId: "https://awarding.example/",
        AwardingBodyName: "Awarding Body Example",
        ValidFrom: IssuedAt,
        ValidUntil: ExpiresAt,
        StatusListCredentialUrl: ListUrl,
        StatusListIndex: statusListIndex,
        DecisionDigest: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
}
