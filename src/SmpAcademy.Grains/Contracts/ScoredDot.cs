using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Grains.Contracts;

/// <summary>
/// A recorded dot as every client sees it, under the same names over HTTP, both hub protocols and watch updates:
/// the placement, when, the three scores 0–100 and the flag names. The answer to a placement also says how far the
/// nearest earlier dot was and the local pattern index; a dot read back from the history leaves those null, because
/// the stored event keeps the scores, not the geometry they came from.
/// </summary>
[GenerateSerializer, Immutable, Alias("smp.ScoredDot")]
public sealed record ScoredDot(
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
    [property: Id(12)] int RubricVersion,
    [property: Id(13)] double? NearestDotMm = null,
    [property: Id(14)] double? PatternIndex = null)
{
    public static ScoredDot From(DotPlaced d, DotScore? score = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Sequence, d.X, d.Y, d.Needle, d.DepthMm, d.Shade, d.At, d.Zone, d.DepthScore, d.SpacingScore, d.ShadeScore, d.Flags.Names(), d.RubricVersion,
            score?.NearestDotMm, score?.PatternIndex);
    }
}
