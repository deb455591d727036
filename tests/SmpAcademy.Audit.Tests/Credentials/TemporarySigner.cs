using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Audit.Tests.Credentials;

/// <summary>A credential signer whose key lives in its own temp folder, deleted on dispose.</summary>
internal sealed class TemporarySigner : IDisposable
{
    public TemporarySigner()
    {
        Directory = Path.Combine(Path.GetTempPath(), "smp-credential-keys-" + Guid.NewGuid().ToString("N")[..8]);
        Signer = CredentialSigner.Load(Directory);
    }

    public string Directory { get; }

    public CredentialSigner Signer { get; }

    public void Dispose()
    {
        Signer.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
