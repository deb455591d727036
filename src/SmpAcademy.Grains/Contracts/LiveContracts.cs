using Orleans.Concurrency;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Grains.Contracts;

/// <summary>A recorded dot as clients see it: placement, scores and flag names, with its sequence number.</summary>
[GenerateSerializer, Immutable, Alias("smp.DotRecord")]
public sealed record DotRecord(
    [property: Id(0)] long Sequence,
    [property: Id(1)] double X,
    [property: Id(2)] double Y,
    [property: Id(3)] string Needle,
    [property: Id(4)] double DepthMm,
    [property: Id(5)] double Shade,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string Zone,
    [property: Id(8)] double DepthScore,
    [property: Id(9)] double SpacingScore,
    [property: Id(10)] double ShadeScore,
    [property: Id(11)] IReadOnlyList<string> Flags,
    [property: Id(12)] int RubricVersion)
{
    public static DotRecord From(DotPlaced d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Sequence, d.X, d.Y, d.Needle, d.DepthMm, d.Shade, d.At, d.Zone, d.DepthScore, d.SpacingScore, d.ShadeScore, d.Flags.Names(), d.RubricVersion);
    }
}

/// <summary>Rolling statistics of a session so far.</summary>
[GenerateSerializer, Immutable, Alias("smp.LiveStats")]
public sealed record LiveStats(
    [property: Id(0)] int Dots,
    [property: Id(1)] double MeanDepthScore,
    [property: Id(2)] double MeanSpacingScore,
    [property: Id(3)] double MeanShadeScore,
    [property: Id(4)] IReadOnlyDictionary<string, double> FlagRates,
    [property: Id(5)] IReadOnlyDictionary<string, double> ZoneDensityPerCm2);

/// <summary>What changed in a session: newly recorded dots (in sequence order, maybe none), its status, its statistics.</summary>
[GenerateSerializer, Immutable, Alias("smp.LiveUpdate")]
public sealed record LiveUpdate(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] IReadOnlyList<DotRecord> Dots,
    [property: Id(2)] SessionStatus Status,
    [property: Id(3)] LiveStats Stats,
    [property: Id(4)] IReadOnlyList<Domain.Grading.AnnotationAdded> Annotations);

/// <summary>One per host: receives every update of the sessions its users watch and fans it out to them.</summary>
public interface ISessionFeedObserver : IGrainObserver
{
    [OneWay]
    Task Updated(LiveUpdate update);
}
