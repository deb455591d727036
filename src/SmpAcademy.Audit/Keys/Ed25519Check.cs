using NSec.Cryptography;

namespace SmpAcademy.Audit.Keys;

public static class Ed25519Check
{
    /// <summary>False for a wrong key, a wrong signature, altered data, or anything that is not hex of the right length.</summary>
    public static bool Verify(string publicKeyHex, byte[] data, string signatureHex)
    {
        try
        {
            var key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
            return SignatureAlgorithm.Ed25519.Verify(key, data, Convert.FromHexString(signatureHex));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
