using NSec.Cryptography;

namespace SmpAcademy.EventStore.Audit;

/// <summary>The platform's Ed25519 checkpoint key, created once and kept (private key, raw) in the data folder.</summary>
public sealed class CheckpointSigner : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private CheckpointSigner(Key key)
    {
        _key = key;
        PublicKeyHex = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public string PublicKeyHex { get; }

    public static CheckpointSigner Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "checkpoint-signing.key");
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        if (File.Exists(path))
            return new CheckpointSigner(Key.Import(Algorithm, File.ReadAllBytes(path), KeyBlobFormat.RawPrivateKey, parameters));
        Directory.CreateDirectory(dataDirectory);
        var key = Key.Create(Algorithm, parameters);
        File.WriteAllBytes(path, key.Export(KeyBlobFormat.RawPrivateKey));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new CheckpointSigner(key);
    }

    public string Sign(byte[] data) => Convert.ToHexStringLower(Algorithm.Sign(_key, data));

    /// <summary>False for a wrong key, a wrong signature, altered data, or anything that is not hex of the right length.</summary>
    public static bool Verify(string publicKeyHex, byte[] data, string signatureHex)
    {
        try
        {
            var key = PublicKey.Import(Algorithm, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
            return Algorithm.Verify(key, data, Convert.FromHexString(signatureHex));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();
}
