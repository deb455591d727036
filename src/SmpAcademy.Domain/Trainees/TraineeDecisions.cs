using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Domain.Trainees;

/// <summary>Where a new session goes: its course (skin instance), number in the course and course day.</summary>
public sealed record SessionPlacement(Guid CourseId, int CourseSessionNumber, int CourseDay, IReadOnlyList<Guid> EarlierSessions);

/// <summary>What a trainee's history allows. Pure: state, program and clock in, decision out.</summary>
public static class TraineeDecisions
{
    public static object Enroll(TraineeState state, string traineeId, CertificationProgram program, DateTimeOffset now) =>
        state.ProgramId switch
        {
            null => new TraineeEnrolled(traineeId, program.Id, now, program.Digest),
            var p when p == program.Id => Refuse("already-enrolled", $"already enrolled in '{p}'"),
            var p => Refuse("enrolled-elsewhere", $"already enrolled in '{p}'; one program at a time"),
        };

    public static object ApplyForCertification(TraineeState state, string traineeId, CertificationProgram program, string bodyId, DateTimeOffset now)
    {
        if (state.ProgramId != program.Id)
            return Refuse("not-enrolled", $"enroll in '{program.Id}' before applying for its certificate");
        if (program.FindBody(bodyId) is null)
        {
            return Refusal.BadInput("unknown-body", $"'{bodyId}' does not award '{program.Id}'; bodies: {string.Join(", ", program.Bodies.Select(b => b.Id))}");
        }

        return state.AppliedTo.Contains(bodyId)
            ? Refuse("already-applied", $"already applied to '{bodyId}'")
            : new CertificationApplied(traineeId, bodyId, program.Id, now);
    }

    /// <summary>
    /// A new session of <paramref name="exercise"/>: a new course when <paramref name="courseId"/> is null,
    /// else the next session of that course once its last session has healed.
    /// </summary>
    public static object PlaceSession(TraineeState state, CertificationProgram program, string exerciseId, Guid? courseId, Guid newCourseId)
    {
        if (state.ProgramId is null)
            return Refuse("not-enrolled", "enroll in a program before practising");
        if (state.ProgramId != program.Id || program.FindExercise(exerciseId) is not { } exercise)
            return Refuse("unknown-exercise", $"exercise '{exerciseId}' is not in program '{state.ProgramId}'");
        if (courseId is null)
            return new SessionPlacement(newCourseId, 1, 0, []);
        if (!state.Courses.TryGetValue(courseId.Value, out var course))
            return Refuse("unknown-course", $"course {courseId} is not one of this trainee's");
        if (course.ExerciseId != exerciseId)
            return Refuse("wrong-course", $"course {courseId} is for exercise '{course.ExerciseId}', not '{exerciseId}'");
        if (course.Sessions.Count >= exercise.Sessions)
            return Refuse("course-finished", $"the course already has its {exercise.Sessions} session(s)");
        var open = course.Sessions.FirstOrDefault(s => state.Sessions[s].Closed is null);
        if (open != Guid.Empty)
            return Refuse("session-open", $"session {open} of this course is still open; complete or abandon it first");
        if (course.LastCompletedDay is not { } healedFrom)
            return Refuse("nothing-to-heal", "no session of this course was completed; start the course again");
        var healed = course.Day - healedFrom;
        if (healed < exercise.HealingIntervalDays)
        {
            return Refuse("healing-interval",
                $"the skin needs {exercise.HealingIntervalDays} course days to heal between sessions; {healed} have passed. Advance the course clock by {exercise.HealingIntervalDays - healed} day(s).");
        }

        var earlier = course.Sessions.Where(s => state.Sessions[s].Closed?.Summary is not null).ToArray();
        return new SessionPlacement(courseId.Value, course.Sessions.Count + 1, course.Day, earlier);
    }

    public static object AdvanceCourse(TraineeState state, string traineeId, Guid courseId, int days, DateTimeOffset now)
    {
        if (!state.Courses.ContainsKey(courseId))
            return Refuse("unknown-course", $"course {courseId} is not one of this trainee's");
        return days is < 1 or > 365 ? Refuse("bad-days", "advance a course by 1 to 365 days") : new CourseDaysAdvanced(traineeId, courseId, days, now);
    }

    private static Refusal Refuse(string code, string message) => Refusal.Conflict(code, message);
}
