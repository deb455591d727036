using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Grains.Contracts;

// The one input record for a dot is the domain's DotPlacement, over HTTP, the hubs and into the session grain.
// Domain types carry no Orleans attributes and otherwise travel as JSON (GrainsSetup); a placement is the hot
// path, so it crosses grains through this generated surrogate instead.

[GenerateSerializer, Immutable]
public readonly record struct DotPlacementSurrogate(
    [property: Id(0)] double X,
    [property: Id(1)] double Y,
    [property: Id(2)] string Needle,
    [property: Id(3)] double DepthMm,
    [property: Id(4)] double Shade);

[RegisterConverter]
public sealed class DotPlacementConverter : IConverter<DotPlacement, DotPlacementSurrogate>
{
    public DotPlacement ConvertFromSurrogate(in DotPlacementSurrogate surrogate) =>
        new(surrogate.X, surrogate.Y, surrogate.Needle, surrogate.DepthMm, surrogate.Shade);

    public DotPlacementSurrogate ConvertToSurrogate(in DotPlacement value) =>
        new(value.X, value.Y, value.Needle, value.DepthMm, value.Shade);
}
