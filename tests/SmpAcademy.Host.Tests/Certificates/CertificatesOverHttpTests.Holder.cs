using System.Net;
using System.Net.Http.Json;
using SmpAcademy.Host.Certificates;

namespace SmpAcademy.Host.Tests.Certificates;

/// <summary>The holder's side: her certificates listed for her alone, a verification link anyone can open, and its QR code.</summary>
public partial class CertificatesOverHttpTests
{
    [Test]
    public async Task The_holder_lists_her_certificates_and_no_one_else_can()
    {
        var fay = await SignInAsync("fay", "trainee");
        var held = await (await fay.GetAsync("/api/trainees/fay/certificates")).JsonAsync(HttpStatusCode.OK);
        var mine = held.AsArray().Single(c => (string)c!["credentialId"]! == Id(_issued))!;
        Assert.That((string)mine["bodyName"]!, Is.EqualTo("SMP Practitioners' Guild (demo)"));
        Assert.That((string)mine["achievementName"]!, Is.EqualTo("Mini certificate (tests)"));
        Assert.That((string)mine["verificationLink"]!, Is.EqualTo(new Uri(BaseAddress, $"/verify.html?body=smp-guild&certificate={Id(_issued)}").AbsoluteUri));
        var download = await (await fay.GetAsync((string)mine["download"]!)).JsonAsync(HttpStatusCode.OK);
        Assert.That(download.ToJsonString(), Is.EqualTo(_issued.ToJsonString()), "the download is the credential, bit for bit");

        await (await (await SignInAsync("eve", "trainee")).GetAsync("/api/trainees/fay/certificates")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await _gus.GetAsync("/api/trainees/fay/certificates")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((await Anonymous().GetAsync("/api/trainees/fay/certificates")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var eves = await (await (await SignInAsync("eve", "trainee")).GetAsync("/api/trainees/eve/certificates")).JsonAsync(HttpStatusCode.OK);
        Assert.That(eves.AsArray(), Is.Empty);
    }

    [Test]
    public async Task A_shared_link_shows_anyone_the_body_achievement_criteria_date_and_fresh_revocation_status()
    {
        var link = $"/api/bodies/smp-guild/certificates/{Id(_issued)}";
        var shown = await (await Anonymous().GetAsync(link + "/verification")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((bool)shown["valid"]!, (bool)shown["revoked"]!), Is.EqualTo((true, false)), shown.ToJsonString());
        Assert.That((string)shown["bodyName"]!, Is.EqualTo("SMP Practitioners' Guild (demo)"));
        Assert.That((string)shown["achievementName"]!, Is.EqualTo("Mini certificate (tests)"));
        Assert.That((string)shown["awardedTo"]!, Is.EqualTo("fay"));
        Assert.That((string)shown["criteria"]!, Does.Contain("instructor sign-offs"));
        Assert.That((string)shown["issuerDid"]!, Is.EqualTo((string)_issued["issuer"]!["id"]!));
        Assert.That(DateTimeOffset.Parse((string)shown["statusListValidUntil"]!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(DateTimeOffset.UtcNow));

        // Revoked: the link says so, with the reason.
        await EarnAsync("lea");
        var leas = (await (await _gus.PostAsync("/api/audit/candidates/lea/certificates", null)).JsonAsync(HttpStatusCode.Created)).AsObject();
        await (await _gus.PostAsJsonAsync($"/api/bodies/smp-guild/certificates/{Id(leas)}/revocation", new { reason = "shared-link test" })).JsonAsync(HttpStatusCode.NoContent);
        var revoked = await (await Anonymous().GetAsync($"/api/bodies/smp-guild/certificates/{Id(leas)}/verification")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((bool)revoked["valid"]!, (bool)revoked["revoked"]!, (string?)revoked["revocationReason"]), Is.EqualTo((false, true, "shared-link test")));

        await (await Anonymous().GetAsync($"/api/bodies/smp-guild/certificates/{Guid.NewGuid()}/verification")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Anonymous().GetAsync($"/api/bodies/no-such-body/certificates/{Id(_issued)}/verification")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_printed_QR_code_holds_the_verification_link_under_the_public_address_whatever_the_Host_header()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Host = "evil.example";
        var response = await client.GetAsync($"/api/bodies/smp-guild/certificates/{Id(_issued)}/qr.svg");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/svg+xml"));
        var svg = await response.Content.ReadAsStringAsync();
        Assert.That(svg, Does.StartWith("<svg").Or.StartWith("<?xml"));
        Assert.That(svg, Is.EqualTo(HolderEndpoints.QrSvg(new Uri(BaseAddress, $"/verify.html?body=smp-guild&certificate={Id(_issued)}").AbsoluteUri)));
        Assert.That(svg, Is.Not.EqualTo(HolderEndpoints.QrSvg($"http://evil.example/verify.html?body=smp-guild&certificate={Id(_issued)}")));
        await (await Anonymous().GetAsync($"/api/bodies/smp-guild/certificates/{Guid.NewGuid()}/qr.svg")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
