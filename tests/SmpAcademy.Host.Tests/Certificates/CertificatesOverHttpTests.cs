using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Host.Tests.Certificates;

/// <summary>A body's auditor certifies a candidate who meets every requirement; anyone can verify; forged, altered and revoked certificates fail.</summary>
public partial class CertificatesOverHttpTests : HostFixture
{
    private readonly string _curriculum = MiniCurriculum.Create();
    private HttpClient _gus = null!;
    private JsonObject _issued = null!;

    protected override string CurriculumDirectory => _curriculum;

    /// <summary>Over real sockets, so <c>smp cert verify</c> can fetch the status list from the URL in the certificate.</summary>
    protected override bool OnKestrel => true;

    [OneTimeSetUp]
    public async Task FayEarnsHerCertificate()
    {
        _gus = await SignInAsync("gus", "auditor", "smp-guild");
        await EarnAsync("fay");
        await (await _gus.PostAsync("/api/audit/candidates/nobody/certificates", null)).ProblemAsync(HttpStatusCode.Forbidden);
        var response = await _gus.PostAsync("/api/audit/candidates/fay/certificates", null);
        _issued = (await response.JsonAsync(HttpStatusCode.Created)).AsObject();
        Assert.That(response.Headers.Location?.ToString(), Does.StartWith("/api/bodies/smp-guild/certificates/"));
    }

    [OneTimeTearDown]
    public void RemoveCurriculum() => Directory.Delete(_curriculum, recursive: true);

    [Test]
    public async Task An_issued_certificate_is_an_open_badge_that_verifies_and_is_handed_out_again_bit_for_bit()
    {
        Assert.That(_issued["type"]!.AsArray().Select(t => (string)t!), Is.EqualTo(new[] { "VerifiableCredential", "OpenBadgeCredential" }));
        Assert.That((string)_issued["credentialSubject"]!["achievement"]!["name"]!, Is.EqualTo("Mini certificate (tests)"));
        Assert.That((string)_issued["proof"]![0]!["cryptosuite"]!, Is.EqualTo("eddsa-rdfc-2022"));

        var verdict = await VerifyAsync(_issued);
        Assert.That((bool)verdict["valid"]!, Is.True, verdict.ToJsonString());
        Assert.That((bool)verdict["revoked"]!, Is.False);

        // The creator is an absolute IRI under the platform's address (a relative one fails JSON-LD expansion), and answers anyone.
        var creator = (string)_issued["credentialSubject"]!["achievement"]!["creator"]!["id"]!;
        Assert.That(creator, Is.EqualTo(new Uri(BaseAddress, "/api/bodies/smp-guild").AbsoluteUri));
        Assert.That((string?)(await (await Anonymous().GetAsync(new Uri(creator).AbsolutePath)).JsonAsync(HttpStatusCode.OK))["id"], Is.EqualTo("smp-guild"));
        await (await Anonymous().GetAsync("/api/bodies/no-such-body")).ProblemAsync(HttpStatusCode.NotFound);

        var fay = await SignInAsync("fay", "trainee");
        var location = $"/api/bodies/smp-guild/certificates/{Id(_issued)}";
        var again = await (await fay.GetAsync(location)).JsonAsync(HttpStatusCode.OK);
        Assert.That(again.ToJsonString(), Is.EqualTo(_issued.ToJsonString()));
        await (await (await SignInAsync("eve", "trainee")).GetAsync(location)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await SignInAsync("bea", "auditor", "pigment-standards-board")).GetAsync(location)).ProblemAsync(HttpStatusCode.Forbidden);

        var list = await (await _gus.GetAsync("/api/bodies/smp-guild/certificates")).JsonAsync(HttpStatusCode.OK);
        Assert.That(list.AsArray().Select(c => (string)c!["traineeId"]!), Does.Contain("fay"));
        await (await _gus.PostAsync("/api/audit/candidates/fay/certificates", null)).ProblemAsync(HttpStatusCode.Conflict, "already-certified");
    }

    [Test]
    public async Task Altered_and_forged_certificates_fail_with_the_reason()
    {
        var altered = _issued.DeepClone().AsObject();
        altered["credentialSubject"]!["achievement"]!["name"] = "SMP Master Practitioner";
        var verdict = await VerifyAsync(altered);
        Assert.That(((bool)verdict["valid"]!, Problems(verdict)), Is.EqualTo((false, new[] { CredentialVerifier.AlteredOrForged })));

        // A well-formed certificate signed by someone else's key, claiming to come from another did:key.
        var keys = Directory.CreateTempSubdirectory("smp-forger-");
        try
        {
            using var forger = CredentialSigner.Load(keys.FullName);
            var unsigned = _issued.DeepClone().AsObject();
            unsigned.Remove("proof");
            unsigned["issuer"]!["id"] = forger.IssuerDid;
            var forged = forger.Sign(unsigned, DateTimeOffset.UtcNow);
            verdict = await VerifyAsync(forged);
            Assert.That((bool)verdict["valid"]!, Is.False);
            Assert.That(Problems(verdict), Has.Some.Contains("not a trusted issuer"));
        }
        finally
        {
            keys.Delete(recursive: true);
        }

        var stripped = _issued.DeepClone().AsObject();
        stripped.Remove("proof");
        Assert.That(Problems(await VerifyAsync(stripped)), Has.Some.Contains("proof"));
        await (await Anonymous().PostAsync("/api/credentials/verify", Api.RawJson("[1,2]"))).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Revoking_sets_the_bit_in_the_signed_status_list_and_the_certificate_no_longer_verifies()
    {
        await EarnAsync("gil");
        var issued = (await (await _gus.PostAsync("/api/audit/candidates/gil/certificates", null)).JsonAsync(HttpStatusCode.Created)).AsObject();
        var revocation = $"/api/bodies/smp-guild/certificates/{Id(issued)}/revocation";
        await (await _gus.PostAsJsonAsync(revocation, new { reason = " " })).ProblemAsync(HttpStatusCode.BadRequest, "no-reason");
        await (await (await SignInAsync("bea", "auditor", "pigment-standards-board")).PostAsJsonAsync(revocation, new { reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await SignInAsync("gil", "trainee")).PostAsJsonAsync(revocation, new { reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await _gus.PostAsJsonAsync($"/api/bodies/smp-guild/certificates/{Guid.NewGuid()}/revocation", new { reason = "x" })).ProblemAsync(HttpStatusCode.NotFound, "unknown-certificate");
        Assert.That(await CliAsync(issued), Is.EqualTo(0), "the command line accepts it before revocation");
        await (await _gus.PostAsJsonAsync(revocation, new { reason = "practised on a client without supervision" })).JsonAsync(HttpStatusCode.NoContent);
        await (await _gus.PostAsJsonAsync(revocation, new { reason = "again" })).ProblemAsync(HttpStatusCode.Conflict, "already-revoked");

        var verdict = await VerifyAsync(issued);
        Assert.That(((bool)verdict["valid"]!, (bool)verdict["revoked"]!), Is.EqualTo((false, true)));
        Assert.That(await CliAsync(issued), Is.EqualTo(1));
        Assert.That(_cliOutput, Does.Contain("revoked: bit"));
        Assert.That(Problems(verdict), Has.Some.Contains("without supervision"));

        // The public status list is itself signed, and says the same to anyone offline.
        var list = await ListOfAsync(issued);
        Assert.That(CredentialVerifier.VerifyStatusList(list, DateTimeOffset.UtcNow, [(string)issued["issuer"]!["id"]!]).Problems, Is.Empty);
        var entry = OpenBadge.RevocationEntry(issued)!;
        var fayEntry = OpenBadge.RevocationEntry(_issued)!;
        Assert.That((StatusList.IsRevoked(list, entry.Index), StatusList.IsRevoked(list, fayEntry.Index)), Is.EqualTo(((bool?)true, (bool?)false)));
        await (await Anonymous().GetAsync("/api/bodies/no-such-body/status-list")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Anonymous().GetAsync("/api/bodies/no-such-body/keys/1/status-list")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Anonymous().GetAsync("/api/bodies/smp-guild/keys/999/status-list")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_candidate_who_does_not_meet_every_requirement_is_not_certified()
    {
        var hal = await SignInAsync("hal", "trainee");
        await (await hal.PostAsJsonAsync("/api/trainees/hal/enrollment", new { programId = MiniCurriculum.ProgramId })).JsonAsync(HttpStatusCode.NoContent);
        await (await hal.PostAsJsonAsync("/api/trainees/hal/applications", new { bodyId = "smp-guild" })).JsonAsync(HttpStatusCode.NoContent);
        var detail = await (await _gus.PostAsync("/api/audit/candidates/hal/certificates", null)).ProblemAsync(HttpStatusCode.Conflict, "not-certifiable");
        Assert.That(detail, Does.Contain("final assessment"));
    }

    /// <summary>Enrol, practise the one exercise, get it signed off, apply to the body.</summary>
    private Task EarnAsync(string trainee, string bodyId = "smp-guild") => MiniCurriculum.EarnAsync(trainee, SignInAsync, bodyId);

    /// <summary>The status list the certificate names, as the host serves it to anyone.</summary>
    private async Task<JsonObject> ListOfAsync(JsonObject credential) =>
        (await (await Anonymous().GetAsync(new Uri((string)credential["credentialStatus"]!["statusListCredential"]!).AbsolutePath)).JsonAsync(HttpStatusCode.OK)).AsObject();

    [Test]
    public async Task The_command_line_verifies_offline_and_refuses_what_it_cannot_trust()
    {
        Assert.That(await CliAsync(_issued, "--issuer", (string)_issued["issuer"]!["id"]!), Is.EqualTo(0), _cliOutput);
        Assert.That(_cliOutput, Does.Contain("VALID: Mini certificate (tests) awarded to fay"));

        var altered = _issued.DeepClone().AsObject();
        altered["validFrom"] = "2020-01-01T00:00:00Z";
        Assert.That(await CliAsync(altered), Is.EqualTo(1));
        Assert.That(_cliOutput, Does.Contain(CredentialVerifier.AlteredOrForged));

        Assert.That(await CliAsync(_issued, "--issuer", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"), Is.EqualTo(1));
        Assert.That(_cliOutput, Does.Contain("not a trusted issuer"));

        // Offline: the status list from a file; an unreachable one is a failure, not a pass.
        var served = await ListOfAsync(_issued);
        Assert.That(await CliWithListAsync(_issued, served), Is.EqualTo(0), _cliOutput);

        var unreachable = _issued.DeepClone().AsObject();
        unreachable["credentialStatus"]!["statusListCredential"] = "http://127.0.0.1:9/status-list";
        Assert.That(await CliAsync(unreachable), Is.EqualTo(1));
        Assert.That(_cliOutput, Does.Contain("revocation status unknown"));
    }

    private string _cliOutput = "";

    /// <summary>Runs <c>smp cert verify FILE [options]</c> on the credential, keeping what it printed.</summary>
    private async Task<int> CliAsync(JsonObject credential, params string[] options)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, credential.ToJsonString());
            using var output = new StringWriter();
            var code = await SmpAcademy.Cli.Commands.SmpCommandLine.InvokeAsync(["cert", "verify", file, .. options], output, output);
            _cliOutput = output.ToString();
            return code;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<JsonNode> VerifyAsync(JsonObject credential) =>
        await (await Anonymous().PostAsJsonAsync("/api/credentials/verify", credential)).JsonAsync(HttpStatusCode.OK);

    private static string[] Problems(JsonNode verdict) => [.. verdict["problems"]!.AsArray().Select(p => (string)p!)];

    private static string Id(JsonObject credential) => ((string)credential["id"]!)[OpenBadge.UuidPrefix.Length..];
}
