using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Certification;

namespace SmpAcademy.Cli.Commands;

/// <summary>
/// <c>smp cert example --out DIR</c>: a sample certificate, a revoked one and their status list, for people building
/// verifiers. Made by the platform's own issuing code (<see cref="IssuedCertificateContent"/>, <see cref="OpenBadge"/>,
/// <see cref="StatusList"/>) and signed with a throwaway key, so they have exactly the shape, proofs and contexts of
/// real certificates; the key is deleted once they are signed.
/// </summary>
public static class CertExample
{
    public static int Write(string outDirectory, string curriculumDirectory, string publicUrl, TextWriter output)
    {
        if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var home) || home.Scheme is not ("http" or "https") || home.Query.Length > 0)
            throw new UsageException($"--public-url is an absolute http(s) URL without a query, e.g. https://academy.example; not '{publicUrl}'");
        var program = CurriculumLoader.Load(curriculumDirectory).Programs.Values.OrderBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new UsageException($"the curriculum in {curriculumDirectory} has no program to certify");
        var body = program.Bodies.Count > 0 ? program.Bodies[0] : throw new UsageException($"program {program.Id} names no certification body");
        var root = home.AbsoluteUri.TrimEnd('/');
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var keyFolder = Directory.CreateTempSubdirectory("smp-example-key-");
        try
        {
            using var signer = CredentialSigner.Load(keyFolder.FullName);
            CertificateIssued Issued(int index, string trainee) => new(body.Id, Guid.NewGuid(), trainee, program.Id, index,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"sample decision for {trainee}"))), "sample-auditor", signer.IssuerDid,
                IssuedCertificateContent.StatusListUrl(root, body.Id, keyNumber: 1), IssuedCertificateContent.CreatorId(root, body.Id), now, null,
                CredentialSigner.DefaultCryptosuite, body.Name);
            var valid = Issued(0, "sample-trainee");
            var revoked = Issued(1, "sample-revoked-trainee");
            var (from, until) = StatusList.Window(now, now);
            var list = signer.Sign(StatusList.Build(valid.StatusListUrl, signer.IssuerDid, [revoked.StatusIndex], from, until), from);

            Directory.CreateDirectory(outDirectory);
            Save(outDirectory, "certificate.json", signer.Sign(OpenBadge.Build(IssuedCertificateContent.Of(valid, program)), now));
            Save(outDirectory, "revoked-certificate.json", signer.Sign(OpenBadge.Build(IssuedCertificateContent.Of(revoked, program)), now));
            Save(outDirectory, "status-list.json", list);
            File.WriteAllText(Path.Combine(outDirectory, "issuer-did.txt"), signer.IssuerDid + "\n");
            output.WriteLine($"wrote certificate.json (valid), revoked-certificate.json (bit {revoked.StatusIndex} set), status-list.json (valid until {list["validUntil"]}) and issuer-did.txt to {outDirectory}");
            output.WriteLine($"  issuer {signer.IssuerDid} (a throwaway key, deleted now); program {program.Id}, body {body.Id}, under {root}");
            output.WriteLine($"  check them: smp cert verify {Path.Combine(outDirectory, "certificate.json")} --issuer {signer.IssuerDid} --status-list {Path.Combine(outDirectory, "status-list.json")}");
            return 0;
        }
        finally
        {
            keyFolder.Delete(recursive: true);
        }
    }

    private static void Save(string directory, string name, JsonObject document) =>
        File.WriteAllText(Path.Combine(directory, name), document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
}
