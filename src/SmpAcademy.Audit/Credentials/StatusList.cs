using System.IO.Compression;
using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials;

/// <summary>
/// W3C Bitstring Status List v1.0 for revocation: one bit per certificate, index 0 the most significant
/// bit of the first byte; the list is GZIP-compressed and multibase base64url-encoded.
/// </summary>
public static class StatusList
{
    /// <summary>The spec's minimum of 131,072 entries (16 KB), which is also the size of every list built here.</summary>
    public const int Capacity = 131072;

    public const string Revocation = "revocation";

    /// <summary>How often a list is dated afresh; a revocation reaches every verifier within <see cref="Lifetime"/>.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(15);

    /// <summary>How long a list stays valid: a verifier refuses an older one (stale), so a list from before a revocation stops vouching within this.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private const string ListType = "BitstringStatusList";

    // Far above any list issued here; stops a small hostile GZIP stream from inflating without end.
    private const int MaxDecodedBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The validity of the list served at <paramref name="now"/>: from the start of the current <see cref="Refresh"/>
    /// window (or the latest change, if later), for <see cref="Lifetime"/> from that window's start. Whole seconds, so
    /// the same list is the same bits all through a window.
    /// </summary>
    public static (DateTimeOffset ValidFrom, DateTimeOffset ValidUntil) Window(DateTimeOffset now, DateTimeOffset latestChange)
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / (long)Refresh.TotalSeconds * (long)Refresh.TotalSeconds);
        var changed = DateTimeOffset.FromUnixTimeSeconds(Math.Min(latestChange.ToUnixTimeSeconds(), now.ToUnixTimeSeconds()));
        return (changed > start ? changed : start, start + Lifetime);
    }

    /// <summary>The unsigned BitstringStatusListCredential; sign it with <see cref="CredentialSigner.Sign"/>.</summary>
    public static JsonObject Build(string listUrl, string issuerDid, IEnumerable<int> revokedIndexes, DateTimeOffset validFrom, DateTimeOffset validUntil)
    {
        if (validUntil <= validFrom)
            throw new ArgumentOutOfRangeException(nameof(validUntil), "a list must be valid for some time after validFrom");
        ArgumentNullException.ThrowIfNull(revokedIndexes);
        var bits = new byte[Capacity / 8];
        foreach (var index in revokedIndexes)
        {
            if (index is < 0 or >= Capacity)
                throw new ArgumentOutOfRangeException(nameof(revokedIndexes), $"index {index} is outside 0..{Capacity - 1}");
            bits[index / 8] |= (byte)(0x80 >> (index % 8));
        }

        return new JsonObject
        {
            ["@context"] = new JsonArray(CredentialContexts.VerifiableCredentialsV2),
            ["id"] = listUrl,
            ["type"] = new JsonArray(CredentialContexts.VerifiableCredential, CredentialContexts.BitstringStatusListCredential),
            ["issuer"] = issuerDid,
            ["validFrom"] = VcDates.Format(validFrom),
            ["validUntil"] = VcDates.Format(validUntil),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = listUrl + "#list",
                ["type"] = ListType,
                ["statusPurpose"] = Revocation,
                ["encodedList"] = Multibase.EncodeBase64Url(Compress(bits)),
            },
        };
    }

    /// <summary>
    /// Whether the bit at <paramref name="index"/> is set in a revocation list. Null when the list is malformed,
    /// not for revocation, shorter than the spec's minimum, or the index is out of its range.
    /// Checks the list, not its proof: verify it with <see cref="CredentialVerifier.VerifyStatusList"/> first.
    /// </summary>
    public static bool? IsRevoked(JsonObject statusListCredential, int index)
    {
        ArgumentNullException.ThrowIfNull(statusListCredential);
        if (index < 0 || !JsonRead.IsWellFormed(statusListCredential))
            return null;
        var subject = statusListCredential["credentialSubject"] as JsonObject;
        if (subject is null
            || !JsonRead.Includes(subject["type"], ListType)
            || !JsonRead.Includes(subject["statusPurpose"], Revocation)
            || JsonRead.TextAt(subject, "encodedList") is not { } encodedList
            || Decode(encodedList) is not { } bits
            || bits.Length < Capacity / 8
            || index / 8 >= bits.Length)
            return null;
        return (bits[index / 8] & (0x80 >> (index % 8))) != 0;
    }

    private static byte[] Compress(byte[] bits)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
            gzip.Write(bits);
        return output.ToArray();
    }

    private static byte[]? Decode(string encodedList)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(Multibase.DecodeBase64Url(encodedList)), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxDecodedBytes)
                    return null;
                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            return null;
        }
    }
}
