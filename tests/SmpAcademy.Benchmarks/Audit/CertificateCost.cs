using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using NSec.Cryptography;
using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Benchmarks.Audit;

/// <summary>
/// What a certificate costs to issue and to check offline (shape, issuer, validity, eddsa-rdfc-2022 proof set, then its status list
/// and bit), against one bare Ed25519 verification measured in the same run, the floor of any check.
///   dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- --filter '*CertificateCost*'
/// </summary>
[MemoryDiagnoser]
public class CertificateCost
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private DirectoryInfo _keys = null!;
    private CredentialSigner _signer = null!;
    private JsonObject _unsigned = null!;
    private JsonObject _certificate = null!;
    private JsonObject _list = null!;
    private JsonObject _jcsCertificate = null!;
    private string _jcsIssuer = null!;
    private Key _bareKey = null!;
    private byte[] _bareMessage = null!;
    private byte[] _bareSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _keys = Directory.CreateTempSubdirectory("smp-bench-cert-");
        _signer = CredentialSigner.Load(_keys.FullName);
        var content = new CertificateContent(Guid.NewGuid(), _signer.IssuerDid, "SmpAcademy", "urn:smpacademy:trainee:ada", "ada",
            "urn:smpacademy:program:smp-practitioner", "SMP Practitioner Certificate", "Scalp micropigmentation practitioner", "120 h of scored practice; every exercise passed",
            "https://academy.example/api/bodies/smp-guild", "SMP Guild", IssuedAt, null, "https://academy.example/api/bodies/smp-guild/status-list", 7, new string('a', 64));
        _unsigned = OpenBadge.Build(content);
        _certificate = _signer.Sign(_unsigned, IssuedAt);
        _list = _signer.Sign(StatusList.Build(content.StatusListCredentialUrl, _signer.IssuerDid, [3, 9], IssuedAt, IssuedAt + StatusList.Lifetime), IssuedAt);
        _bareKey = Key.Create(SignatureAlgorithm.Ed25519);
        // The same certificate as issued before eddsa-rdfc-2022, to show what reading it as JSON-LD costs.
        _jcsIssuer = DidKey.FromEd25519(_bareKey.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        _jcsCertificate = EddsaJcs2022.AddProof(OpenBadge.Build(content with { IssuerDid = _jcsIssuer }), _bareKey, DidKey.VerificationMethod(_jcsIssuer), IssuedAt);
        _bareMessage = Encoding.UTF8.GetBytes(new string('x', 64));
        _bareSignature = SignatureAlgorithm.Ed25519.Sign(_bareKey, _bareMessage);
        Console.WriteLine($"// certificate: {_certificate.ToJsonString().Length:N0} bytes compact; status list: {_list.ToJsonString().Length:N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _signer.Dispose();
        _bareKey.Dispose();
        _keys.Delete(recursive: true);
    }

    [Benchmark(Baseline = true, Description = "bare Ed25519 verify (64 bytes)")]
    public bool BareVerify() => SignatureAlgorithm.Ed25519.Verify(_bareKey.PublicKey, _bareMessage, _bareSignature);

    [Benchmark(Description = "issue: build and sign a certificate")]
    public JsonObject Issue() => _signer.Sign(_unsigned, IssuedAt);

    [Benchmark(Description = "verify a certificate offline")]
    public bool Verify() => CredentialVerifier.Verify(_certificate, IssuedAt.AddMinutes(5), [_signer.IssuerDid]).Valid;

    [Benchmark(Description = "verify an eddsa-jcs-2022 certificate (issued before)")]
    public bool VerifyJcs() => CredentialVerifier.Verify(_jcsCertificate, IssuedAt.AddMinutes(5), [_jcsIssuer]).Valid;

    [Benchmark(Description = "verify its status list and read its bit")]
    public bool? StatusBit() =>
        CredentialVerifier.VerifyStatusList(_list, IssuedAt.AddMinutes(5), [_signer.IssuerDid]).Valid ? StatusList.IsRevoked(_list, 7) : null;
}
