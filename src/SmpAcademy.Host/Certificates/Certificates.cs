using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.Certificates;

/// <summary>What a new certificate of a body is signed with and published under: the body's current key, and that key's list.</summary>
public sealed record Issuing(string IssuerDid, string IssuerName, string StatusListUrl, string CreatorId, string Cryptosuite);

/// <summary>
/// Turns the events into signed credentials. Everything a credential says comes from its
/// <see cref="CertificateIssued"/> event and the curriculum, and Ed25519 is deterministic, so the same
/// certificate can be handed out again, bit for bit, whenever it is asked for: with the key and suite it was issued with.
/// </summary>
public sealed class Certificates(CredentialKeyRing keys, CurriculumPins curriculum, CurriculumCatalog catalog, PublicUrl publicUrl)
{
    private string Root => publicUrl.Base.AbsoluteUri;

    public CredentialKeyRing Keys => keys;

    public IReadOnlyList<string> BodyIds => catalog.BodyIds;

    public bool IsBody(string bodyId) => catalog.BodyIds.Contains(bodyId);

    /// <summary>Under the platform's public address, never the request's Host header (it is signed into every certificate).</summary>
    public Issuing Issuing(string bodyId)
    {
        var (signer, number) = keys.Current(bodyId);
        var name = BodyName(bodyId);
        return new Issuing(signer.IssuerDid, name, IssuedCertificateContent.StatusListUrl(Root, bodyId, number),
            IssuedCertificateContent.CreatorId(Root, bodyId), CredentialSigner.DefaultCryptosuite);
    }

    /// <summary>The body's name in the curriculum (its id if no program names it).</summary>
    public string BodyName(string bodyId) =>
        catalog.Programs.Values.Select(p => p.FindBody(bodyId)?.Name).FirstOrDefault(n => n is not null) ?? bodyId;

    /// <summary>The URL of the list for the body's key <paramref name="number"/>, or of the platform key's list when null.</summary>
    public string StatusListUrl(string bodyId, int? number) =>
        number is { } n ? IssuedCertificateContent.StatusListUrl(Root, bodyId, n) : IssuedCertificateContent.PlatformStatusListUrl(Root, bodyId);

    /// <summary>The public verify page for one certificate, the link its holder shares (and prints as a QR code).</summary>
    public string VerificationLink(string bodyId, Guid credentialId) =>
        $"{Root.TrimEnd('/')}/verify.html?body={Uri.EscapeDataString(bodyId)}&certificate={credentialId}";

    /// <summary>Every issuer this platform signs as: the platform's old key and every body key.</summary>
    public IReadOnlyCollection<string> TrustedIssuers(IEnumerable<string> bodyIds) =>
        [keys.Platform.IssuerDid, .. bodyIds.SelectMany(b => keys.Keys(b)).Select(k => k.IssuerDid)];

    /// <summary>What the certificate states, without signing it.</summary>
    public CertificateContent Content(CertificateIssued issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        // The program file the issuing event pinned, whatever programs/ holds today (a certificate issued before pins: today's file).
        var program = curriculum.Files.Program(issued.ProgramId, issued.ProgramDigest)
            ?? throw new InvalidOperationException($"certificate {issued.CredentialId} pins program {issued.ProgramId} ({issued.ProgramDigest}), which the archive does not hold");
        return IssuedCertificateContent.Of(issued, program);
    }

    public JsonObject Credential(CertificateIssued issued)
    {
        var content = Content(issued);
        var signer = keys.ByDid(issued.BodyId, issued.IssuerDid)
            ?? throw new InvalidOperationException($"certificate {issued.CredentialId} was signed by {issued.IssuerDid}, whose key the data folder does not hold");
        return signer.Sign(OpenBadge.Build(content), issued.At, issued.Cryptosuite);
    }

    /// <summary>
    /// The revocation list at <paramref name="listUrl"/>, for the certificates <paramref name="signer"/> signed, signed by that key
    /// as of <paramref name="now"/>: valid for <see cref="StatusList.Lifetime"/> from the current window, so
    /// a copy from before a revocation goes stale instead of vouching for ever; the same bits all through a window until something changes.
    /// </summary>
    public JsonObject StatusListCredential(string listUrl, CredentialSigner signer, IReadOnlyList<IssuedCertificate> certificates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(certificates);
        // A list holds the certificates its key signed (the platform key's list: all from before bodies had keys, whatever URL they name).
        var listed = certificates.Where(c => c.Issued.IssuerDid == signer.IssuerDid).ToArray();
        var latest = listed.Select(c => c.Revoked?.At ?? c.Issued.At).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        var (from, until) = StatusList.Window(now, latest);
        return signer.Sign(StatusList.Build(listUrl, signer.IssuerDid, listed.Where(c => c.Revoked is not null).Select(c => c.Issued.StatusIndex), from, until), from);
    }
}
