using System.Globalization;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Domain.Grading;

/// <summary>Remote grading rules. Pure: state, the trainee's instructors, and the clock in; an event or a refusal out.</summary>
public static class GradingDecisions
{
    public static object Annotate(PracticeSessionState state, IReadOnlyCollection<string> instructors, string instructorId, PracticeSkin skin,
        double? x, double? y, long? dot, string text, DateTimeOffset now)
    {
        if (Unassigned(state, instructors, instructorId) is { } refused)
            return refused;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2000)
            return Bad("bad-annotation", "an annotation has 1 to 2,000 characters of text");
        if (StoredValues.CheckText("the annotation", text) is { } badText)
            return badText;
        (x, y) = (StoredValues.PositiveZero(x), StoredValues.PositiveZero(y));
        var pinnedToPoint = x is not null || y is not null;
        if (pinnedToPoint == (dot is not null))
            return Bad("bad-annotation", "pin an annotation either to a position (x and y) or to a dot (dotSequence)");
        if (pinnedToPoint && (x is not { } px || y is not { } py || !double.IsFinite(px) || !double.IsFinite(py) || !skin.Contains(new(px, py))))
            return Bad("bad-annotation", string.Create(CultureInfo.InvariantCulture, $"the position must lie on the skin (0–{skin.WidthMm} × 0–{skin.HeightMm} mm)"));
        if (dot is { } d && (d < 1 || d > state.LastSequence))
            return Bad("bad-annotation", $"dot {d} does not exist; the session has {state.LastSequence} dot(s)");
        return new AnnotationAdded(state.Started!.SessionId, instructorId, x, y, dot, text.Trim(), now);
    }

    public static object Grade(PracticeSessionState state, IReadOnlyCollection<string> instructors, string instructorId, Exercise exercise,
        IReadOnlyDictionary<string, double> items, GradeVerdict verdict, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(items);
        if (Unassigned(state, instructors, instructorId) is { } refused)
            return refused;
        if (state.Status != SessionStatus.Completed)
            return Conflict("not-completed", "only a completed attempt can be graded");
        if (state.Grade is not null)
            return Conflict("already-graded", $"this attempt was graded by {state.Grade.InstructorId}; a second instructor may moderate it");
        var expected = exercise.ManualItems.Order(StringComparer.Ordinal).ToArray();
        if (!items.Keys.Order(StringComparer.Ordinal).SequenceEqual(expected, StringComparer.Ordinal))
            return Bad("bad-grade", $"grade exactly the exercise's manual items: {string.Join(", ", expected.Select(e => $"'{e}'"))}");
        if (items.Values.Any(v => !double.IsFinite(v) || v < 0 || v > 100))
            return Bad("bad-grade", "each item is scored 0 to 100");
        if (StoredValues.CheckText("the comment", comment) is { } badText)
            return badText;
        if (verdict == GradeVerdict.SentBack && string.IsNullOrWhiteSpace(comment))
            return Bad("bad-grade", "say why when sending an attempt back");
        // Signing off what the scores say is not passed may be right (the instructor saw the skin), but never silently.
        if (verdict == GradeVerdict.SignedOff && string.IsNullOrWhiteSpace(comment) && state.Summary is { } summary
            && PassEvaluation.Unmet(exercise.PassCriteria, summary) is { Count: > 0 } unmet)
            return Bad("sign-off-unmet", $"this attempt does not meet its pass criteria ({string.Join("; ", unmet)}): say in the comment why you sign it off anyway");
        return new AttemptGraded(state.Started!.SessionId, instructorId, new SortedDictionary<string, double>(items.ToDictionary(i => i.Key, i => StoredValues.PositiveZero(i.Value)), StringComparer.Ordinal), verdict, comment?.Trim() ?? "", now);
    }

    public static object Moderate(PracticeSessionState state, IReadOnlyCollection<string> instructors, string moderatorId,
        bool agrees, GradeVerdict? overrideVerdict, string reason, DateTimeOffset now)
    {
        if (Unassigned(state, instructors, moderatorId) is { } refused)
            return refused;
        if (state.Grade is not { } grade)
            return Conflict("not-graded", "there is no grade to moderate yet");
        if (grade.InstructorId == moderatorId)
            return Conflict("own-grade", "a grade is moderated by a second instructor, not by its grader");
        if (state.Moderation is not null)
            return Conflict("already-moderated", $"this grade was moderated by {state.Moderation.ModeratorId}");
        if (string.IsNullOrWhiteSpace(reason))
            return Bad("bad-moderation", "give the reason for agreeing or overriding");
        if (StoredValues.CheckText("the reason", reason) is { } badText)
            return badText;
        if (!agrees && (overrideVerdict is not { } v || v == grade.Verdict))
            return Bad("bad-moderation", "an override names the other verdict");
        return new GradeModerated(state.Started!.SessionId, moderatorId, agrees, agrees ? grade.Verdict : overrideVerdict!.Value, reason.Trim(), now);
    }

    public static Refusal? Unassigned(PracticeSessionState state, IReadOnlyCollection<string> instructors, string instructorId) =>
        state.Started is null ? Refusal.Conflict("not-started", "the session has not been started")
        : instructors.Contains(instructorId) ? null
        : Refusal.Forbidden("not-assigned", $"instructor '{instructorId}' is not assigned to trainee '{state.Started.TraineeId}'");

    private static Refusal Bad(string code, string message) => Refusal.BadInput(code, message);

    private static Refusal Conflict(string code, string message) => Refusal.Conflict(code, message);
}
