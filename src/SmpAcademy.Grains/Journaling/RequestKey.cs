using System.Security.Cryptography;
using System.Text;
using SmpAcademy.Domain;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Grains.Journaling;

/// <summary>
/// A client's idempotency key (HTTP's Idempotency-Key header, a hub call's request id): 1 to 100 visible
/// ASCII characters. Retrying a request with its key returns the first answer and records nothing new.
/// </summary>
public readonly record struct RequestKey(string Value)
{
    public const int MaxLength = 100;

    public static readonly Refusal Reused = new(RefusalKind.Conflict, "idempotency-key-reused",
        "this idempotency key was already used for a different request; nothing was recorded — use a new key for a new request");

    /// <summary>Null for no key; a refusal for a malformed one.</summary>
    public static (RequestKey? Key, Refusal? Refusal) Parse(string? value)
    {
        if (value is null)
            return (null, null);
        if (value.Length is 0 or > MaxLength || value.Any(c => c is < '!' or > '~'))
            return (null, new Refusal(RefusalKind.BadInput, "bad-idempotency-key", $"an idempotency key is 1 to {MaxLength} visible ASCII characters"));
        return (new RequestKey(value), null);
    }

    /// <summary>A short digest of what was asked, so a key reused for something else is told apart from a retry.</summary>
    public static string Digest(string request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request)).AsSpan(0, 16));
}
