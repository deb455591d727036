using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>
/// A WebAuthn authenticator in software (ES256, "none" attestation), for the attacks a browser would never let a test
/// make: another site's origin, a signature counter that stays at 0 (as synced passkeys' do), an answer sent twice.
/// It answers the host's options exactly as the WebAuthn Level 3 JSON forms say a browser does.
/// </summary>
internal sealed class SoftPasskey(string origin) : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>Where the browser says the ceremony happened: a phishing page's origin, for one attack.</summary>
    public string Origin { get; set; } = origin;

    /// <summary>Counts signatures up from 1, or keeps 0 like a synced passkey.</summary>
    public bool Counts { get; set; } = true;

    private uint _count;
    private string? _userHandle;

    /// <summary>A new credential for creation options (<c>{ publicKey: … }</c> as the host answers).</summary>
    public JsonObject Create(JsonNode options)
    {
        var publicKey = options["publicKey"]!;
        _userHandle = (string)publicKey["user"]!["id"]!;
        var parameters = _key.ExportParameters(false);
        var cose = new CborWriter(CborConformanceMode.Lax);
        cose.WriteStartMap(5);
        cose.WriteInt32(1); cose.WriteInt32(2); // kty: EC2
        cose.WriteInt32(3); cose.WriteInt32(-7); // alg: ES256
        cose.WriteInt32(-1); cose.WriteInt32(1); // crv: P-256
        cose.WriteInt32(-2); cose.WriteByteString(parameters.Q.X!);
        cose.WriteInt32(-3); cose.WriteByteString(parameters.Q.Y!);
        cose.WriteEndMap();
        var attested = new List<byte>();
        attested.AddRange(new byte[16]); // AAGUID
        attested.Add((byte)(CredentialId.Length >> 8));
        attested.Add((byte)CredentialId.Length);
        attested.AddRange(CredentialId);
        attested.AddRange(cose.Encode());
        var authenticatorData = AuthenticatorData(RpId(publicKey["rp"]?["id"]), 0x45, attested); // UP, UV, AT

        var attestation = new CborWriter(CborConformanceMode.Lax);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt"); attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt"); attestation.WriteStartMap(0); attestation.WriteEndMap();
        attestation.WriteTextString("authData"); attestation.WriteByteString(authenticatorData);
        attestation.WriteEndMap();
        var clientData = ClientData("webauthn.create", (string)publicKey["challenge"]!);
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = B64(clientData),
            ["attestationObject"] = B64(attestation.Encode()),
            ["transports"] = new JsonArray("internal"),
        });
    }

    /// <summary>An assertion for request options, signed with this credential's key.</summary>
    public JsonObject Sign(JsonNode options)
    {
        var publicKey = options["publicKey"]!;
        if (Counts)
            _count++;
        var authenticatorData = AuthenticatorData(RpId(publicKey["rpId"]), 0x05, []); // UP, UV
        var clientData = ClientData("webauthn.get", (string)publicKey["challenge"]!);
        var signature = _key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = B64(clientData),
            ["authenticatorData"] = B64(authenticatorData),
            ["signature"] = B64(signature),
            ["userHandle"] = _userHandle,
        });
    }

    private string RpId(JsonNode? given) => (string?)given ?? new Uri(Origin).Host;

    private byte[] AuthenticatorData(string rpId, byte flags, IEnumerable<byte> rest)
    {
        var count = _count;
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, (byte)(count >> 24), (byte)(count >> 16), (byte)(count >> 8), (byte)count, .. rest];
    }

    private byte[] ClientData(string type, string challenge) =>
        JsonSerializer.SerializeToUtf8Bytes(new { type, challenge, origin = Origin, crossOrigin = false });

    private JsonObject Credential(JsonObject response) => new()
    {
        ["id"] = B64(CredentialId),
        ["rawId"] = B64(CredentialId),
        ["type"] = "public-key",
        ["authenticatorAttachment"] = "platform",
        ["clientExtensionResults"] = new JsonObject(),
        ["response"] = response,
    };

    private static string B64(byte[] bytes) => Base64UrlTextEncoder.Encode(bytes);

    public void Dispose() => _key.Dispose();
}
