using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Domain.Tests.Trainees;

public class TraineeDecisionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly CertificationProgram Program = TestSkins.Program;
    private static readonly Guid Course = Guid.NewGuid();
    private static readonly SessionSummary Summary = new(10, 90, 90, 90, new Dictionary<string, double>(), new Dictionary<string, int>(), TimeSpan.FromMinutes(5));

    private static TraineeState Given(params object[] events)
    {
        var state = new TraineeState();
        foreach (var e in events)
            state.Apply(e);
        return state;
    }

    private static object Place(TraineeState state, string exercise = "three-session-course", Guid? course = null) =>
        TraineeDecisions.PlaceSession(state, Program, exercise, course, Guid.NewGuid());

    private static readonly TraineeEnrolled Enrolled = new("ada", "smp-practitioner", T0);

    private static PracticeSessionOpened Opened(Guid session, int number) => new("ada", session, "three-session-course", Course, number, 0, T0);

    [Test]
    public void A_trainee_must_be_enrolled_to_practise() =>
        Assert.That(((Refusal)Place(Given())).Code, Is.EqualTo("not-enrolled"));

    [Test]
    public void Only_exercises_of_the_program_can_be_practised() =>
        Assert.That(((Refusal)Place(Given(Enrolled), "juggling")).Code, Is.EqualTo("unknown-exercise"));

    [Test]
    public void A_new_course_starts_at_session_one_on_day_zero()
    {
        var placement = (SessionPlacement)Place(Given(Enrolled));
        Assert.That((placement.CourseSessionNumber, placement.CourseDay, placement.EarlierSessions.Count), Is.EqualTo((1, 0, 0)));
    }

    [Test]
    public void The_next_session_of_a_course_waits_for_the_healing_interval()
    {
        var first = Guid.NewGuid();
        var healing = Given(Enrolled, Opened(first, 1), new PracticeSessionClosed("ada", first, Summary, true, [], T0), new CourseDaysAdvanced("ada", Course, 6, T0));

        var refused = (Refusal)Place(healing, course: Course);
        Assert.That(refused.Code, Is.EqualTo("healing-interval"));
        Assert.That(refused.Message, Does.Contain("7 course days").And.Contain("6 have passed"));

        healing.Apply(new CourseDaysAdvanced("ada", Course, 1, T0));
        var placement = (SessionPlacement)Place(healing, course: Course);
        Assert.That(placement.CourseSessionNumber, Is.EqualTo(2));
        Assert.That(placement.CourseDay, Is.EqualTo(7));
        Assert.That(placement.EarlierSessions, Is.EqualTo(new[] { first }));
    }

    [Test]
    public void A_course_cannot_continue_while_its_session_is_open_nor_beyond_its_sessions()
    {
        var first = Guid.NewGuid();
        Assert.That(((Refusal)Place(Given(Enrolled, Opened(first, 1)), course: Course)).Code, Is.EqualTo("session-open"));

        var full = Given(Enrolled);
        for (var n = 1; n <= 3; n++)
        {
            var s = Guid.NewGuid();
            full.Apply(Opened(s, n));
            full.Apply(new PracticeSessionClosed("ada", s, Summary, true, [], T0));
            full.Apply(new CourseDaysAdvanced("ada", Course, 7, T0));
        }

        Assert.That(((Refusal)Place(full, course: Course)).Code, Is.EqualTo("course-finished"));
    }

    [Test]
    public void Enrolling_twice_is_refused() =>
        Assert.That(TraineeDecisions.Enroll(Given(Enrolled), "ada", Program, T0), Is.TypeOf<Refusal>());

    [Test]
    public void Pass_criteria_name_every_unmet_requirement()
    {
        var criteria = Program.FindExercise("depth-ladder")!.PassCriteria;
        var unmet = PassEvaluation.Unmet(criteria, Summary);
        Assert.That(unmet, Has.Some.Contains("10 dots, needs 300"));
        Assert.That(unmet, Has.Some.Contains("minutes of practice, needs 20"));
        Assert.That(unmet, Has.None.Contains("depth"), "depth 90 meets 85");
    }
}
