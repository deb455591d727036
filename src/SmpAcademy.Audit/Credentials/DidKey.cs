namespace SmpAcademy.Audit.Credentials;

/// <summary>
/// did:key for Ed25519 public keys: the DID is the key itself (multicodec ed25519-pub, base58btc multibase),
/// so anyone can check a signature without asking a server who the issuer is.
/// </summary>
public static class DidKey
{
    public const string Prefix = "did:key:";
    private const int PublicKeyLength = 32;

    // Multicodec ed25519-pub (0xed) as an unsigned varint.
    private static readonly byte[] Ed25519Header = [0xed, 0x01];

    public static string FromEd25519(ReadOnlySpan<byte> publicKey32)
    {
        if (publicKey32.Length != PublicKeyLength)
            throw new ArgumentException($"an Ed25519 public key is {PublicKeyLength} bytes, not {publicKey32.Length}", nameof(publicKey32));
        return Prefix + Multibase.EncodeBase58Btc([.. Ed25519Header, .. publicKey32]);
    }

    /// <summary>
    /// Accepts the bare DID or the DID URL of its verification method (<c>did:key:z6Mk…#z6Mk…</c>,
    /// fragment equal to the key part). False for other key types, lengths, or anything malformed.
    /// </summary>
    public static bool TryParseEd25519(string? did, out byte[] publicKey)
    {
        publicKey = [];
        if (did is null || !did.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var hash = did.IndexOf('#', StringComparison.Ordinal);
        var keyPart = hash < 0 ? did[Prefix.Length..] : did[Prefix.Length..hash];
        if (hash >= 0 && !string.Equals(did[(hash + 1)..], keyPart, StringComparison.Ordinal))
            return false;
        // A 34-byte value is 48 characters in base58; a bound keeps hostile input from costing quadratic time.
        if (keyPart.Length is 0 or > 64 || keyPart[0] != Multibase.Base58BtcPrefix)
            return false;
        byte[] bytes;
        try
        {
            bytes = Multibase.DecodeBase58Btc(keyPart);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length != Ed25519Header.Length + PublicKeyLength || !bytes.AsSpan(0, Ed25519Header.Length).SequenceEqual(Ed25519Header))
            return false;
        publicKey = bytes[Ed25519Header.Length..];
        return true;
    }

    /// <summary>The DID URL of the one verification method a did:key document has: <c>did#keyPart</c>.</summary>
    public static string VerificationMethod(string did)
    {
        if (!TryParseEd25519(did, out _) || did.Contains('#', StringComparison.Ordinal))
            throw new ArgumentException($"{did} is not an Ed25519 did:key", nameof(did));
        return did + "#" + did[Prefix.Length..];
    }

    /// <summary>The DID a DID URL belongs to (the part before any fragment).</summary>
    public static string DidOf(string didUrl)
    {
        ArgumentNullException.ThrowIfNull(didUrl);
        var hash = didUrl.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? didUrl : didUrl[..hash];
    }
}
