using SmpAcademy.Domain.Geometry;

namespace SmpAcademy.Domain.Skins;

/// <summary>Hair still growing in a zone; SMP dots blend with it.</summary>
public sealed record ExistingHair(double DensityPerCm2, HairColour Colour);

/// <summary>A region of a skin with its own tissue and rubric targets.</summary>
public sealed record Zone(
    string Id,
    ZoneKind Kind,
    Shape Shape,
    double EpidermisMm,
    double DermisMm,
    ExistingHair? ExistingHair = null,
    IReadOnlyList<Point>? LeadingEdge = null,
    ScarTissue? ScarTissue = null)
{
    /// <summary>A deposit deeper than this has left the skin: the dot is rejected.</summary>
    public double TotalThicknessMm => EpidermisMm + DermisMm;
}
