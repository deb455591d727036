using NSec.Cryptography;

namespace SmpAcademy.Audit.Keys;

/// <summary>The platform's Ed25519 checkpoint key, kept in the data folder; its public half is published for verifiers to pin.</summary>
public sealed class CheckpointSigner : IDisposable
{
    public const string KeyFileName = "checkpoint-signing.key";
    private readonly Key _key;

    private CheckpointSigner(Key key)
    {
        _key = key;
        PublicKeyHex = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public string PublicKeyHex { get; }

    public static CheckpointSigner Load(string dataDirectory) => new(SigningKeyFile.LoadOrCreate(dataDirectory, KeyFileName));

    public string Sign(byte[] data) => Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, data));

    /// <summary>False for a wrong key, a wrong signature, altered data, or anything that is not hex of the right length.</summary>
    public static bool Verify(string publicKeyHex, byte[] data, string signatureHex) => Ed25519Check.Verify(publicKeyHex, data, signatureHex);

    public void Dispose() => _key.Dispose();
}
