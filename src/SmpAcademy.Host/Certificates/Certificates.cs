using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.Certificates;

/// <summary>
/// Turns the events into signed credentials. Everything a credential says comes from its
/// <see cref="CertificateIssued"/> event and the curriculum, and Ed25519 is deterministic, so the same
/// certificate can be handed out again, bit for bit, whenever it is asked for.
/// </summary>
public sealed class Certificates(CredentialSigner signer, CurriculumPins curriculum, PublicUrl publicUrl)
{
    public string IssuerDid => signer.IssuerDid;

    /// <summary>What new certificates are signed with; each keeps the suite its event recorded.</summary>
    public string Cryptosuite => CredentialSigner.DefaultCryptosuite;

    /// <summary>Under the platform's public address, never the request's Host header (it is signed into every certificate).</summary>
    public string StatusListUrl(string bodyId) => IssuedCertificateContent.StatusListUrl(publicUrl.Base.AbsoluteUri, bodyId);

    /// <summary>The awarding body's id in its certificates: its public page under the platform's address (GET answers its profile).</summary>
    public string CreatorId(string bodyId) => IssuedCertificateContent.CreatorId(publicUrl.Base.AbsoluteUri, bodyId);

    public JsonObject Credential(CertificateIssued issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        // The program file the issuing event pinned, whatever programs/ holds today (a certificate issued before pins: today's file).
        var program = curriculum.Files.Program(issued.ProgramId, issued.ProgramDigest)
            ?? throw new InvalidOperationException($"certificate {issued.CredentialId} pins program {issued.ProgramId} ({issued.ProgramDigest}), which the archive does not hold");
        var content = IssuedCertificateContent.Of(issued, program);
        return signer.Sign(OpenBadge.Build(content), issued.At, issued.Cryptosuite);
    }

    /// <summary>
    /// The body's revocation list as of <paramref name="now"/>: valid for <see cref="StatusList.Lifetime"/> from the
    /// current window, so a copy from before a revocation goes stale instead of vouching for ever; the same bits all
    /// through a window until something changes.
    /// </summary>
    public JsonObject StatusListCredential(string listUrl, IReadOnlyList<IssuedCertificate> certificates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var revoked = certificates.Where(c => c.Revoked is not null).ToArray();
        var latest = certificates.Select(c => c.Revoked?.At ?? c.Issued.At).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        var (from, until) = StatusList.Window(now, latest);
        return signer.Sign(StatusList.Build(listUrl, signer.IssuerDid, revoked.Select(c => c.Issued.StatusIndex), from, until), from);
    }
}
