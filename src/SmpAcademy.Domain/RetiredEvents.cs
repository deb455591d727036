using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Domain;

// Stored event shapes that have been replaced. A stored type is never changed in place: a new shape is a
// new versioned name, and the old shape stays here, exactly as it was, for two reasons. Scheme-1 links were
// made by serializing these very records, so verifying old histories needs them; and reading old histories
// needs them, after which Upcast turns each into today's shape for everything past the hash chain.

/// <summary>A retired event shape, still read from old histories.</summary>
public interface IRetiredEvent
{
    /// <summary>The same fact in today's shape; what it did not record is null there.</summary>
    object Upcast();
}

/// <summary>session_started_v1: the rubric by version and the skin by id, not by content.</summary>
public sealed record SessionStartedV1(
    Guid SessionId,
    string TraineeId,
    string ProgramId,
    string ExerciseId,
    string SkinId,
    Guid CourseId,
    int CourseSessionNumber,
    int RubricVersion,
    DateTimeOffset At,
    IReadOnlyList<Guid> EarlierSessions) : IRetiredEvent
{
    public object Upcast() =>
        new SessionStarted(SessionId, TraineeId, ProgramId, ExerciseId, SkinId, CourseId, CourseSessionNumber, RubricVersion, At, EarlierSessions);
}

/// <summary>trainee_enrolled_v1: the program by id, not by content.</summary>
public sealed record TraineeEnrolledV1(string TraineeId, string ProgramId, DateTimeOffset At) : IRetiredEvent
{
    public object Upcast() => new TraineeEnrolled(TraineeId, ProgramId, At);
}

/// <summary>certificate_issued_v1: the program by id, not by content.</summary>
public sealed record CertificateIssuedV1(
    string BodyId,
    Guid CredentialId,
    string TraineeId,
    string ProgramId,
    int StatusIndex,
    string DecisionDigest,
    string IssuedBy,
    string IssuerDid,
    string StatusListUrl,
    DateTimeOffset At) : IRetiredEvent
{
    public object Upcast() =>
        new CertificateIssued(BodyId, CredentialId, TraineeId, ProgramId, StatusIndex, DecisionDigest, IssuedBy, IssuerDid, StatusListUrl, BodyId, At, null, CertificateIssuedV3.SignedBefore, CertificateIssuedV3.PlatformIssuer);
}

/// <summary>certificate_issued_v2: the creator's id not fixed; those certificates named the body by its bare id.</summary>
public sealed record CertificateIssuedV2(
    string BodyId,
    Guid CredentialId,
    string TraineeId,
    string ProgramId,
    int StatusIndex,
    string DecisionDigest,
    string IssuedBy,
    string IssuerDid,
    string StatusListUrl,
    DateTimeOffset At,
    string? ProgramDigest = null) : IRetiredEvent
{
    public object Upcast() =>
        new CertificateIssued(BodyId, CredentialId, TraineeId, ProgramId, StatusIndex, DecisionDigest, IssuedBy, IssuerDid, StatusListUrl, BodyId, At, ProgramDigest, CertificateIssuedV3.SignedBefore, CertificateIssuedV3.PlatformIssuer);
}

/// <summary>certificate_issued_v3: the cryptosuite and issuer name not recorded; every such certificate was signed with
/// eddsa-jcs-2022 by the platform's one key, named SmpAcademy.</summary>
public sealed record CertificateIssuedV3(
    string BodyId,
    Guid CredentialId,
    string TraineeId,
    string ProgramId,
    int StatusIndex,
    string DecisionDigest,
    string IssuedBy,
    string IssuerDid,
    string StatusListUrl,
    string CreatorId,
    DateTimeOffset At,
    string? ProgramDigest) : IRetiredEvent
{
    /// <summary>The suite of every certificate issued before certificate_issued_v4.</summary>
    public const string SignedBefore = "eddsa-jcs-2022";

    /// <summary>The issuer's name in every certificate issued before certificate_issued_v4.</summary>
    public const string PlatformIssuer = "SmpAcademy";

    public object Upcast() =>
        new CertificateIssued(BodyId, CredentialId, TraineeId, ProgramId, StatusIndex, DecisionDigest, IssuedBy, IssuerDid, StatusListUrl, CreatorId, At, ProgramDigest, SignedBefore, PlatformIssuer);
}
