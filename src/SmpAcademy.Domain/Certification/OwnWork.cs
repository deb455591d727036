using System.Globalization;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Domain.Certification;

/// <summary>
/// What may count as certification evidence, by who recorded it: the trainee's own enrolment and practice, grades and
/// moderations by the assigned instructor they name, assignments by an admin. Anything else that provenance says was
/// recorded by someone else (an admin filling a trainee's sessions, an instructor grading in another's name, a write
/// no signed-in caller made) is set aside and listed. Events from before provenance was recorded count as they did.
/// </summary>
public static class OwnWork
{
    public const string Requirement = "own work";

    /// <summary>The history without what does not count, and a note of what was set aside (null when nothing was).</summary>
    public static (IReadOnlyList<RecordedEvent> Counted, RequirementResult? SetAside) Sort(string traineeId, IReadOnlyList<RecordedEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var assigned = history.Where(e => e.Data is InstructorAssigned a && a.TraineeId == traineeId && Counts(e, traineeId, Nobody))
            .Select(e => ((InstructorAssigned)e.Data).InstructorId).ToHashSet(StringComparer.Ordinal);
        var setAside = history.Where(e => !Counts(e, traineeId, assigned)).ToList();
        // A session with anything in it not the trainee's own is not the trainee's practice: its opening and closing go too.
        var tainted = setAside.Select(e => SessionOf(e.Data)).OfType<Guid>().ToHashSet();
        setAside.AddRange(history.Where(e => e.Data is PracticeSessionOpened or PracticeSessionClosed && tainted.Contains(SessionOf(e.Data)!.Value) && !setAside.Contains(e)));
        if (setAside.Count == 0)
            return (history, null);
        var note = new RequirementResult(Requirement, true,
            string.Create(CultureInfo.InvariantCulture, $"{setAside.Count} event(s) not counted: recorded by someone other than the trainee, an assigned instructor or an admin where each is due ({Who(setAside)})"),
            [.. setAside.Select(e => e.EventId)]);
        return ([.. history.Except(setAside)], note);
    }

    private static readonly HashSet<string> Nobody = [];

    private static Guid? SessionOf(object data) => data switch
    {
        SessionStarted s => s.SessionId,
        DotPlaced d => d.SessionId,
        SessionCompleted c => c.SessionId,
        PracticeSessionOpened o => o.SessionId,
        PracticeSessionClosed c => c.SessionId,
        _ => null,
    };

    private static bool Counts(RecordedEvent e, string traineeId, HashSet<string> assigned) => e.Provenance is not { } provenance || e.Data switch
    {
        TraineeEnrolled or CertificationApplied or CourseDaysAdvanced or PracticeSessionOpened or PracticeSessionClosed
            or SessionStarted or DotPlaced or SessionCompleted => provenance.By is { Role: "trainee" } by && by.Subject == traineeId,
        AttemptGraded g => provenance.By is { Role: "instructor" } by && by.Subject == g.InstructorId && assigned.Contains(by.Subject),
        GradeModerated m => provenance.By is { Role: "instructor" } by && by.Subject == m.ModeratorId && assigned.Contains(by.Subject),
        InstructorAssigned or InstructorUnassigned => provenance.By is { Role: "admin" },
        _ => true,
    };

    private static string Who(IEnumerable<RecordedEvent> events) =>
        string.Join(", ", events.GroupBy(e => e.Provenance?.By?.ToString() ?? "no signed-in caller").Select(g => $"{g.Count()} by {g.Key}"));
}
