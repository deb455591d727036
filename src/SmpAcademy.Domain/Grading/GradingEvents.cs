namespace SmpAcademy.Domain.Grading;

public enum GradeVerdict
{
    SignedOff,
    SentBack,
}

/// <summary>An instructor's comment, pinned to a position on the skin or to a dot.</summary>
public sealed record AnnotationAdded(Guid SessionId, string InstructorId, double? X, double? Y, long? DotSequence, string Text, DateTimeOffset At);

/// <summary>A completed attempt graded on the exercise's manual items (0–100 each) and signed off or sent back.</summary>
public sealed record AttemptGraded(Guid SessionId, string InstructorId, IReadOnlyDictionary<string, double> Items, GradeVerdict Verdict, string Comment, DateTimeOffset At);

/// <summary>A second instructor agrees with a grade, or overrides its verdict, with a reason.</summary>
public sealed record GradeModerated(Guid SessionId, string ModeratorId, bool Agrees, GradeVerdict Verdict, string Reason, DateTimeOffset At);
