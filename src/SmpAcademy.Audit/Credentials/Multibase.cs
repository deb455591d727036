using System.Buffers.Text;

namespace SmpAcademy.Audit.Credentials;

/// <summary>The two multibase encodings the credential specs use: 'z' base58btc and 'u' base64url without padding.</summary>
public static class Multibase
{
    public const char Base58BtcPrefix = 'z';
    public const char Base64UrlPrefix = 'u';

    public static string EncodeBase58Btc(ReadOnlySpan<byte> data) => Base58BtcPrefix + Base58Btc.Encode(data);

    public static string EncodeBase64Url(ReadOnlySpan<byte> data) => Base64UrlPrefix + Base64Url.EncodeToString(data);

    /// <exception cref="FormatException">Not 'z' followed by base58btc.</exception>
    public static byte[] DecodeBase58Btc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[0] != Base58BtcPrefix)
            throw new FormatException("not a base58btc multibase value (no 'z' prefix)");
        return Base58Btc.Decode(text[1..]);
    }

    /// <exception cref="FormatException">Not 'u' followed by unpadded base64url.</exception>
    public static byte[] DecodeBase64Url(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[0] != Base64UrlPrefix)
            throw new FormatException("not a base64url multibase value (no 'u' prefix)");
        var body = text.AsSpan(1);
        // The decoder would skip whitespace and accept padding; the encoding allows neither.
        foreach (var c in body)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
                throw new FormatException($"'{c}' is not an unpadded base64url character");
        }

        if (body.Length % 4 == 1)
            throw new FormatException("base64url text of impossible length");
        return Base64Url.DecodeFromChars(body);
    }

    /// <summary>Decodes either encoding, chosen by the prefix.</summary>
    /// <exception cref="FormatException">An unknown prefix or a malformed body.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] == Base64UrlPrefix ? DecodeBase64Url(text) : DecodeBase58Btc(text);
    }
}
