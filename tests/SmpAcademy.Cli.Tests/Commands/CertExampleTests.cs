using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Cli.Commands;
using SmpAcademy.Testing;

namespace SmpAcademy.Cli.Tests.Commands;

/// <summary><c>smp cert example</c>: samples an integrator can test a verifier on, made and checked as real certificates are.</summary>
public class CertExampleTests
{
    private string _out = null!;

    [SetUp]
    public void MakeFolder() => _out = Path.Combine(Path.GetTempPath(), "smp-cert-example-" + Guid.NewGuid().ToString("N")[..8]);

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_out))
            Directory.Delete(_out, recursive: true);
    }

    private static async Task<(int Code, string Output)> SmpAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await SmpCommandLine.InvokeAsync(args, output, output);
        return (code, output.ToString());
    }

    private JsonObject Read(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(_out, name)))!.AsObject();

    [Test]
    public async Task The_samples_verify_as_real_certificates_do_one_valid_and_one_revoked()
    {
        var (code, output) = await SmpAsync("cert", "example", "--out", _out, "--public-url", "https://academy.test/", "--curriculum", RepoPaths.Curriculum);
        Assert.That(code, Is.Zero, output);
        var issuer = File.ReadAllText(Path.Combine(_out, "issuer-did.txt")).Trim();
        var list = Path.Combine(_out, "status-list.json");

        var valid = await SmpAsync("cert", "verify", Path.Combine(_out, "certificate.json"), "--issuer", issuer, "--status-list", list);
        Assert.That(valid.Code, Is.Zero, valid.Output);
        Assert.That(valid.Output, Does.Contain("VALID: SMP Practitioner Certificate awarded to sample-trainee"));
        var revoked = await SmpAsync("cert", "verify", Path.Combine(_out, "revoked-certificate.json"), "--issuer", issuer, "--status-list", list);
        Assert.That(revoked.Code, Is.EqualTo(1), revoked.Output);
        Assert.That(revoked.Output, Does.Contain("revoked: bit 1 is set"));

        var certificate = Read("certificate.json");
        Assert.That(certificate["proof"], Is.TypeOf<JsonArray>(), "a proof set, as issued");
        Assert.That((string)certificate["credentialSubject"]!["achievement"]!["creator"]!["id"]!, Is.EqualTo("https://academy.test/api/bodies/smp-guild"));
        Assert.That((string)certificate["credentialStatus"]!["statusListCredential"]!, Is.EqualTo((string)Read("status-list.json")["id"]!));
        Assert.That(Directory.GetFiles(_out).Select(Path.GetFileName), Is.EquivalentTo(new[] { "certificate.json", "revoked-certificate.json", "status-list.json", "issuer-did.txt" }), "no key is left with them");

        Interop.Require("jsonld");
        foreach (var name in new[] { "certificate.json", "status-list.json" })
        {
            var expanded = await Interop.NodeAsync("jsonld-expand.mjs", Path.Combine(_out, name));
            Assert.That(expanded.ExitCode, Is.Zero, $"{name}: {expanded.Errors}");
        }
    }

    [Test]
    public async Task Each_run_signs_with_a_new_throwaway_key()
    {
        Assert.That((await SmpAsync("cert", "example", "--out", _out, "--curriculum", RepoPaths.Curriculum)).Code, Is.Zero);
        var first = File.ReadAllText(Path.Combine(_out, "issuer-did.txt"));
        Assert.That((await SmpAsync("cert", "example", "--out", _out, "--curriculum", RepoPaths.Curriculum)).Code, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(_out, "issuer-did.txt")), Is.Not.EqualTo(first));
    }

    [TestCase("ftp://academy.test")]
    [TestCase("academy.test")]
    [TestCase("https://academy.test/?x=1")]
    public async Task A_public_url_that_is_not_an_http_address_is_refused(string url)
    {
        var (code, output) = await SmpAsync("cert", "example", "--out", _out, "--public-url", url, "--curriculum", RepoPaths.Curriculum);
        Assert.That(code, Is.EqualTo(SmpCommandLine.UsageExitCode), output);
        Assert.That(output, Does.Contain("--public-url is an absolute http(s) URL"));
        Assert.That(Directory.Exists(_out), Is.False, "nothing written");
    }
}
