namespace SmpAcademy.Audit.Credentials;

/// <summary>
/// Base58 with the Bitcoin alphabet, as did:key and Data Integrity proof values use it, by SimpleBase. Decoding any
/// base58 is quadratic in the text's length, and the text comes from whoever sent the credential: it is capped first.
/// </summary>
public static class Base58Btc
{
    /// <summary>The base58 of 1 KiB; a key is 48 characters and a signature 88, so nothing genuine comes near it.</summary>
    public const int MaxLength = 1_400;

    public static string Encode(ReadOnlySpan<byte> data) => SimpleBase.Base58.Bitcoin.Encode(data);

    /// <exception cref="FormatException">Longer than <see cref="MaxLength"/>, or a character outside the alphabet.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
            throw new FormatException($"a base58btc value of {text.Length:N0} characters: far longer than any key or signature ({MaxLength:N0} at most)");
        try
        {
            return SimpleBase.Base58.Bitcoin.Decode(text);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"not base58btc: {e.Message}", e);
        }
    }
}
