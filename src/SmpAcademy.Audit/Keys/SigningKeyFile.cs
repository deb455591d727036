using NSec.Cryptography;

namespace SmpAcademy.Audit.Keys;

/// <summary>An Ed25519 private key kept raw in a file of the data folder: created once, owner-only from the moment it exists, never overwritten.</summary>
public static class SigningKeyFile
{
    public static Key LoadOrCreate(string dataDirectory, string fileName)
    {
        var path = Path.Combine(dataDirectory, fileName);
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        if (File.Exists(path))
            return Key.Import(SignatureAlgorithm.Ed25519, File.ReadAllBytes(path), KeyBlobFormat.RawPrivateKey, parameters);
        Directory.CreateDirectory(dataDirectory);
        var key = Key.Create(SignatureAlgorithm.Ed25519, parameters);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, options))
            file.Write(key.Export(KeyBlobFormat.RawPrivateKey));
        return key;
    }
}
