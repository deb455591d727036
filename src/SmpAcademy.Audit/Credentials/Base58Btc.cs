using System.Text;

namespace SmpAcademy.Audit.Credentials;

/// <summary>Base58 with the Bitcoin alphabet, as did:key and Data Integrity proof values use it.</summary>
public static class Base58Btc
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var leadingZeros = 0;
        while (leadingZeros < data.Length && data[leadingZeros] == 0)
            leadingZeros++;
        // Base-256 to base-58 by repeated long division; inputs here are keys and signatures, so quadratic is fine.
        var digits = new List<byte>(data.Length * 138 / 100 + 1);
        foreach (var b in data[leadingZeros..])
        {
            var carry = (int)b;
            for (var i = 0; i < digits.Count; i++)
            {
                carry += digits[i] << 8;
                digits[i] = (byte)(carry % 58);
                carry /= 58;
            }

            for (; carry > 0; carry /= 58)
                digits.Add((byte)(carry % 58));
        }

        var text = new StringBuilder(leadingZeros + digits.Count);
        text.Append('1', leadingZeros);
        for (var i = digits.Count - 1; i >= 0; i--)
            text.Append(Alphabet[digits[i]]);
        return text.ToString();
    }

    /// <exception cref="FormatException">A character outside the alphabet.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var leadingOnes = 0;
        while (leadingOnes < text.Length && text[leadingOnes] == '1')
            leadingOnes++;
        var bytes = new List<byte>(text.Length * 733 / 1000 + 1);
        foreach (var c in text.AsSpan(leadingOnes))
        {
            var carry = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (carry < 0)
                throw new FormatException($"'{c}' is not a base58btc character");
            for (var i = 0; i < bytes.Count; i++)
            {
                carry += bytes[i] * 58;
                bytes[i] = (byte)carry;
                carry >>= 8;
            }

            for (; carry > 0; carry >>= 8)
                bytes.Add((byte)carry);
        }

        var result = new byte[leadingOnes + bytes.Count];
        for (var i = 0; i < bytes.Count; i++)
            result[result.Length - 1 - i] = bytes[i];
        return result;
    }
}
