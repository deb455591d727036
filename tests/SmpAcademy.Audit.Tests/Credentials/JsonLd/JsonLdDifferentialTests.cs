using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials.JsonLd;
using SmpAcademy.Audit.Credentials.Rdf;
using SmpAcademy.Testing;

namespace SmpAcademy.Audit.Tests.Credentials.JsonLd;

/// <summary>
/// JSON-LD expansion, and JSON-LD to RDF then RDFC-1.0, checked against npm jsonld 9 (safe mode) with rdf-canonize on
/// the same documents: generated credentials the platform builds, and documents both must refuse.
/// </summary>
public sealed class JsonLdDifferentialTests
{
    private static readonly string[] Refused =
    [
        // Relative IRIs: the creator id the issue found, and a relative credential id.
        """{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"type":["VerifiableCredential","OpenBadgeCredential"],"credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"urn:a","type":["Achievement"],"creator":{"id":"smp-guild","type":["Profile"]}}}}""",
        """{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"certificates/1","type":["VerifiableCredential"]}""",
        // A term no context defines.
        """{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"credentialSubject":{"id":"urn:s","favouriteColour":"blue"}}""",
        // A context that is not held (nothing is fetched).
        """{"@context":["https://www.w3.org/ns/credentials/v2","https://evil.example/context.json"],"type":["VerifiableCredential"]}""",
        // A protected term redefined.
        """{"@context":["https://www.w3.org/ns/credentials/v2",{"name":"https://evil.example/name"}],"type":["VerifiableCredential"],"name":"x"}""",
    ];

    private static async Task<JsonArray> ReferenceAsync(IEnumerable<JsonNode> documents)
    {
        Interop.Require("jsonld");
        var file = Path.Combine(Path.GetTempPath(), $"smp-jsonld-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new JsonArray([.. documents.Select(d => d.DeepClone())]).ToJsonString());
        try
        {
            var (exit, output, errors) = await Interop.NodeAsync("jsonld-canonize.mjs", file);
            Assert.That(exit, Is.Zero, errors);
            return JsonNode.Parse(output)!.AsArray();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Generated_credentials_expand_as_npm_jsonld_expands_them()
    {
        var documents = GeneratedCredentials.Generate(60, seed: 2212).ToArray();
        var reference = await ReferenceAsync(documents);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < documents.Length; i++)
            {
                Assert.That(reference[i]!["error"], Is.Null, $"document {i} is refused by jsonld: {reference[i]!["error"]}");
                var ours = JsonLdRdf.Expand(documents[i]);
                Assert.That(JsonNode.DeepEquals(ours, reference[i]!["expanded"]), Is.True,
                    $"document {i}:\nours   {ours.ToJsonString()}\njsonld {reference[i]!["expanded"]?.ToJsonString()}");
            }
        });
    }

    [Test]
    public async Task Generated_credentials_canonicalize_to_the_bytes_jsonld_and_rdf_canonize_give()
    {
        var documents = GeneratedCredentials.Generate(60, seed: 3107).ToArray();
        var reference = await ReferenceAsync(documents);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < documents.Length; i++)
            {
                Assert.That(reference[i]!["error"], Is.Null, $"document {i} is refused by jsonld: {reference[i]!["error"]}");
                Assert.That(Rdfc10.Canonicalize(JsonLdRdf.ToDataset(documents[i])), Is.EqualTo((string?)reference[i]!["canonical"]), $"document {i}");
            }
        });
    }

    [Test]
    public async Task What_npm_jsonld_refuses_in_safe_mode_is_refused_here()
    {
        var documents = Refused.Select(d => JsonNode.Parse(d)!).ToArray();
        var reference = await ReferenceAsync(documents);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < documents.Length; i++)
            {
                Assert.That(reference[i]!["error"], Is.Not.Null, $"jsonld accepts document {i}");
                Assert.That(() => JsonLdRdf.ToDataset(documents[i]), Throws.InstanceOf<JsonLdException>(), $"document {i}");
            }
        });
    }
}
