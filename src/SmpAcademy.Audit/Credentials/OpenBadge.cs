using System.Globalization;
using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials;

/// <summary>Certificates as Open Badges 3.0 OpenBadgeCredentials (W3C VC 2.0), revocable through a Bitstring Status List.</summary>
public static class OpenBadge
{
    public const string UuidPrefix = "urn:uuid:";
    public const string DecisionDigestPrefix = "sha-256 of the canonical decision: ";
    private const string EvidenceName = "certification decision";
    private const string StatusEntryType = "BitstringStatusListEntry";

    /// <summary>The unsigned credential; sign it with <see cref="CredentialSigner.Sign"/>.</summary>
    public static JsonObject Build(CertificateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.StatusListIndex is < 0 or >= StatusList.Capacity)
            throw new ArgumentOutOfRangeException(nameof(content), $"status list index {content.StatusListIndex} is outside 0..{StatusList.Capacity - 1}");
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(CredentialContexts.VerifiableCredentialsV2, CredentialContexts.OpenBadgesV3),
            ["id"] = UuidPrefix + content.CredentialId.ToString("D", CultureInfo.InvariantCulture),
            ["type"] = new JsonArray(CredentialContexts.VerifiableCredential, CredentialContexts.OpenBadgeCredential),
            ["issuer"] = Profile(content.IssuerDid, content.IssuerName),
            ["validFrom"] = VcDates.Format(content.ValidFrom),
        };
        if (content.ValidUntil is { } validUntil)
            credential["validUntil"] = VcDates.Format(validUntil);
        credential["name"] = content.AchievementName;
        credential["credentialSubject"] = Subject(content);
        credential["evidence"] = new JsonArray(new JsonObject
        {
            ["type"] = new JsonArray("Evidence"),
            ["name"] = EvidenceName,
            ["description"] = DecisionDigestPrefix + content.DecisionDigest,
        });
        credential["credentialStatus"] = new JsonObject
        {
            ["id"] = content.StatusListCredentialUrl + "#" + content.StatusListIndex.ToString(CultureInfo.InvariantCulture),
            ["type"] = StatusEntryType,
            ["statusPurpose"] = StatusList.Revocation,
            ["statusListIndex"] = content.StatusListIndex.ToString(CultureInfo.InvariantCulture),
            ["statusListCredential"] = content.StatusListCredentialUrl,
        };
        return credential;
    }

    /// <summary>Reads the fields an auditor looks up; never throws, whatever the JSON holds.</summary>
    public static CertificateSummary Read(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!JsonRead.IsWellFormed(credential))
            return new CertificateSummary(null, null, null, null, null, null, null, null, null, null);
        var subject = credential["credentialSubject"] as JsonObject;
        var achievement = subject?["achievement"] as JsonObject;
        return new CertificateSummary(
            JsonRead.TextAt(credential, "id"),
            JsonRead.IdOf(credential["issuer"]),
            JsonRead.TextAt(subject, "id"),
            JsonRead.TextAt(subject, "name"),
            JsonRead.TextAt(achievement, "id"),
            JsonRead.TextAt(achievement, "name"),
            DateAt(credential, "validFrom"),
            DateAt(credential, "validUntil"),
            DecisionDigest(credential),
            RevocationEntry(credential),
            (credential["issuer"] as JsonObject) is { } issuer ? JsonRead.TextAt(issuer, "name") : null);
    }

    /// <summary>The credential's revocation entry in a Bitstring Status List, or null when it has none that is well-formed.</summary>
    public static StatusListEntry? RevocationEntry(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!JsonRead.IsWellFormed(credential))
            return null;
        // VC 2.0 allows one status object or an array of them.
        var entries = credential["credentialStatus"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject single => [single],
            _ => [],
        };
        foreach (var entry in entries)
        {
            if (JsonRead.TextAt(entry, "type") != StatusEntryType || JsonRead.TextAt(entry, "statusPurpose") != StatusList.Revocation)
                continue;
            var url = JsonRead.TextAt(entry, "statusListCredential");
            var indexText = JsonRead.TextAt(entry, "statusListIndex");
            if (url is not null && indexText is not null && indexText.All(char.IsAsciiDigit)
                && int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                return new StatusListEntry(url, index);
        }

        return null;
    }

    private static JsonObject Profile(string id, string name) => new()
    {
        ["id"] = id,
        ["type"] = new JsonArray("Profile"),
        ["name"] = name,
    };

    private static JsonObject Subject(CertificateContent content)
    {
        var subject = new JsonObject
        {
            ["id"] = content.SubjectId,
            ["type"] = new JsonArray("AchievementSubject"),
        };
        // The Open Badges context defines name globally; omitted rather than written empty when unknown.
        if (!string.IsNullOrWhiteSpace(content.SubjectName))
            subject["name"] = content.SubjectName;
        subject["achievement"] = new JsonObject
        {
            ["id"] = content.AchievementId,
            ["type"] = new JsonArray("Achievement"),
            ["name"] = content.AchievementName,
            ["description"] = content.AchievementDescription,
            ["criteria"] = new JsonObject { ["narrative"] = content.Criteria },
            ["creator"] = Profile(content.AwardingBodyId, content.AwardingBodyName),
        };
        return subject;
    }

    private static DateTimeOffset? DateAt(JsonObject credential, string name) =>
        VcDates.TryParse(JsonRead.TextAt(credential, name), out var value) ? value : null;

    private static string? DecisionDigest(JsonObject credential)
    {
        var evidence = credential["evidence"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject single => [single],
            _ => [],
        };
        return evidence
            .Select(e => JsonRead.TextAt(e, "description"))
            .FirstOrDefault(d => d?.StartsWith(DecisionDigestPrefix, StringComparison.Ordinal) == true)?[DecisionDigestPrefix.Length..];
    }
}
