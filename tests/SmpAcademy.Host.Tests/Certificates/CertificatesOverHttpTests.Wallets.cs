using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Certificates;

/// <summary>The issued certificate and its status list as wallets and third-party verifiers read them: freshness, the right list, JSON-LD.</summary>
public partial class CertificatesOverHttpTests
{
    [Test]
    public async Task A_stale_list_or_another_bodys_list_does_not_vouch_for_a_certificate()
    {
        var served = await ListOfAsync(_issued);
        var (validFrom, validUntil) = (DateTimeOffset.Parse((string)served["validFrom"]!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse((string)served["validUntil"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(validUntil - validFrom, Is.LessThanOrEqualTo(StatusList.Lifetime).And.GreaterThan(TimeSpan.Zero));
        Assert.That(validUntil, Is.GreaterThan(DateTimeOffset.UtcNow));

        // The list as the host served it an hour ago, signed with the body's own key: well signed, and stale.
        using var hostKey = CredentialSigner.Load(Path.Combine(DataDirectory, "credential-keys", "smp-guild"), "1.key");
        var hourAgo = StatusList.Window(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UnixEpoch);
        var stale = hostKey.Sign(StatusList.Build((string)served["id"]!, hostKey.IssuerDid, [], hourAgo.ValidFrom, hourAgo.ValidUntil), hourAgo.ValidFrom);
        Assert.That(await CliWithListAsync(_issued, stale), Is.EqualTo(1), _cliOutput);
        Assert.That(_cliOutput, Does.Contain($"status list: stale: the list was valid until {(string)stale["validUntil"]!}"));

        // Another list, even one well signed by the platform, is refused, not read for this certificate's bit.
        var other = (await (await Anonymous().GetAsync("/api/bodies/pigment-standards-board/status-list")).JsonAsync(HttpStatusCode.OK)).AsObject();
        Assert.That(await CliWithListAsync(_issued, other), Is.EqualTo(1), _cliOutput);
        Assert.That(_cliOutput, Does.Contain("not this certificate's"));

        Assert.That(await CliWithListAsync(_issued, served), Is.EqualTo(0), _cliOutput);
        Assert.That(_cliOutput, Does.Contain($"valid until {(string)served["validUntil"]!}"));
    }

    [Test]
    public async Task Json_ld_expansion_in_safe_mode_as_wallets_do_it_takes_the_certificate_and_its_status_list()
    {
        var list = await ListOfAsync(_issued);
        foreach (var (name, document) in new[] { ("certificate", _issued), ("status list", list) })
        {
            var (exit, expanded, errors) = await ExpandAsync(document);
            Assert.That(exit, Is.Zero, $"{name}: {errors}");
            Assert.That(JsonNode.Parse(expanded), Is.TypeOf<JsonArray>().And.Count.EqualTo(1), name);
        }

        // The check can fail: a certificate of the older shape, with the body's bare id as its creator, is refused.
        var older = _issued.DeepClone().AsObject();
        older["credentialSubject"]!["achievement"]!["creator"]!["id"] = "smp-guild";
        var refused = await ExpandAsync(older);
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.Output);
        Assert.That(refused.Errors, Does.Contain("relative @id reference"));
    }

    [Test]
    public async Task The_digital_credentials_consortiums_verifier_accepts_the_certificate_and_then_sees_it_revoked()
    {
        await EarnAsync("una");
        var issued = (await (await _gus.PostAsync("/api/audit/candidates/una/certificates", null)).JsonAsync(HttpStatusCode.Created)).AsObject();

        var before = await VerifierCoreAsync(issued);
        Assert.That(before["errors"], Is.Null, before.ToJsonString());
        Assert.That(Step(before, "valid_signature"), Is.True, before.ToJsonString());
        Assert.That(Step(before, "revocation_status"), Is.True, before.ToJsonString());
        Assert.That(Step(before, "expiration"), Is.True, before.ToJsonString());

        await (await _gus.PostAsJsonAsync($"/api/bodies/smp-guild/certificates/{Id(issued)}/revocation", new { reason = "checked by a wallet" }))
            .JsonAsync(HttpStatusCode.NoContent);
        var after = await VerifierCoreAsync(issued);
        Assert.That(Step(after, "valid_signature"), Is.True, after.ToJsonString());
        Assert.That(Step(after, "revocation_status"), Is.False, after.ToJsonString());
        TestContext.Out.WriteLine($"verifier-core, valid:\n{before.ToJsonString(Indented)}\nverifier-core, revoked:\n{after.ToJsonString(Indented)}");

        // The check can fail: one changed letter and the signature is refused.
        var altered = issued.DeepClone().AsObject();
        altered["credentialSubject"]!["name"] = "una-altered";
        var forged = await VerifierCoreAsync(altered);
        Assert.That(forged["errors"]?.ToJsonString(), Does.Contain("invalid_signature"), forged.ToJsonString());
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Whether verifier-core's log says this check passed (null when it did not run it).</summary>
    private static bool? Step(JsonNode result, string id) =>
        result["log"]?.AsArray().FirstOrDefault(entry => (string?)entry?["id"] == id)?["valid"]?.GetValue<bool>();

    private static async Task<JsonNode> VerifierCoreAsync(JsonObject credential)
    {
        Interop.Require("@digitalcredentials/verifier-core");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, credential.ToJsonString());
            var (exit, output, errors) = await Interop.NodeAsync("verifier-core.mjs", file);
            Assert.That(exit, Is.Zero, errors);
            return JsonNode.Parse(output)!;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> ExpandAsync(JsonObject document)
    {
        Interop.Require("jsonld");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, document.ToJsonString());
            return await Interop.NodeAsync("jsonld-expand.mjs", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<int> CliWithListAsync(JsonObject credential, JsonObject statusList)
    {
        var list = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(list, statusList.ToJsonString());
            return await CliAsync(credential, "--status-list", list);
        }
        finally
        {
            File.Delete(list);
        }
    }
}
