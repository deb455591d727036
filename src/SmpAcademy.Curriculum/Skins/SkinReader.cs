using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Geometry;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Curriculum.Skins;

/// <summary>Reads and checks one practice skin file (format: curriculum/README.md).</summary>
internal static class SkinReader
{
    private static readonly string[] ShapeKeys = ["polygon", "polyline", "circles"];

    public static PracticeSkin Read(YamlReader root, string expectedId)
    {
        var id = root.Required("id").Text(expectedId);
        if (id != expectedId)
            root.Required("id").Error($"id '{id}' must equal the file name '{expectedId}'");
        var width = root.Required("widthMm").Number(10, 1000);
        var height = root.Required("heightMm").Number(10, 1000);
        var zones = root.Required("zones").Items(minimum: 1)
            .Select(z => ReadZone(z, width, height)).ToArray();

        foreach (var duplicate in zones.GroupBy(z => z.Id).Where(g => g.Count() > 1))
            root.Required("zones").Error($"zone id '{duplicate.Key}' is used {duplicate.Count()} times");

        var baseZone = root.Required("baseZone");
        var baseIndex = Array.FindIndex(zones, z => z.Id == baseZone.Text());
        if (baseIndex < 0 && !baseZone.IsMissing)
            baseZone.Error($"'{baseZone.Text()}' is not a zone of this skin; zones: {string.Join(", ", zones.Select(z => z.Id))}");

        return new PracticeSkin(
            id,
            root.Required("name").Text(id),
            root.Optional("description").Text(),
            width,
            height,
            root.Required("fitzpatrick").Enum(FitzpatrickType.III),
            root.Required("clientHairColour").Enum(HairColour.DarkBrown),
            zones,
            Math.Max(baseIndex, 0));
    }

    private static Zone ReadZone(YamlReader zone, double width, double height)
    {
        var kind = zone.Required("kind").Enum(ZoneKind.MidScalp);
        var shape = ReadShape(zone);
        foreach (var p in shape.DefiningPoints)
        {
            if (p.X < 0 || p.X > width || p.Y < 0 || p.Y > height)
            {
                zone.Error($"point ({p.X}, {p.Y}) lies outside the skin (0–{width} × 0–{height} mm)");
                break;
            }
        }

        var edge = zone.Optional("leadingEdge");
        if (kind == ZoneKind.FrontalHairline && edge.IsMissing)
            zone.Error("a frontal-hairline zone needs a 'leadingEdge' (the front edge, which shades lighten towards)");
        if (kind != ZoneKind.FrontalHairline && !edge.IsMissing)
            edge.Error("only a frontal-hairline zone has a leading edge");

        var scar = zone.Optional("scarTissue");
        if (kind == ZoneKind.Scar && scar.IsMissing)
            zone.Error("a scar zone needs 'scarTissue' (fue-dot, fut-linear or surgical)");
        if (kind != ZoneKind.Scar && !scar.IsMissing)
            scar.Error("only a scar zone has a scar tissue");

        var hair = zone.Optional("existingHair");
        return new Zone(
            zone.Required("id").Text("?"),
            kind,
            shape,
            zone.Required("epidermisMm").Number(0.04, 0.20),
            zone.Required("dermisMm").Number(0.5, 3.0),
            hair.IsMissing ? null : new ExistingHair(hair.Required("densityPerCm2").Number(0, 150), hair.Required("colour").Enum(HairColour.DarkBrown)),
            edge.IsMissing ? null : edge.Points(minimum: 2),
            scar.IsMissing ? null : scar.Enum(ScarTissue.Surgical));
    }

    private static Shape ReadShape(YamlReader zone)
    {
        var given = ShapeKeys.Where(zone.Has).ToArray();
        if (given.Length != 1)
        {
            zone.Error($"a zone has exactly one shape: polygon, polyline (+ widthMm) or circles (+ diameterMm); found {(given.Length == 0 ? "none" : string.Join(" and ", given))}");
            return new PolygonShape([new(0, 0), new(0, 0), new(0, 0)]);
        }

        switch (given[0])
        {
            case "polygon":
                var polygon = new PolygonShape(zone.Required("polygon").Points(minimum: 3));
                if (polygon.Vertices.Count >= 3 && !polygon.IsSimple())
                    zone.Required("polygon").Error("the polygon crosses itself");
                return polygon;
            case "polyline":
                return new StripShape(zone.Required("polyline").Points(minimum: 2), zone.Required("widthMm").Number(0.1, 50));
            default:
                return new CirclesShape(zone.Required("circles").Points(minimum: 1), zone.Required("diameterMm").Number(0.1, 20));
        }
    }
}
