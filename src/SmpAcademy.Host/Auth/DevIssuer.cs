using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SmpAcademy.Host.Auth;

/// <summary>The development token issuer: an HMAC key created once per data folder.</summary>
public sealed class DevIssuer
{
    public const string Issuer = "smpacademy-dev";
    public const string Audience = "smpacademy";

    private DevIssuer(SymmetricSecurityKey key) => Key = key;

    public SymmetricSecurityKey Key { get; }

    public static DevIssuer Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "dev-signing.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            // Owner-only from the moment it exists: whoever reads it can sign in as anyone.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var file = new FileStream(path, options);
            file.Write(RandomNumberGenerator.GetBytes(32));
        }

        return new DevIssuer(new SymmetricSecurityKey(File.ReadAllBytes(path)));
    }

    /// <param name="body">For auditors: the certification body they audit for.</param>
    public string Mint(string userId, string role, TimeSpan lifetime, DateTimeOffset now, string? body = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(body is null
                ? [new Claim("sub", userId), new Claim("role", role)]
                : [new Claim("sub", userId), new Claim("role", role), new Claim(Caller.BodyClaim, body)]),
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
}
