using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmpAcademy.Domain.Audit;

/// <summary>
/// Each event's hash covers the previous event's hash and the event's canonical bytes (stream, version,
/// stored type name, canonical JSON), so editing, deleting, reordering or inserting any event breaks
/// every link after it.
/// </summary>
public static class HashChain
{
    /// <summary>The "previous hash" of a stream's first event.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The link of a domain event, by its catalogued name and canonical JSON.</summary>
    public static string LinkOf(string previousHex, string stream, long version, object @event) =>
        Link(previousHex, stream, version, EventCatalog.NameOf(@event), CanonicalJson.Of(@event));

    /// <param name="canonicalJson">The event's canonical JSON, UTF-8.</param>
    public static string Link(string previousHex, string stream, long version, string eventType, ReadOnlySpan<byte> canonicalJson)
    {
        ArgumentNullException.ThrowIfNull(previousHex);
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{stream}\n{version}\n{eventType}\n"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Convert.FromHexString(previousHex));
        hash.AppendData(header);
        hash.AppendData(canonicalJson);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
