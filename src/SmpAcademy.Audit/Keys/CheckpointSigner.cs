using NSec.Cryptography;

namespace SmpAcademy.Audit.Keys;

/// <summary>The platform's Ed25519 checkpoint key, kept in the data folder; its public half is published for verifiers to pin.</summary>
public sealed class CheckpointSigner : IDisposable
{
    public const string KeyFileName = "checkpoint-signing.key";
    public const string MemoryFileName = "checkpoint-last-signed.txt";
    private readonly Key _key;
    private readonly string _memory;

    private CheckpointSigner(Key key, string dataDirectory)
    {
        _key = key;
        _memory = Path.Combine(dataDirectory, MemoryFileName);
        PublicKeyHex = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public string PublicKeyHex { get; }

    public static CheckpointSigner Load(string dataDirectory) => new(SigningKeyFile.LoadOrCreate(dataDirectory, KeyFileName), dataDirectory);

    /// <summary>
    /// The checkpoint this key last signed (number and signature), kept beside the key and out of the database's reach: a
    /// database whose checkpoints were truncated or rolled back no longer holds it, and the next signing says so.
    /// </summary>
    public (long Id, string Signature)? LastSigned
    {
        get
        {
            var parts = File.Exists(_memory) ? File.ReadAllText(_memory).Split(' ', StringSplitOptions.TrimEntries) : [];
            return parts.Length == 2 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var id) ? (id, parts[1]) : null;
        }
    }

    /// <summary>Records a checkpoint as signed, replacing the file whole (never half-written).</summary>
    public void Remember(long id, string signature)
    {
        var next = _memory + "." + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(next, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id} {signature}\n"));
        File.Move(next, _memory, overwrite: true);
    }

    public string Sign(byte[] data) => Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, data));

    /// <summary>False for a wrong key, a wrong signature, altered data, or anything that is not hex of the right length.</summary>
    public static bool Verify(string publicKeyHex, byte[] data, string signatureHex) => Ed25519Check.Verify(publicKeyHex, data, signatureHex);

    public void Dispose() => _key.Dispose();
}
