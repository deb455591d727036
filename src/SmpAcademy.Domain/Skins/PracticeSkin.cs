using System.Runtime.CompilerServices;
using SmpAcademy.Domain.Geometry;

namespace SmpAcademy.Domain.Skins;

/// <summary>A simulated scalp: a rectangle of zones, later zones lying on top of earlier ones.</summary>
public sealed record PracticeSkin(
    string Id,
    string Name,
    string Description,
    double WidthMm,
    double HeightMm,
    FitzpatrickType Fitzpatrick,
    HairColour ClientHairColour,
    IReadOnlyList<Zone> Zones,
    int BaseZoneIndex)
{
    /// <summary>"sha256:" and the hex SHA-256 of the file it was read from: what a session records beside the skin id.</summary>
    public string Digest { get; init; } = "";

    public bool Contains(Point p) => p.X >= 0 && p.X <= WidthMm && p.Y >= 0 && p.Y <= HeightMm;

    /// <summary>Index of the top-most zone containing p, or the base zone.</summary>
    public int ZoneIndexAt(Point p)
    {
        for (var i = Zones.Count - 1; i >= 0; i--)
        {
            if (Zones[i].Shape.Contains(p))
                return i;
        }

        return BaseZoneIndex;
    }

    public Zone ZoneAt(Point p) => Zones[ZoneIndexAt(p)];

    private static readonly ConditionalWeakTable<PracticeSkin, IReadOnlyDictionary<string, double>> Areas = [];

    /// <summary>
    /// Visible area of each zone (what no later zone covers), in mm², sampled on a 0.25 mm grid:
    /// exact enough for densities, and the same on every machine.
    /// </summary>
    public IReadOnlyDictionary<string, double> ZoneAreasMm2() => Areas.GetValue(this, static skin =>
    {
        const double Step = 0.25;
        var counts = new int[skin.Zones.Count];
        for (var y = Step / 2; y < skin.HeightMm; y += Step)
        {
            for (var x = Step / 2; x < skin.WidthMm; x += Step)
                counts[skin.ZoneIndexAt(new Point(x, y))]++;
        }

        return skin.Zones.Select((z, i) => (z.Id, Area: counts[i] * Step * Step))
            .ToDictionary(z => z.Id, z => z.Area, StringComparer.Ordinal);
    });

    /// <summary>The hair colour shades are matched to: the zone's own hair, else the client's.</summary>
    public HairColour HairColourIn(Zone zone) => zone.ExistingHair?.Colour ?? ClientHairColour;
}
