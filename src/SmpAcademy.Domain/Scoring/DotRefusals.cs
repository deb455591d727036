using System.Globalization;

namespace SmpAcademy.Domain.Scoring;

/// <summary>Why a dot is refused: bad input, except a dot on a session that is not open.</summary>
public static class DotRefusals
{
    public static Refusal NotFinite(string field) =>
        Refusal.BadInput("not-finite", $"{field} must be a finite number");

    public static Refusal OutsideSkin(double x, double y, double width, double height) =>
        Refusal.BadInput("outside-skin", F($"position ({x}, {y}) mm is outside the skin (0–{width} × 0–{height} mm)"));

    public static Refusal NegativeDepth(double depth) =>
        Refusal.BadInput("negative-depth", F($"depth {depth} mm is negative"));

    public static Refusal TooDeep(double depth, double thickness, string zone) =>
        Refusal.BadInput("too-deep", F($"depth {depth} mm is beyond the skin's thickness of {thickness:0.###} mm in zone '{zone}'"));

    public static Refusal ShadeOutOfRange(double shade) =>
        Refusal.BadInput("shade-out-of-range", F($"shade {shade} is outside [0, 1]"));

    public static Refusal UnknownNeedle(string? needle, IEnumerable<string> known) =>
        Refusal.BadInput("unknown-needle", $"needle '{needle}' is unknown; use one of {string.Join(", ", known)}");

    public static Refusal SessionClosed(string state) =>
        Refusal.Conflict("session-closed", $"the session is {state}; no more dots can be placed");

    /// <summary>A pause is not an end: the trainee (or the instructor who paused it for coaching) resumes it.</summary>
    public static Refusal SessionPaused() =>
        Refusal.Conflict("session-paused", "the session is paused; resume it to place more dots");

    public static Refusal SessionNotStarted() =>
        Refusal.Conflict("session-not-started", "the session has not been started; start it to place dots");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
