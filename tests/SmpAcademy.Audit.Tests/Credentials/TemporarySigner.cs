using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Audit.Tests.Credentials;

/// <summary>A credential signer whose key lives in its own temp folder, deleted on dispose.</summary>
internal sealed class TemporarySigner : IDisposable
{
    public TemporarySigner()
    {
        Directory = Path.Combine(Path.GetTempPath(), "smp-credential-keys-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Signer = CredentialSigner.Load(Directory);
        }
        catch
        {
            // A failing Load must not leave a private key behind in the temp folder.
            if (System.IO.Directory.Exists(Directory))
                System.IO.Directory.Delete(Directory, recursive: true);
            throw;
        }
    }

    public string Directory { get; }

    public CredentialSigner Signer { get; }

    public void Dispose()
    {
        Signer.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
