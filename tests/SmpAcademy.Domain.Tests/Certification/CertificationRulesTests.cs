using System.Text.Json;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Domain.Tests.Certification;

public class CertificationRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Builds a trainee's history event by event, giving each a stable id.</summary>
    private sealed class History
    {
        private int _next;

        public List<RecordedEvent> Events { get; } = [];

        public RecordedEvent Add(string stream, object data)
        {
            var e = new RecordedEvent(new Guid(++_next, 0, 0, new byte[8]), stream, Events.Count(x => x.Stream == stream) + 1, data);
            Events.Add(e);
            return e;
        }

        /// <summary>A session of the exercise, completed after some hours, passed or not, and optionally graded.</summary>
        public Guid Session(string exercise, Guid course, int number, int day, double hours = 10, bool passed = true, GradeVerdict? grade = GradeVerdict.SignedOff)
        {
            var id = Guid.NewGuid();
            Add("trainee-ana", new PracticeSessionOpened("ana", id, exercise, course, number, day, T0.AddDays(day)));
            var summary = new SessionSummary(500, 90, 90, 90, new Dictionary<string, double>(), new Dictionary<string, int>(), TimeSpan.FromHours(hours));
            Add("trainee-ana", new PracticeSessionClosed("ana", id, summary, passed, passed ? [] : ["depth 60, needs 85"], T0.AddDays(day)));
            if (grade is { } verdict)
                Add($"session-{id:N}", new AttemptGraded(id, "ivy", new Dictionary<string, double>(), verdict, verdict == GradeVerdict.SentBack ? "redo" : "", T0.AddDays(day)));
            return id;
        }
    }

    /// <summary>Everything the program asks for, with the course days given.</summary>
    private static History Passing(int[]? courseDays = null, double hours = 10, GradeVerdict finalGrade = GradeVerdict.SignedOff)
    {
        var h = new History();
        h.Add("trainee-ana", new TraineeEnrolled("ana", "smp-practitioner", T0));
        foreach (var exercise in TestSkins.Program.Exercises.Where(e => e.Sessions == 1 && e.Id != "final-assessment"))
            h.Session(exercise.Id, Guid.NewGuid(), 1, 0, hours);
        var course = Guid.NewGuid();
        var days = courseDays ?? [0, 7, 14];
        for (var n = 0; n < 3; n++)
            h.Session("three-session-course", course, n + 1, days[n], hours, grade: n == 2 ? GradeVerdict.SignedOff : null);
        h.Session("final-assessment", Guid.NewGuid(), 1, 30, hours, grade: finalGrade);
        return h;
    }

    private static CertificationDecision Decide(History h) => CertificationRules.Decide("ana", TestSkins.Program, h.Events);

    private static RequirementResult Requirement(CertificationDecision d, string name) => d.Requirements.Single(r => r.Requirement == name);

    [Test]
    public void A_complete_history_is_certified_with_evidence_for_every_requirement()
    {
        var decision = Decide(Passing());
        Assert.That(decision.Requirements.Where(r => !r.Met).Select(r => $"{r.Requirement}: {r.Detail}"), Is.Empty);
        Assert.That(decision.Certified, Is.True);
        Assert.That(decision.Requirements, Has.All.Property(nameof(RequirementResult.Evidence)).Not.Empty);
        Assert.That(decision.Requirements.Select(r => r.Requirement), Does.Contain("module full-course").And.Contain("final assessment"));
    }

    [Test]
    public void The_final_assessment_cites_the_passing_session_and_its_sign_off()
    {
        var h = Passing();
        var final = Requirement(Decide(h), "final assessment");
        var closedFinal = h.Events.Single(e => e.Data is PracticeSessionClosed c && h.Events.Any(o => o.Data is PracticeSessionOpened { ExerciseId: "final-assessment" } op && op.SessionId == c.SessionId));
        Assert.That(final.Evidence[0], Is.EqualTo(closedFinal.EventId));
        Assert.That(h.Events.Single(e => e.EventId == final.Evidence[1]).Data, Is.TypeOf<AttemptGraded>());
    }

    [Test]
    public void Sessions_of_a_course_closer_than_the_healing_interval_do_not_count()
    {
        var decision = Decide(Passing(courseDays: [0, 5, 14]));
        Assert.That(decision.Certified, Is.False);
        Assert.That(Requirement(decision, "treatment courses with healing intervals").Detail, Does.Contain("7 course days apart"));
    }

    [Test]
    public void Too_few_hours_are_named_with_the_hours_found()
    {
        var decision = Decide(Passing(hours: 2));
        Assert.That(Requirement(decision, "practice hours").Met, Is.False);
        Assert.That(Requirement(decision, "practice hours").Detail, Is.EqualTo("20 h of active practice in 10 completed session(s), needs 90 h"));
    }

    [Test]
    public void A_moderator_overriding_the_final_sign_off_withholds_certification()
    {
        var h = Passing();
        var finalSession = h.Events.Select(e => e.Data).OfType<PracticeSessionOpened>().Single(o => o.ExerciseId == "final-assessment").SessionId;
        h.Add($"session-{finalSession:N}", new GradeModerated(finalSession, "max", false, GradeVerdict.SentBack, "hairline too straight", T0.AddDays(31)));

        var decision = Decide(h);

        Assert.That(decision.Certified, Is.False);
        Assert.That(Requirement(decision, "final assessment").Met, Is.False);
    }

    [Test]
    public void Without_enrolment_and_with_a_failed_module_it_says_both()
    {
        var h = Passing();
        h.Events.RemoveAll(e => e.Data is TraineeEnrolled);
        var failed = new History();
        failed.Events.AddRange(h.Events.Select(e => e.Data is PracticeSessionClosed { Passed: true } c && h.Events.Any(o => o.Data is PracticeSessionOpened { ExerciseId: "fut-camouflage" } op && op.SessionId == c.SessionId)
            ? e with { Data = c with { Passed = false } } : e));

        var decision = Decide(failed);

        Assert.That(Requirement(decision, "enrolled").Met, Is.False);
        Assert.That(Requirement(decision, "module scar-camouflage").Detail, Is.EqualTo("not yet passed: fut-camouflage"));
    }

    [Test]
    public void The_same_events_give_the_same_decision()
    {
        var h = Passing();
        Assert.That(JsonSerializer.Serialize(Decide(h)), Is.EqualTo(JsonSerializer.Serialize(CertificationRules.Decide("ana", TestSkins.Program, [.. h.Events]))));
    }

    private static readonly Actor Ana = new("ana", "trainee", null, "http");
    private static readonly Actor Ivy = new("ivy", "instructor", null, "hub");
    private static readonly Actor Root = new("root", "admin", null, "http");

    /// <summary>The same history as a current store records it: every event with who recorded it, ivy assigned by an admin.</summary>
    private static List<RecordedEvent> Attributed(History h, Func<RecordedEvent, Actor?>? by = null)
    {
        var assignment = new RecordedEvent(Guid.NewGuid(), "trainee-ana", 0, new InstructorAssigned("ana", "ivy", T0), new Provenance(Root));
        return [assignment, .. h.Events.Select(e => e with { Provenance = new Provenance(by?.Invoke(e) ?? (e.Data is AttemptGraded ? Ivy : Ana)) })];
    }

    [Test]
    public void Work_recorded_as_the_trainees_own_and_grades_by_the_assigned_instructor_count()
    {
        var decision = CertificationRules.Decide("ana", TestSkins.Program, Attributed(Passing()));
        Assert.That(decision.Certified, Is.True, string.Join("; ", decision.Requirements.Where(r => !r.Met).Select(r => r.Detail)));
        Assert.That(decision.Requirements.Select(r => r.Requirement), Does.Not.Contain(OwnWork.Requirement), "nothing was set aside");
    }

    [Test]
    public void A_session_an_admin_recorded_on_a_trainees_record_never_counts_and_is_listed()
    {
        var h = Passing();
        var final = h.Events.First(e => e.Data is PracticeSessionClosed c && h.Events.Any(o => o.Data is PracticeSessionOpened p && p.SessionId == c.SessionId && p.ExerciseId == "final-assessment"));

        var decision = CertificationRules.Decide("ana", TestSkins.Program, Attributed(h, e => e == final ? Root : null));

        Assert.That(decision.Certified, Is.False);
        Assert.That(Requirement(decision, "final assessment").Met, Is.False);
        var setAside = Requirement(decision, OwnWork.Requirement);
        Assert.That(setAside.Evidence, Does.Contain(final.EventId), "the session's closing is set aside, and so is its opening");
        Assert.That(setAside.Evidence, Has.Count.EqualTo(2));
        Assert.That(setAside.Detail, Does.Contain("1 by root (admin) via http"));
    }

    [Test]
    public void Grades_given_while_assigned_still_count_after_the_instructor_is_taken_off()
    {
        var unassigned = new RecordedEvent(Guid.NewGuid(), "trainee-ana", 1, new InstructorUnassigned("ana", "ivy", T0.AddDays(60)), new Provenance(Root));
        var decision = CertificationRules.Decide("ana", TestSkins.Program, [.. Attributed(Passing()), unassigned]);
        Assert.That(decision.Certified, Is.True, string.Join("; ", decision.Requirements.Where(r => !r.Met).Select(r => r.Detail)));

        var state = new TraineeState();
        foreach (var e in new object[] { new InstructorAssigned("ana", "ivy", T0), new InstructorAssigned("ana", "ira", T0), unassigned.Data })
            state.Apply(e);
        Assert.That(state.Instructors, Is.EqualTo(new[] { "ira" }));
    }

    [TestCase("someone-else", "instructor")]
    [TestCase("ivy", "admin")]
    public void A_grade_recorded_by_anyone_but_the_assigned_instructor_it_names_never_counts(string subject, string role)
    {
        var decision = CertificationRules.Decide("ana", TestSkins.Program, Attributed(Passing(), e => e.Data is AttemptGraded ? new Actor(subject, role, null, "hub") : null));

        Assert.That(decision.Certified, Is.False);
        Assert.That(Requirement(decision, "instructor sign-offs").Met, Is.False);
    }

    [Test]
    public void Events_written_by_no_signed_in_caller_do_not_count_but_those_from_before_provenance_do()
    {
        var unattributed = Passing().Events.Select(e => e with { Provenance = new Provenance(null) }).ToList();
        Assert.That(CertificationRules.Decide("ana", TestSkins.Program, unattributed).Certified, Is.False);
        Assert.That(Decide(Passing()).Certified, Is.True, "a history from before provenance (scheme 1) is decided as it always was");
    }
}
