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

    public static string Link(string previousHex, ReadOnlySpan<byte> preimage) => Link(previousHex, [], preimage);

    /// <summary>SHA-256 over the previous link's 32 bytes, then <paramref name="prefix"/>, then <paramref name="preimage"/>.</summary>
    public static string Link(string previousHex, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> preimage)
    {
        ArgumentNullException.ThrowIfNull(previousHex);
        // One buffer and a one-shot hash: an IncrementalHash per link cost as much as the hashing (1M links per audit).
        var length = 32 + prefix.Length + preimage.Length;
        var rented = length > 1024 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        var input = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        try
        {
            if (previousHex.Length != 64 || Convert.FromHexString(previousHex, input[..32], out _, out _) != System.Buffers.OperationStatus.Done)
                throw new ArgumentException("a link is 64 hex digits", nameof(previousHex));
            prefix.CopyTo(input[32..]);
            preimage.CopyTo(input[(32 + prefix.Length)..]);
            Span<byte> link = stackalloc byte[32];
            SHA256.HashData(input, link);
            return Convert.ToHexStringLower(link);
        }
        finally
        {
            if (rented is not null)
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
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
