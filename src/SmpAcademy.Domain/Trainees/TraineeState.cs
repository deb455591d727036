namespace SmpAcademy.Domain.Trainees;

/// <summary>A trainee as their events make them. Mutated only by <see cref="Apply"/>.</summary>
public sealed class TraineeState
{
    public string? ProgramId { get; set; }

    public List<string> Instructors { get; set; } = [];

    /// <summary>Bodies the trainee applied to: the only ones whose auditors may read their history.</summary>
    public List<string> AppliedTo { get; set; } = [];

    public Dictionary<Guid, CourseProgress> Courses { get; set; } = [];

    public Dictionary<Guid, SessionRecord> Sessions { get; set; } = [];

    public void Apply(object @event)
    {
        switch (@event)
        {
            case TraineeEnrolled e:
                ProgramId = e.ProgramId;
                break;
            case InstructorAssigned e when !Instructors.Contains(e.InstructorId):
                Instructors.Add(e.InstructorId);
                break;
            case InstructorAssigned:
                break;
            case InstructorUnassigned e:
                Instructors.Remove(e.InstructorId);
                break;
            case CertificationApplied e:
                AppliedTo.Add(e.BodyId);
                break;
            case CourseDaysAdvanced e:
                Courses[e.CourseId].Day += e.Days;
                break;
            case PracticeSessionOpened e:
                if (!Courses.TryGetValue(e.CourseId, out var course))
                    Courses[e.CourseId] = course = new CourseProgress { ExerciseId = e.ExerciseId };
                course.Sessions.Add(e.SessionId);
                Sessions[e.SessionId] = new SessionRecord { Opened = e };
                break;
            case PracticeSessionClosed e:
                Sessions[e.SessionId].Closed = e;
                if (e.Summary is not null)
                    Courses[Sessions[e.SessionId].Opened.CourseId].LastCompletedDay = Courses[Sessions[e.SessionId].Opened.CourseId].Day;
                break;
            default:
                throw new ArgumentException($"not a trainee event: {@event.GetType().Name}", nameof(@event));
        }
    }
}

public sealed class CourseProgress
{
    public string ExerciseId { get; set; } = "";

    public int Day { get; set; }

    public int? LastCompletedDay { get; set; }

    public List<Guid> Sessions { get; set; } = [];
}

public sealed class SessionRecord
{
    public PracticeSessionOpened Opened { get; set; } = null!;

    public PracticeSessionClosed? Closed { get; set; }
}
