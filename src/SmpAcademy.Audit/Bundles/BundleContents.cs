using SmpAcademy.Curriculum;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;

namespace SmpAcademy.Audit.Bundles;

/// <summary>
/// One event as exported, with the link recorded with it. Under scheme 2, <paramref name="Data"/> is the event's
/// canonical envelope (every covered column, the data as stored), and the other fields are read from it; under
/// scheme 1 it is the canonical JSON the link covers, beside the event's place and stored type name.
/// </summary>
public sealed record BundleEvent(string Stream, long Version, Guid EventId, DateTimeOffset Timestamp, string Type, byte[] Data, string? Hash, int Scheme = ChainSchemes.Legacy);

/// <param name="RecordedVersion">How many events the store recorded for the stream when it was exported.</param>
public sealed record BundleStream(string Stream, long RecordedVersion);

/// <summary>Everything an audit bundle holds for one trainee.</summary>
/// <param name="Curriculum">Today's curriculum, copied whole: what events from before digests name their files by.</param>
/// <param name="Pinned">The files the events recorded by digest, whatever today's files are: they re-score and decide offline.</param>
public sealed record BundleContents(
    string TraineeId,
    string ProgramId,
    DateTimeOffset CreatedAt,
    IReadOnlyList<BundleStream> Streams,
    IReadOnlyList<BundleEvent> Events,
    IReadOnlyList<Checkpoint> Checkpoints,
    string PublicKeyHex,
    CertificationDecision Decision,
    IReadOnlyList<RescoreReport> Rescoring,
    string XapiStatements,
    CurriculumCatalog Curriculum,
    IReadOnlyDictionary<string, byte[]> Pinned);

/// <summary>What a bundle's manifest says about it; every file's SHA-256 is listed so a changed or missing file is caught first.</summary>
public sealed record BundleManifest(string Format, string TraineeId, string ProgramId, DateTimeOffset CreatedAt, long Events, IReadOnlyDictionary<string, string> Files);

/// <summary>File names inside a bundle.</summary>
public static class BundleLayout
{
    public const string Manifest = "manifest.json";
    public const string Events = "events.jsonl";
    public const string Streams = "streams.json";
    public const string Checkpoints = "checkpoints.json";
    public const string PublicKey = "public-key.txt";
    public const string Decision = "decision.json";
    public const string Rescoring = "rescoring.json";
    public const string Report = "report.html";
    public const string Xapi = "xapi-statements.json";
    public const string CurriculumFolder = "curriculum/";

    /// <summary>Pinned files, each named by the hex SHA-256 of its bytes: <c>pinned/&lt;hex&gt;.yaml</c>.</summary>
    public const string PinnedFolder = "pinned/";

    public static string PinnedFile(string digest) => PinnedFolder + CurriculumDigest.Hex(digest) + ".yaml";
}
