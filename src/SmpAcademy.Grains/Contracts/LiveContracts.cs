using Orleans.Concurrency;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Grains.Contracts;

/// <summary>Rolling statistics of a session so far; <see cref="ActiveSeconds"/> is its practice time (pauses not counted) when they were taken.</summary>
[GenerateSerializer, Immutable, Alias("smp.LiveStats")]
public sealed record LiveStats(
    [property: Id(0)] int Dots,
    [property: Id(1)] double MeanDepthScore,
    [property: Id(2)] double MeanSpacingScore,
    [property: Id(3)] double MeanShadeScore,
    [property: Id(4)] IReadOnlyDictionary<string, double> FlagRates,
    [property: Id(5)] IReadOnlyDictionary<string, double> ZoneDensityPerCm2,
    [property: Id(6)] double ActiveSeconds = 0);

/// <summary>What changed in a session: newly recorded dots (in sequence order, maybe none), its status, its statistics.</summary>
[GenerateSerializer, Immutable, Alias("smp.LiveUpdate")]
public sealed record LiveUpdate(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] IReadOnlyList<ScoredDot> Dots,
    [property: Id(2)] SessionStatus Status,
    [property: Id(3)] LiveStats Stats,
    [property: Id(4)] IReadOnlyList<Domain.Grading.AnnotationAdded> Annotations);

/// <summary>One per host: receives every update of the sessions its users watch and fans it out to them.</summary>
public interface ISessionFeedObserver : IGrainObserver
{
    [OneWay]
    Task Updated(LiveUpdate update);
}
