using System.Globalization;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Programs;

namespace SmpAcademy.Audit.Credentials;

/// <summary>
/// What a certificate says, from its issuing event and the program file that event pinned: one function for the
/// platform's issuance and for <c>smp cert example</c>, so a sample has exactly the shape of a real certificate.
/// </summary>
public static class IssuedCertificateContent
{
    public static string SubjectId(string traineeId) => $"urn:smpacademy:trainee:{traineeId}";

    /// <summary>The awarding body's id in its certificates (the achievement's creator), under the platform's address.</summary>
    public static string CreatorId(string platformRoot, string bodyId) => $"{platformRoot.TrimEnd('/')}/api/bodies/{bodyId}";

    /// <summary>Where the revocation list of certificates signed with the body's key number <paramref name="keyNumber"/> is published.</summary>
    /// <remarks>A list is signed by the key its certificates name, so after a rotation each key has its own list.</remarks>
    public static string StatusListUrl(string platformRoot, string bodyId, int keyNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"{CreatorId(platformRoot, bodyId)}/keys/{keyNumber}/status-list");

    /// <summary>The list of certificates signed with the platform's one key, before bodies had their own.</summary>
    public static string PlatformStatusListUrl(string platformRoot, string bodyId) => CreatorId(platformRoot, bodyId) + "/status-list";

    public static CertificateContent Of(CertificateIssued issued, CertificationProgram program)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(program);
        var body = program.FindBody(issued.BodyId);
        var requirements = program.Requirements;
        var criteria = string.Create(CultureInfo.InvariantCulture,
            $"{requirements.PracticeHours} h of scored practice; every exercise of its {program.Modules.Count} modules passed; full treatment courses respecting the healing interval; {requirements.InstructorSignOffs} instructor sign-offs; the final assessment '{requirements.FinalAssessmentExercise}' passed and signed off. Decided from the event history by the platform's certification rules and audited by {body?.Name ?? issued.BodyId}.");
        return new CertificateContent(issued.CredentialId, issued.IssuerDid, issued.IssuerName, SubjectId(issued.TraineeId), issued.TraineeId,
            $"urn:smpacademy:program:{program.Id}", program.Name, program.Description, criteria, issued.CreatorId, body?.Name ?? issued.BodyId,
            issued.At, null, issued.StatusListUrl, issued.StatusIndex, issued.DecisionDigest);
    }
}
