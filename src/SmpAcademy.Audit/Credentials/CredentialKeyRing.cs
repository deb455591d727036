using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SmpAcademy.Audit.Credentials;

/// <summary>A certification body's signing key: its number (from 1, in the order they were made) and identity.</summary>
public sealed record BodyKey(string BodyId, int Number, string IssuerDid, bool Current);

/// <summary>
/// Every credential key of the platform, in the data folder: each certification body signs with its own Ed25519 key
/// (a did:key), kept under <c>credential-keys/{body}/{number}.key</c>. Rotating makes a new key current; the old ones
/// stay, since the certificates they signed are handed out again with them, and keep verifying. The platform's one
/// key from before bodies had their own (<see cref="CredentialSigner.KeyFileName"/>) is kept for the same reason.
/// </summary>
public sealed partial class CredentialKeyRing : IDisposable
{
    private const string Folder = "credential-keys";
    private readonly string _root;
    private readonly CredentialSigner _platform;
    private readonly ConcurrentDictionary<(string Body, int Number), CredentialSigner> _loaded = new();
    private readonly Lock _rotating = new();

    private CredentialKeyRing(string dataDirectory)
    {
        _root = Path.Combine(dataDirectory, Folder);
        _platform = CredentialSigner.Load(dataDirectory);
    }

    public static CredentialKeyRing Load(string dataDirectory) => new(dataDirectory);

    /// <summary>The key that signed certificates before bodies had their own.</summary>
    public CredentialSigner Platform => _platform;

    /// <summary>The body's current key and its number; its first key is made on first use.</summary>
    public (CredentialSigner Signer, int Number) Current(string bodyId)
    {
        var numbers = Numbers(bodyId);
        return numbers.Count == 0 ? Make(bodyId, 1) : (Signer(bodyId, numbers[^1])!, numbers[^1]);
    }

    /// <summary>Makes a new key current for the body and returns it; certificates signed before keep their key.</summary>
    public BodyKey Rotate(string bodyId)
    {
        lock (_rotating)
        {
            var numbers = Numbers(bodyId);
            var (signer, number) = Make(bodyId, numbers.Count == 0 ? 1 : numbers[^1] + 1);
            return new BodyKey(bodyId, number, signer.IssuerDid, Current: true);
        }
    }

    /// <summary>The body's keys, oldest first.</summary>
    public IReadOnlyList<BodyKey> Keys(string bodyId)
    {
        var numbers = Numbers(bodyId);
        return [.. numbers.Select(n => new BodyKey(bodyId, n, Signer(bodyId, n)!.IssuerDid, n == numbers[^1]))];
    }

    /// <summary>The body's key with that number, or null.</summary>
    public CredentialSigner? Signer(string bodyId, int number)
    {
        if (_loaded.TryGetValue((bodyId, number), out var signer))
            return signer;
        var file = Path.Combine(BodyFolder(bodyId), FileName(number));
        return File.Exists(file) ? _loaded.GetOrAdd((bodyId, number), _ => CredentialSigner.Load(BodyFolder(bodyId), FileName(number))) : null;
    }

    /// <summary>The key behind an issuer DID: the platform's, or one of the body's.</summary>
    public CredentialSigner? ByDid(string bodyId, string issuerDid) =>
        issuerDid == _platform.IssuerDid ? _platform : Numbers(bodyId).Select(n => Signer(bodyId, n)).FirstOrDefault(s => s!.IssuerDid == issuerDid);

    private (CredentialSigner Signer, int Number) Make(string bodyId, int number)
    {
        // CreateNew underneath: two hosts making the same number cannot both write it; the loser loads the winner's,
        // once its 32 bytes are written.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (_loaded.GetOrAdd((bodyId, number), _ => CredentialSigner.Load(BodyFolder(bodyId), FileName(number))), number);
            }
            catch (Exception e) when (attempt < 20 && e is IOException or FormatException && File.Exists(Path.Combine(BodyFolder(bodyId), FileName(number))))
            {
                Thread.Sleep(50);
            }
        }
    }

    private List<int> Numbers(string bodyId)
    {
        var folder = BodyFolder(bodyId);
        if (!Directory.Exists(folder))
            return [];
        return [.. Directory.EnumerateFiles(folder, "*.key")
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0).Order()];
    }

    private string BodyFolder(string bodyId) =>
        BodyIdShape().IsMatch(bodyId) ? Path.Combine(_root, bodyId) : throw new ArgumentException($"not a body id: {bodyId}", nameof(bodyId));

    private static string FileName(int number) => number.ToString(CultureInfo.InvariantCulture) + ".key";

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,39}\z")]
    private static partial Regex BodyIdShape();

    public void Dispose()
    {
        _platform.Dispose();
        foreach (var signer in _loaded.Values)
            signer.Dispose();
    }
}
