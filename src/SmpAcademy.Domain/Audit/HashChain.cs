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

    public static string Link(string previousHex, string stream, long version, string eventType, string canonicalJson)
    {
        ArgumentNullException.ThrowIfNull(previousHex);
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{stream}\n{version}\n{eventType}\n{canonicalJson}"));
        var buffer = new byte[32 + body.Length];
        Convert.FromHexString(previousHex).CopyTo(buffer, 0);
        body.CopyTo(buffer, 32);
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }
}
