using SmpAcademy.Curriculum;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Geometry;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Skins;
using SmpAcademy.Testing;

namespace SmpAcademy.Domain.Tests;

/// <summary>The shipped rubric v1 and skins, plus small skins built in code for exact geometry.</summary>
internal static class TestSkins
{
    private static readonly Lazy<CurriculumCatalog> Catalog = new(() => CurriculumLoader.Load(RepoPaths.Curriculum));

    public static Rubric RubricV1 => Catalog.Value.Rubrics[1];

    public static CertificationProgram Program => Catalog.Value.Programs["smp-practitioner"];

    public static PracticeSkin Shipped(string id) => Catalog.Value.Skins[id];

    /// <summary>A uniform pad: one practice-pad zone, epidermis 0.08 mm, dermis 1.3 mm.</summary>
    public static PracticeSkin Pad(double size = 100, FitzpatrickType type = FitzpatrickType.III) =>
        new("test-pad", "Test pad", "", size, size, type, HairColour.DarkBrown,
            [new Zone("pad", ZoneKind.PracticePad, new PolygonShape([new(0, 0), new(size, 0), new(size, size), new(0, size)]), 0.08, 1.3)],
            0);

    /// <summary>A pad whose front 20 mm is a frontal hairline with its leading edge at y = 0.</summary>
    public static PracticeSkin PadWithHairline(double size = 100) =>
        Pad(size) with
        {
            Zones =
            [
                Pad(size).Zones[0],
                new Zone("hairline", ZoneKind.FrontalHairline, new PolygonShape([new(0, 0), new(size, 0), new(size, 20), new(0, 20)]), 0.08, 1.3,
                    LeadingEdge: [new Point(0, 0), new Point(size, 0)]),
            ],
        };
}
