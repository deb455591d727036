namespace SmpAcademy.Domain.Scoring;

/// <summary>What went wrong with a dot, besides its scores.</summary>
[Flags]
public enum DotFlags
{
    None = 0,
    FadeRisk = 1 << 0,
    BlowoutRisk = 1 << 1,
    Merge = 1 << 2,
    GridPattern = 1 << 3,
    Clumping = 1 << 4,
    OffShade = 1 << 5,
    WrongNeedle = 1 << 6,
}

public static class DotFlagNames
{
    public static readonly IReadOnlyList<(DotFlags Flag, string Name)> All =
    [
        (DotFlags.FadeRisk, "fade-risk"),
        (DotFlags.BlowoutRisk, "blowout-risk"),
        (DotFlags.Merge, "merge"),
        (DotFlags.GridPattern, "grid-pattern"),
        (DotFlags.Clumping, "clumping"),
        (DotFlags.OffShade, "off-shade"),
        (DotFlags.WrongNeedle, "wrong-needle"),
    ];

    /// <summary>The flags' wire names, e.g. ["fade-risk", "merge"].</summary>
    public static IReadOnlyList<string> Names(this DotFlags flags) =>
        All.Where(f => (flags & f.Flag) != 0).Select(f => f.Name).ToArray();
}
