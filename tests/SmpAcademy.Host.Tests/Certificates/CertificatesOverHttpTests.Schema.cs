using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SmpAcademy.Host.Tests.Certificates;

/// <summary>The issued certificate against 1EdTech's Open Badges 3.0 AchievementCredential JSON Schema (vendored, see Schema/README.md).</summary>
public partial class CertificatesOverHttpTests
{
    private static readonly Lazy<JsonSchema> AchievementCredentialSchema = new(LoadSchema);

    [Test]
    public void The_vendored_schema_is_a_valid_draft_2019_09_schema()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var results = MetaSchemas.Draft201909.Evaluate(document.RootElement, Strict);
        Assert.That(results.IsValid, Is.True, Failures(results));
        Assert.That((string?)JsonNode.Parse(File.ReadAllText(SchemaPath))!["title"], Is.EqualTo("JSON Schema for the AchievementCredential class."));
    }

    [Test]
    public async Task The_certificate_meets_the_open_badges_achievement_credential_schema()
    {
        await EarnAsync("ona");
        var fresh = (await (await _gus.PostAsync("/api/audit/candidates/ona/certificates", null)).JsonAsync(System.Net.HttpStatusCode.Created)).AsObject();
        foreach (var (name, certificate) in new[] { ("fay's", _issued), ("ona's", fresh) })
        {
            var results = Check(certificate);
            Assert.That(results.IsValid, Is.True, $"{name} certificate: {Failures(results)}");
        }

        // The check can fail, and says where: each of these is a shape the schema refuses.
        var refusals = new (string What, Action<JsonObject> Change, string Where)[]
        {
            ("a single proof object (the shape before proof sets)", c => c["proof"] = c["proof"]![0]!.DeepClone(), "/proof"),
            ("no validFrom", c => c.Remove("validFrom"), ""),
            ("an achievement without criteria", c => c["credentialSubject"]!["achievement"]!.AsObject().Remove("criteria"), "/credentialSubject/achievement"),
            ("the VC 1.1 context first", c => c["@context"]![0] = "https://www.w3.org/2018/credentials/v1", "/@context/0"),
            ("a validFrom that is not a date-time", c => c["validFrom"] = "yesterday", "/validFrom"),
        };
        foreach (var (what, change, where) in refusals)
        {
            var broken = _issued.DeepClone().AsObject();
            change(broken);
            var results = Check(broken);
            Assert.That(results.IsValid, Is.False, what);
            Assert.That((results.Details ?? []).Where(d => !d.IsValid && d.Errors is not null).Select(d => d.InstanceLocation.ToString()), Does.Contain(where), $"{what}: {Failures(results)}");
        }
    }

    private static string SchemaPath => Path.Combine(AppContext.BaseDirectory, "Certificates", "Schema", "ob_v3p0_achievementcredential_schema.json");

    /// <summary>Formats are asserted, not just annotated (as ajv-formats does for 1EdTech's validator).</summary>
    private static readonly EvaluationOptions Strict = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private static JsonSchema LoadSchema() => JsonSchema.FromText(File.ReadAllText(SchemaPath));

    private static EvaluationResults Check(JsonObject certificate)
    {
        using var document = JsonDocument.Parse(certificate.ToJsonString());
        return AchievementCredentialSchema.Value.Evaluate(document.RootElement, Strict);
    }

    private static string Failures(EvaluationResults results) => string.Join("; ",
        (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));
}
