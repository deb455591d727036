using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Audit.Tests.Credentials.JsonLd;

/// <summary>
/// Credentials as this platform builds them, varied by a seeded generator: awkward text (quotes, escapes, control
/// characters, astral characters), optional members, Open Badges terms with typed numbers, sets and lists, status
/// lists, and secured documents whose proof is a @graph container.
/// </summary>
internal static class GeneratedCredentials
{
    private static readonly string[] Fragments =
    [
        "plain", "Zoë Ångström", "quote \" and backslash \\", "line\nbreak\rand\ttab", "\u0001\u0008\u000b\u000c\u001f\u007f",
        "emoji 🧑‍🎨 and 𝄞", "é (e\u0301)", "<b>&amp;</b>", "  spaced  ", "",
    ];

    public static IEnumerable<JsonObject> Generate(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
            yield return (i % 5) switch
            {
                4 => StatusListDocument(random),
                _ => Credential(random, i),
            };
    }

    private static JsonObject Credential(Random random, int i)
    {
        using var signer = i % 3 == 0 ? new TemporarySigner() : null;
        var content = SampleCertificates.Content(signer?.Signer.IssuerDid ?? DidKey.FromEd25519(Bytes(random, 32))) with
        {
            CredentialId = new Guid(Bytes(random, 16)),
            IssuerName = Text(random),
            SubjectName = Text(random),
            AchievementName = Text(random),
            AchievementDescription = Text(random),
            Criteria = Text(random),
            AwardingBodyName = Text(random),
            ValidUntil = random.Next(2) == 0 ? null : SampleCertificates.ExpiresAt,
            StatusListIndex = random.Next(0, 131072),
        };
        var credential = OpenBadge.Build(content);
        var achievement = credential["credentialSubject"]!["achievement"]!.AsObject();
        if (random.Next(2) == 0)
            achievement["creditsAvailable"] = random.Next(3) == 0 ? random.Next(1, 40) : Math.Round(random.NextDouble() * 100, random.Next(0, 6));
        if (random.Next(2) == 0)
            achievement["alignment"] = new JsonArray(Alignment(random), Alignment(random));
        if (random.Next(2) == 0)
            achievement["tag"] = new JsonArray(Text(random), Text(random));
        if (random.Next(2) == 0)
            achievement["image"] = new JsonObject { ["id"] = "https://academy.example/badge.png", ["type"] = "Image", ["caption"] = Text(random) };
        return signer is null ? credential : signer.Signer.Sign(credential, SampleCertificates.IssuedAt);
    }

    private static JsonObject Alignment(Random random) => new()
    {
        ["type"] = new JsonArray("Alignment"),
        ["targetName"] = Text(random),
        ["targetUrl"] = $"https://framework.example/{random.Next(1000)}",
        ["targetType"] = "ext:SkillsFramework",
    };

    private static JsonObject StatusListDocument(Random random) => StatusList.Build(
        $"https://academy.example/api/bodies/b{random.Next(100)}/status-list",
        DidKey.FromEd25519(Bytes(random, 32)),
        Enumerable.Range(0, random.Next(0, 20)).Select(_ => random.Next(0, 131072)).Distinct(),
        SampleCertificates.IssuedAt,
        SampleCertificates.IssuedAt.AddMinutes(30));

    private static string Text(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Fragments[random.Next(Fragments.Length)])) + random.Next(100);

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
