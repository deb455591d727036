using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmpAcademy.Domain.Audit;

/// <summary>
/// Each event's link is SHA-256 over the previous link and what the event's scheme covers of it (its
/// preimage, <see cref="ChainSchemes"/>), so editing, deleting, reordering or inserting any event breaks
/// every link after it.
/// </summary>
public static class HashChain
{
    /// <summary>The "previous hash" of a stream's first event.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Link(string previousHex, ReadOnlySpan<byte> preimage)
    {
        ArgumentNullException.ThrowIfNull(previousHex);
        Span<byte> input = stackalloc byte[32];
        if (previousHex.Length != 64 || Convert.FromHexString(previousHex, input, out _, out _) != System.Buffers.OperationStatus.Done)
            throw new ArgumentException("a link is 64 hex digits", nameof(previousHex));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(input);
        hash.AppendData(preimage);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Scheme 1's preimage: stream, version and stored type name on lines, then the canonical JSON of the C# event.</summary>
    public static byte[] LegacyPreimage(string stream, long version, string eventType, ReadOnlySpan<byte> canonicalJson)
    {
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{stream}\n{version}\n{eventType}\n"));
        return [.. header, .. canonicalJson];
    }

    /// <summary>A scheme-1 link of a domain event, by its catalogued name and canonical JSON (histories written before scheme 2).</summary>
    public static string LegacyLinkOf(string previousHex, string stream, long version, object @event) =>
        Link(previousHex, LegacyPreimage(stream, version, EventCatalog.NameOf(@event), CanonicalJson.Of(@event)));
}
