using System.Text.Json;
using Marten.Schema;
using Microsoft.AspNetCore.Identity;

namespace SmpAcademy.Host.Accounts;

/// <summary>
/// A WebAuthn passkey of an account: the public key and counters Identity's passkey handler checks. One document per
/// credential, keyed by its id, so a sign-in finds the passkey (and its account) in one primary-key read.
/// </summary>
public sealed class Passkey
{
    /// <summary>The credential id, base64url.</summary>
    public string Id { get; set; } = "";

    [DuplicateField]
    public string UserId { get; set; } = "";

    public string Name { get; set; } = "";

    public byte[] PublicKey { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public uint SignCount { get; set; }

    public string[]? Transports { get; set; }

    public bool IsUserVerified { get; set; }

    public bool IsBackupEligible { get; set; }

    public bool IsBackedUp { get; set; }

    public byte[] AttestationObject { get; set; } = [];

    public byte[] ClientDataJson { get; set; } = [];

    public UserPasskeyInfo ToInfo() => new(Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Decode(Id), PublicKey, CreatedAt, SignCount, Transports,
        IsUserVerified, IsBackupEligible, IsBackedUp, AttestationObject, ClientDataJson)
    { Name = Name };
}

/// <summary>The options a browser passes to <c>navigator.credentials</c> (<c>PublicKeyCredential.parse…OptionsFromJSON</c>).</summary>
public sealed record PasskeyOptions(JsonElement PublicKey);

/// <summary>A new passkey: the browser's credential (<c>PublicKeyCredential.toJSON()</c>) and a name to know it by.</summary>
public sealed record PasskeyRegistration(JsonElement Credential, string? Name = null);

/// <summary>A passkey sign-in: the browser's assertion (<c>PublicKeyCredential.toJSON()</c>).</summary>
public sealed record PasskeySignIn(JsonElement Credential);

/// <summary>A passkey as its owner lists it: never its key.</summary>
public sealed record PasskeyView(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public static PasskeyView Of(Passkey passkey)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        return new(passkey.Id, passkey.Name, passkey.CreatedAt, passkey.LastUsedAt);
    }
}
