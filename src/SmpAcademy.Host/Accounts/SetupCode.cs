using System.Security.Cryptography;
using System.Text;
using Marten;

namespace SmpAcademy.Host.Accounts;

/// <summary>
/// The one-time code that makes the first admin of a fresh install. While no admin account exists, each start makes a
/// new random code, prints it in the banner and writes it, owner-only, to <c>setup-code</c> in the data folder; using
/// it (<c>POST /auth/setup</c>) makes the admin, deletes the file and ends setup for good. Only its hash is kept.
/// </summary>
public sealed class SetupCode(IDocumentStore store, IConfiguration configuration) : IHostedService
{
    /// <summary>Marks that the first admin exists; inserting it twice fails, so two hosts cannot both run setup.</summary>
    public sealed class FirstAdmin
    {
        public const string Key = "first-admin";

        public string Id { get; set; } = Key;

        public string AdminId { get; set; } = "";

        public DateTimeOffset At { get; set; }
    }

    private byte[]? _hash;

    /// <summary>The code to print, while setup is open on this host; null once an admin exists.</summary>
    public string? Code { get; private set; }

    public string FilePath => Path.Combine(Hosting.HostDatabase.DataDirectory(configuration), "setup-code");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<FirstAdmin>(FirstAdmin.Key, cancellationToken) is not null)
        {
            File.Delete(FilePath);
            return;
        }

        // 20 characters of base32 (100 bits), in groups a person can copy.
        var raw = SimpleBase.Base32.Crockford.Encode(RandomNumberGenerator.GetBytes(13))[..20];
        Code = string.Join('-', raw.Chunk(5).Select(c => new string(c)));
        _hash = Hash(Code);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.Delete(FilePath);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var file = new FileStream(FilePath, options);
        await file.WriteAsync(Encoding.ASCII.GetBytes(Code + "\n"), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether this is the code (any case, dashes optional), compared in constant time.</summary>
    public bool Matches(string? offered) =>
        _hash is { } hash && offered is { Length: > 0 and < 100 } && CryptographicOperations.FixedTimeEquals(hash, Hash(offered));

    /// <summary>Setup is over: forget the code and remove its file.</summary>
    public void Close()
    {
        (_hash, Code) = (null, null);
        File.Delete(FilePath);
    }

    private static byte[] Hash(string code) => SHA256.HashData(Encoding.ASCII.GetBytes(code.Replace("-", "", StringComparison.Ordinal).Trim().ToUpperInvariant()));
}
