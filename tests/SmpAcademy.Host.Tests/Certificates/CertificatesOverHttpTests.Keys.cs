using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Host.Tests.Certificates;

/// <summary>The body is the issuer: each signs with its own did:key, keys rotate, and what an old key signed keeps verifying.</summary>
public partial class CertificatesOverHttpTests
{
    [Test]
    public async Task Each_body_signs_with_its_own_key_and_a_rotated_key_keeps_vouching_for_what_it_signed()
    {
        // Fay's certificate: the guild's key, named as the guild.
        var guildKey = (string)_issued["issuer"]!["id"]!;
        Assert.That((string)_issued["issuer"]!["name"]!, Is.EqualTo("SMP Practitioners' Guild (demo)"));
        var keys = await (await Anonymous().GetAsync("/api/bodies/smp-guild/keys")).JsonAsync(HttpStatusCode.OK);
        Assert.That(keys.AsArray().Select(k => ((string)k!["issuerDid"]!, (bool)k["current"]!)), Does.Contain((guildKey, true)));

        // The board's auditor certifies jon: another body, another key.
        var bea = await SignInAsync("bea", "auditor", "pigment-standards-board");
        await EarnAsync("jon", "pigment-standards-board");
        var jons = (await (await bea.PostAsync("/api/audit/candidates/jon/certificates", null)).JsonAsync(HttpStatusCode.Created)).AsObject();
        Assert.That((string)jons["issuer"]!["id"]!, Is.Not.EqualTo(guildKey));
        Assert.That((string)jons["issuer"]!["name"]!, Is.EqualTo("Pigment Standards Board (demo)"));
        Assert.That((bool)(await VerifyAsync(jons))["valid"]!, Is.True);
        Assert.That(await CliAsync(jons, "--issuer", (string)jons["issuer"]!["id"]!), Is.EqualTo(0), _cliOutput);
        Assert.That(_cliOutput, Does.Contain("by Pigment Standards Board (demo) (did:key:"));

        // One body's key does not vouch for the other's certificates, however well it signs.
        using (var boardKey = CredentialSigner.Load(Path.Combine(DataDirectory, "credential-keys", "pigment-standards-board"), "1.key"))
        {
            var unsigned = _issued.DeepClone().AsObject();
            unsigned.Remove("proof");
            unsigned["issuer"]!["id"] = boardKey.IssuerDid;
            Assert.That(Problems(await VerifyAsync(boardKey.Sign(unsigned, DateTimeOffset.UtcNow))), Has.Some.Contains("which is not a key of smp-guild"));
        }

        // Rotation is for admins; a new key signs from then on, with its own list.
        await (await _gus.PostAsync("/api/bodies/smp-guild/keys", null)).ProblemAsync(HttpStatusCode.Forbidden);
        var rotated = await (await (await SignInAsync("root", "admin")).PostAsync("/api/bodies/smp-guild/keys", null)).JsonAsync(HttpStatusCode.Created);
        Assert.That((string)rotated["issuerDid"]!, Is.Not.EqualTo(guildKey));
        await EarnAsync("kim");
        var kims = (await (await _gus.PostAsync("/api/audit/candidates/kim/certificates", null)).JsonAsync(HttpStatusCode.Created)).AsObject();
        Assert.That((string)kims["issuer"]!["id"]!, Is.EqualTo((string)rotated["issuerDid"]!));
        Assert.That((string)kims["credentialStatus"]!["statusListCredential"]!, Is.EqualTo((string)rotated["statusList"]!));

        // Fay's certificate is handed out again as she holds it, and it and its list still verify.
        var fay = await SignInAsync("fay", "trainee");
        var again = await (await fay.GetAsync($"/api/bodies/smp-guild/certificates/{Id(_issued)}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(again.ToJsonString(), Is.EqualTo(_issued.ToJsonString()));
        Assert.That((bool)(await VerifyAsync(_issued))["valid"]!, Is.True);
        Assert.That(await CliAsync(_issued, "--issuer", guildKey), Is.EqualTo(0), _cliOutput);

        // Revoking kim's certificate sets its bit in the new key's list only.
        await (await _gus.PostAsJsonAsync($"/api/bodies/smp-guild/certificates/{Id(kims)}/revocation", new { reason = "rotation test" })).JsonAsync(HttpStatusCode.NoContent);
        var kimsList = await ListOfAsync(kims);
        var faysList = await ListOfAsync(_issued);
        var kimsBit = OpenBadge.RevocationEntry(kims)!.Index;
        Assert.That((StatusList.IsRevoked(kimsList, kimsBit), StatusList.IsRevoked(faysList, kimsBit)), Is.EqualTo(((bool?)true, (bool?)false)));
        Assert.That(CredentialVerifier.VerifyStatusList(kimsList, DateTimeOffset.UtcNow, [(string)rotated["issuerDid"]!]).Problems, Is.Empty);
        Assert.That(CredentialVerifier.VerifyStatusList(faysList, DateTimeOffset.UtcNow, [guildKey]).Problems, Is.Empty);
    }
}
