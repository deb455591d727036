using System.Globalization;

namespace SmpAcademy.Domain.Scoring;

/// <summary>Why a dot was refused; a refused dot changes nothing.</summary>
public sealed record DotRejection(string Code, string Message)
{
    public static DotRejection NotFinite(string field) =>
        new("not-finite", $"{field} must be a finite number");

    public static DotRejection OutsideSkin(double x, double y, double width, double height) =>
        new("outside-skin", F($"position ({x}, {y}) mm is outside the skin (0–{width} × 0–{height} mm)"));

    public static DotRejection NegativeDepth(double depth) =>
        new("negative-depth", F($"depth {depth} mm is negative"));

    public static DotRejection TooDeep(double depth, double thickness, string zone) =>
        new("too-deep", F($"depth {depth} mm is beyond the skin's thickness of {thickness:0.###} mm in zone '{zone}'"));

    public static DotRejection ShadeOutOfRange(double shade) =>
        new("shade-out-of-range", F($"shade {shade} is outside [0, 1]"));

    public static DotRejection UnknownNeedle(string? needle, IEnumerable<string> known) =>
        new("unknown-needle", $"needle '{needle}' is unknown; use one of {string.Join(", ", known)}");

    public static DotRejection SessionClosed(string state) =>
        new("session-closed", $"the session is {state}; no more dots can be placed");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

public sealed class DotRejectedException(DotRejection rejection) : Exception(rejection.Message)
{
    public DotRejection Rejection { get; } = rejection;
}
