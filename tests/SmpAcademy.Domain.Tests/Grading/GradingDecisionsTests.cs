using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Domain.Tests.Grading;

public class GradingDecisionsTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Instructors = ["ivy", "max"];
    private static readonly Programs.Exercise Hairline = TestSkins.Program.FindExercise("soft-hairline")!;

    private static readonly Dictionary<string, double> Items = Hairline.ManualItems.ToDictionary(i => i, _ => 80.0);

    private static PracticeSessionState Given(params object[] events)
    {
        var state = new PracticeSessionState();
        state.Apply(new SessionStarted(Id, "ana", "smp-practitioner", "soft-hairline", "norwood-3-hairline", Guid.NewGuid(), 1, 1, T0, []));
        foreach (var e in events)
            state.Apply(e);
        return state;
    }

    private static SessionCompleted Completed => new(Id, T0, Given().Tally.Summarise(TestSkins.Pad(), TimeSpan.Zero));

    // The zero-dot attempt misses its pass criteria, so a sign-off here says why unless a test is about that.
    private const string Why = "the skin shows what the scores miss";

    private static object Grade(PracticeSessionState s, string who = "ivy", Dictionary<string, double>? items = null, GradeVerdict verdict = GradeVerdict.SignedOff, string? comment = Why) =>
        GradingDecisions.Grade(s, Instructors, who, Hairline, items ?? Items, verdict, comment, T0);

    [Test]
    public void Only_an_assigned_instructor_grades_and_only_a_completed_attempt()
    {
        Assert.That(((Refusal)Grade(Given(Completed), who: "zed")).Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(((Refusal)Grade(Given())).Code, Is.EqualTo("not-completed"));
        Assert.That(Grade(Given(Completed)), Is.TypeOf<AttemptGraded>());
    }

    [Test]
    public void A_grade_covers_exactly_the_manual_items_and_sending_back_needs_a_reason()
    {
        var missing = new Dictionary<string, double>(Items);
        missing.Remove(Hairline.ManualItems[0]);
        Assert.That(((Refusal)Grade(Given(Completed), items: missing)).Message, Does.Contain("hairline naturalness"));
        Assert.That(((Refusal)Grade(Given(Completed), items: Items.ToDictionary(i => i.Key, _ => 101.0))).Code, Is.EqualTo("bad-grade"));
        Assert.That(((Refusal)Grade(Given(Completed), verdict: GradeVerdict.SentBack, comment: null)).Message, Does.Contain("say why"));
        Assert.That(Grade(Given(Completed), verdict: GradeVerdict.SentBack, comment: "temples too dense"), Is.TypeOf<AttemptGraded>());
    }

    [Test]
    public void Signing_off_an_attempt_that_misses_its_pass_criteria_needs_a_word_of_why()
    {
        var refused = (Refusal)Grade(Given(Completed), comment: " ");
        Assert.That((refused.Code, refused.Kind), Is.EqualTo(("sign-off-unmet", RefusalKind.BadInput)));
        Assert.That(refused.Message, Does.Contain("0 dots, needs").And.Contain("say in the comment why"));
        Assert.That(Grade(Given(Completed), comment: Why), Is.TypeOf<AttemptGraded>());
        Assert.That(Grade(Given(Completed), verdict: GradeVerdict.SentBack, comment: "too sparse"), Is.TypeOf<AttemptGraded>(), "sending back needs its own reason, no more");
    }

    [Test]
    public void Moderation_is_by_a_second_instructor_with_a_reason_and_an_override_changes_the_verdict()
    {
        var graded = Given(Completed, (AttemptGraded)Grade(Given(Completed)));
        Assert.That(((Refusal)GradingDecisions.Moderate(graded, Instructors, "ivy", true, null, "fine", T0)).Code, Is.EqualTo("own-grade"));
        Assert.That(((Refusal)GradingDecisions.Moderate(graded, Instructors, "max", true, null, " ", T0)).Code, Is.EqualTo("bad-moderation"));
        Assert.That(((Refusal)GradingDecisions.Moderate(graded, Instructors, "max", false, GradeVerdict.SignedOff, "same", T0)).Code, Is.EqualTo("bad-moderation"));
        var overridden = (GradeModerated)GradingDecisions.Moderate(graded, Instructors, "max", false, GradeVerdict.SentBack, "hairline is a straight line", T0);
        Assert.That(overridden.Verdict, Is.EqualTo(GradeVerdict.SentBack));
        Assert.That(((Refusal)GradingDecisions.Moderate(Given(Completed), Instructors, "max", true, null, "ok", T0)).Code, Is.EqualTo("not-graded"));
    }

    [Test]
    public void An_annotation_is_pinned_to_a_point_on_the_skin_or_to_an_existing_dot()
    {
        var skin = TestSkins.Shipped("norwood-3-hairline");
        var s = Given();
        Assert.That(GradingDecisions.Annotate(s, Instructors, "ivy", skin, 10, 10, null, "too dense here", T0), Is.TypeOf<AnnotationAdded>());
        Assert.That(((Refusal)GradingDecisions.Annotate(s, Instructors, "ivy", skin, 10, 999, null, "x", T0)).Message, Does.Contain("on the skin"));
        Assert.That(((Refusal)GradingDecisions.Annotate(s, Instructors, "ivy", skin, 10, 10, 1, "x", T0)).Message, Does.Contain("either"));
        Assert.That(((Refusal)GradingDecisions.Annotate(s, Instructors, "ivy", skin, null, null, 5, "x", T0)).Message, Does.Contain("dot 5 does not exist"));
        Assert.That(((Refusal)GradingDecisions.Annotate(s, Instructors, "ivy", skin, 1, 1, null, "", T0)).Code, Is.EqualTo("bad-annotation"));
    }
}
