using System.Globalization;
using System.Text.Json.Nodes;
using SmpAcademy.Audit.Xapi;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;
using SmpAcademy.Testing;

namespace SmpAcademy.Audit.Tests.Xapi;

public sealed class XapiExportTests
{
    private const string Trainee = "trainee-ada";
    private const string Instructor = "instructor-ben";
    private const string Moderator = "instructor-cleo";
    private static readonly Uri HomePage = new("https://academy.example/");
    private static readonly Guid Hairline = new("aaaaaaaa-0000-4000-8000-000000000001");
    private static readonly Guid Ladder = new("bbbbbbbb-0000-4000-8000-000000000002");
    private static readonly Guid HairlineCourse = new("cccccccc-0000-4000-8000-000000000003");
    private static readonly Guid LadderCourse = new("dddddddd-0000-4000-8000-000000000004");

    // Clocks are at +02:00 so that the export has to convert to UTC.
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 10, 0, 0, 123, TimeSpan.FromHours(2));

    private static readonly SessionSummary HairlineSummary = new(
        Dots: 812,
        MeanDepthScore: 88,
        MeanSpacingScore: 80.5,
        MeanShadeScore: 77.25,
        ZoneDensityPerCm2: new Dictionary<string, double> { ["hairline"] = 21.5 },
        FlagCounts: new Dictionary<string, int> { ["off-shade"] = 12, ["merge"] = 3 },
        ActiveDuration: new TimeSpan(0, 1, 2, 3, 500));

    private CertificationProgram _program = null!;

    [OneTimeSetUp]
    public void LoadProgram() => _program = CurriculumLoader.Load(RepoPaths.Curriculum).Programs["smp-practitioner"];

    /// <summary>
    /// Ada's history as the trainee history loader reads it: her own stream, then each session's stream in
    /// the order opened. A soft hairline is completed, passed, signed off and then sent back by a moderator;
    /// a depth ladder is abandoned.
    /// </summary>
    private static List<RecordedEvent> History(DateTimeOffset? start = null)
    {
        var t = start ?? Start;
        var events = new List<RecordedEvent>();
        var trainee = $"trainee-{Trainee}";
        void Add(string stream, object data) => events.Add(new(EventId(events.Count + 1), stream, events.Count(e => e.Stream == stream) + 1, data));

        Add(trainee, new TraineeEnrolled(Trainee, "smp-practitioner", t));
        Add(trainee, new InstructorAssigned(Trainee, Instructor, t.AddMinutes(1)));
        Add(trainee, new PracticeSessionOpened(Trainee, Hairline, "soft-hairline", HairlineCourse, 1, 0, t.AddHours(1)));
        Add(trainee, new PracticeSessionClosed(Trainee, Hairline, HairlineSummary, true, [], t.AddHours(2.5)));
        Add(trainee, new PracticeSessionOpened(Trainee, Ladder, "depth-ladder", LadderCourse, 1, 0, t.AddDays(1)));
        Add(trainee, new PracticeSessionClosed(Trainee, Ladder, null, false, ["not completed"], t.AddDays(1).AddMinutes(5)));

        var hairline = $"session-{Hairline}";
        Add(hairline, new SessionStarted(Hairline, Trainee, "smp-practitioner", "soft-hairline", "norwood-3-hairline", HairlineCourse, 1, 1, t.AddHours(1), []));
        Add(hairline, Dot(Hairline, 1, t.AddHours(1).AddSeconds(10)));
        Add(hairline, Dot(Hairline, 2, t.AddHours(1).AddSeconds(11)));
        Add(hairline, new SessionPaused(Hairline, t.AddHours(1.5)));
        Add(hairline, new SessionResumed(Hairline, t.AddHours(1.6)));
        Add(hairline, Dot(Hairline, 3, t.AddHours(1.7)));
        Add(hairline, new SessionCompleted(Hairline, t.AddHours(2.5), HairlineSummary));
        Add(hairline, new AnnotationAdded(Hairline, Instructor, 40, 12, null, "the left temple is too dense", t.AddHours(3)));
        Add(hairline, new AttemptGraded(Hairline, Instructor,
            new SortedDictionary<string, double>(StringComparer.Ordinal) { ["hairline naturalness"] = 80, ["soft transition zone"] = 75, ["temple symmetry"] = 70 },
            GradeVerdict.SignedOff, "good irregularity at the leading edge", t.AddHours(4)));
        Add(hairline, new GradeModerated(Hairline, Moderator, false, GradeVerdict.SentBack, "temples visibly asymmetric", t.AddHours(5)));

        var ladder = $"session-{Ladder}";
        Add(ladder, new SessionStarted(Ladder, Trainee, "smp-practitioner", "depth-ladder", "flat-practice-pad", LadderCourse, 1, 1, t.AddDays(1), []));
        Add(ladder, Dot(Ladder, 1, t.AddDays(1).AddSeconds(30)));
        Add(ladder, new SessionAbandoned(Ladder, t.AddDays(1).AddMinutes(5), "phone call"));
        return events;
    }

    private static Guid EventId(int n) => new($"eeeeeeee-0000-4000-8000-{n:x12}");

    private static DotPlaced Dot(Guid session, long sequence, DateTimeOffset at) =>
        new(session, sequence, 10 + sequence, 20, "1RL", 1.2, 0.4, at, 1, "hairline", 90, 80, 75, DotFlags.None);

    private JsonArray Export(IReadOnlyList<RecordedEvent>? history = null) =>
        XapiExport.Statements(Trainee, _program, history ?? History(), HomePage);

    private static JsonObject[] Objects(JsonArray statements) => [.. statements.Select(s => s!.AsObject())];

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static double Number(JsonNode? node) => double.Parse(node!.ToJsonString(), CultureInfo.InvariantCulture);

    private JsonObject StatementFor(Guid eventId) =>
        Objects(Export()).Single(s => Text(s["id"]) == eventId.ToString());

    private static Guid IdOf<T>(IReadOnlyList<RecordedEvent> history, Func<T, bool>? where = null) =>
        history.Single(e => e.Data is T data && (where is null || where(data))).EventId;

    [Test]
    public void Milestones_become_statements_in_history_order_and_nothing_else_does()
    {
        var verbs = Objects(Export()).Select(s => Text(s["verb"]!["id"])).ToArray();

        Assert.That(verbs, Is.EqualTo(new[]
        {
            "http://adlnet.gov/expapi/verbs/attempted",
            "http://adlnet.gov/expapi/verbs/completed",
            "http://adlnet.gov/expapi/verbs/attempted",
            "https://w3id.org/xapi/adl/verbs/abandoned",
            "https://academy.example/xapi/verbs/signed-off",
            "https://academy.example/xapi/verbs/moderated",
        }));
    }

    [Test]
    public void Derivation_1_is_kept_as_it_was_for_exports_made_before()
    {
        // Bundles exported before derivation 2 are verified by deriving them again the old way, so it must not drift.
        var old = Objects(XapiExport.Statements(Trainee, _program, History(), HomePage, derivation: 1));

        Assert.That(old.Select(s => Text(s["verb"]!["id"])).TakeLast(2), Is.EqualTo(new[] { "http://adlnet.gov/expapi/verbs/passed", "http://adlnet.gov/expapi/verbs/failed" }));
        Assert.That(old.Select(s => s["result"]?["success"]?.GetValue<bool>()).TakeLast(2), Is.EqualTo(new bool?[] { true, false }));
        Assert.That(old.Select(s => s["context"]!["extensions"]!.AsObject().ContainsKey("https://academy.example/xapi/extensions/derivation")), Has.All.False);
        Assert.That(() => XapiExport.Statements(Trainee, _program, History(), HomePage, derivation: 3), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Every_statement_names_its_derivation()
    {
        Assert.That(Objects(Export()).Select(s => s["context"]!["extensions"]!["https://academy.example/xapi/extensions/derivation"]!.GetValue<int>()),
            Has.All.EqualTo(XapiExport.Derivation));
    }

    [Test]
    public void Each_verb_has_an_english_display()
    {
        var displays = Objects(Export()).Select(s => Text(s["verb"]!["display"]!["en-US"])).ToArray();

        Assert.That(displays, Is.EqualTo(new[] { "attempted", "completed", "attempted", "abandoned", "signed off", "moderated" }));
    }

    [Test]
    public void Statement_ids_are_the_event_ids_of_the_milestones()
    {
        var history = History();
        var expected = history.Where(e => e.Data is PracticeSessionOpened or PracticeSessionClosed or AttemptGraded or GradeModerated)
            .Select(e => e.EventId.ToString()).ToArray();

        var ids = Objects(Export(history)).Select(s => Text(s["id"])).ToArray();

        Assert.That(ids, Is.EqualTo(expected));
        var dotIds = history.Where(e => e.Data is DotPlaced).Select(e => e.EventId.ToString());
        Assert.That(ids, Has.None.AnyOf(dotIds.ToArray<object>()));
    }

    [Test]
    public void Every_exported_statement_passes_validation()
    {
        var statements = Objects(Export());

        Assert.That(statements, Has.Length.EqualTo(6));
        Assert.Multiple(() =>
        {
            foreach (var statement in statements)
                Assert.That(XapiExport.Validate(statement), Is.Empty, Text(statement["id"]));
        });
    }

    [Test]
    public void Actor_is_the_trainee_account_on_the_platform()
    {
        var actor = StatementFor(IdOf<PracticeSessionOpened>(History(), o => o.SessionId == Hairline))["actor"]!;

        Assert.That(actor.ToJsonString(), Is.EqualTo("""{"objectType":"Agent","account":{"homePage":"https://academy.example/","name":"trainee-ada"}}"""));
    }

    [Test]
    public void Object_is_the_exercise_named_from_the_program()
    {
        var activity = StatementFor(IdOf<PracticeSessionOpened>(History(), o => o.SessionId == Hairline))["object"]!;
        var exercise = _program.FindExercise("soft-hairline")!;

        Assert.Multiple(() =>
        {
            Assert.That(Text(activity["objectType"]), Is.EqualTo("Activity"));
            Assert.That(Text(activity["id"]), Is.EqualTo("https://academy.example/exercises/soft-hairline"));
            Assert.That(Text(activity["definition"]!["name"]!["en"]), Is.EqualTo(exercise.Name));
            Assert.That(Text(activity["definition"]!["description"]!["en"]), Is.EqualTo(exercise.Description));
            Assert.That(Text(activity["definition"]!["type"]), Is.EqualTo("http://adlnet.gov/expapi/activities/simulation"));
        });
    }

    [Test]
    public void Grades_are_about_the_exercise_their_session_was_opened_for()
    {
        var objects = Objects(Export()).Select(s => Text(s["object"]!["id"])).ToArray();

        Assert.That(objects, Is.EqualTo(new[]
        {
            "https://academy.example/exercises/soft-hairline",
            "https://academy.example/exercises/soft-hairline",
            "https://academy.example/exercises/depth-ladder",
            "https://academy.example/exercises/depth-ladder",
            "https://academy.example/exercises/soft-hairline",
            "https://academy.example/exercises/soft-hairline",
        }));
    }

    [Test]
    public void Context_registers_the_session_within_the_program()
    {
        var context = StatementFor(IdOf<PracticeSessionOpened>(History(), o => o.SessionId == Ladder))["context"]!;
        var parent = context["contextActivities"]!["parent"]!.AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(Text(context["registration"]), Is.EqualTo(Ladder.ToString()));
            Assert.That(Text(context["platform"]), Is.EqualTo("SmpAcademy"));
            Assert.That(parent, Has.Count.EqualTo(1));
            Assert.That(Text(parent[0]!["id"]), Is.EqualTo("https://academy.example/programs/smp-practitioner"));
            Assert.That(Text(parent[0]!["definition"]!["type"]), Is.EqualTo("http://adlnet.gov/expapi/activities/course"));
            Assert.That(Text(parent[0]!["definition"]!["name"]!["en"]), Is.EqualTo(_program.Name));
            Assert.That(Text(context["extensions"]!["https://academy.example/xapi/extensions/session-id"]), Is.EqualTo(Ladder.ToString()));
            Assert.That(Text(context["extensions"]!["https://academy.example/xapi/extensions/course-id"]), Is.EqualTo(LadderCourse.ToString()));
            Assert.That(context["extensions"]!["https://academy.example/xapi/extensions/course-session-number"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(context["instructor"], Is.Null);
        });
    }

    [Test]
    public void Timestamp_is_the_events_own_time_in_utc_with_milliseconds()
    {
        var timestamps = Objects(Export()).Select(s => Text(s["timestamp"])).ToArray();

        Assert.That(timestamps, Is.EqualTo(new[]
        {
            "2025-03-14T09:00:00.123Z",
            "2025-03-14T10:30:00.123Z",
            "2025-03-15T08:00:00.123Z",
            "2025-03-15T08:05:00.123Z",
            "2025-03-14T12:00:00.123Z",
            "2025-03-14T13:00:00.123Z",
        }));
    }

    [Test]
    public void Completed_session_carries_its_summary_as_the_result()
    {
        var result = StatementFor(IdOf<PracticeSessionClosed>(History(), c => c.SessionId == Hairline))["result"]!;
        var extensions = result["extensions"]!;
        const string x = "https://academy.example/xapi/extensions/";

        Assert.Multiple(() =>
        {
            Assert.That(result["completion"]!.GetValue<bool>(), Is.True);
            Assert.That(result["success"]!.GetValue<bool>(), Is.True);
            Assert.That(Text(result["duration"]), Is.EqualTo("PT1H2M3.5S"));
            // (88 + 80.5 + 77.25) / 3 = 81.91666…
            Assert.That(Number(result["score"]!["scaled"]), Is.EqualTo(0.8192));
            Assert.That(Number(result["score"]!["raw"]), Is.EqualTo(81.92));
            Assert.That(Number(result["score"]!["min"]), Is.Zero);
            Assert.That(Number(result["score"]!["max"]), Is.EqualTo(100));
            Assert.That(Number(extensions[x + "mean-depth-score"]), Is.EqualTo(88));
            Assert.That(Number(extensions[x + "mean-spacing-score"]), Is.EqualTo(80.5));
            Assert.That(Number(extensions[x + "mean-shade-score"]), Is.EqualTo(77.25));
            Assert.That(extensions[x + "dots"]!.GetValue<int>(), Is.EqualTo(812));
            Assert.That(extensions[x + "flag-counts"]!.ToJsonString(), Is.EqualTo("""{"merge":3,"off-shade":12}"""));
            Assert.That(extensions[x + "unmet-criteria"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public void Failed_completion_lists_the_unmet_criteria()
    {
        var history = History();
        var i = history.FindIndex(e => e.Data is PracticeSessionClosed { SessionId: var s } && s == Hairline);
        history[i] = history[i] with { Data = new PracticeSessionClosed(Trainee, Hairline, HairlineSummary, false, ["shade 77.2, needs 80", "off-shade on 11.5% of dots, at most 10.0%"], Start.AddHours(2.5)) };

        var result = Objects(Export(history))[1]["result"]!;

        Assert.That(result["success"]!.GetValue<bool>(), Is.False);
        Assert.That(result["extensions"]!["https://academy.example/xapi/extensions/unmet-criteria"]!.AsArray().Select(Text),
            Is.EqualTo(new[] { "shade 77.2, needs 80", "off-shade on 11.5% of dots, at most 10.0%" }));
    }

    [Test]
    public void Abandoned_session_has_no_result()
    {
        var statement = StatementFor(IdOf<PracticeSessionClosed>(History(), c => c.SessionId == Ladder));

        Assert.That(Text(statement["verb"]!["id"]), Is.EqualTo("https://w3id.org/xapi/adl/verbs/abandoned"));
        Assert.That(statement["result"], Is.Null);
    }

    [Test]
    public void Grade_names_its_instructor_scores_the_items_and_claims_no_pass()
    {
        var statement = StatementFor(IdOf<AttemptGraded>(History()));
        var result = statement["result"]!;

        Assert.Multiple(() =>
        {
            Assert.That(Text(statement["verb"]!["id"]), Is.EqualTo("https://academy.example/xapi/verbs/signed-off"));
            Assert.That(statement["context"]!["instructor"]!.ToJsonString(),
                Is.EqualTo("""{"objectType":"Agent","account":{"homePage":"https://academy.example/","name":"instructor-ben"}}"""));
            Assert.That(Text(statement["context"]!["registration"]), Is.EqualTo(Hairline.ToString()));
            // Signing off one attempt is not passing the module, which the certification decision alone says.
            Assert.That(result.AsObject().ContainsKey("success"), Is.False);
            Assert.That(Text(result["extensions"]!["https://academy.example/xapi/extensions/verdict"]), Is.EqualTo("signed-off"));
            Assert.That(Text(result["response"]), Is.EqualTo("good irregularity at the leading edge"));
            Assert.That(Number(result["score"]!["scaled"]), Is.EqualTo(0.75));
            Assert.That(result["extensions"]!["https://academy.example/xapi/extensions/grade-items"]!.ToJsonString(),
                Is.EqualTo("""{"hairline naturalness":80,"soft transition zone":75,"temple symmetry":70}"""));
        });
    }

    [Test]
    public void Moderation_that_sends_back_is_by_the_moderator_referring_to_the_grade()
    {
        var history = History();
        var statement = StatementFor(IdOf<GradeModerated>(history));
        var result = statement["result"]!;

        Assert.Multiple(() =>
        {
            Assert.That(Text(statement["verb"]!["id"]), Is.EqualTo("https://academy.example/xapi/verbs/moderated"));
            Assert.That(Text(statement["context"]!["instructor"]!["account"]!["name"]), Is.EqualTo(Moderator));
            Assert.That(Text(statement["context"]!["statement"]!["id"]), Is.EqualTo(IdOf<AttemptGraded>(history).ToString()));
            Assert.That(result.AsObject().ContainsKey("success"), Is.False);
            Assert.That(Text(result["extensions"]!["https://academy.example/xapi/extensions/verdict"]), Is.EqualTo("sent-back"));
            Assert.That(Text(result["response"]), Is.EqualTo("temples visibly asymmetric"));
            Assert.That(result["extensions"]!["https://academy.example/xapi/extensions/moderation-agrees"]!.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public void Two_exports_are_byte_identical()
    {
        var first = Export(History()).ToJsonString();
        var second = Export(History()).ToJsonString();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Not.Contain("dot_placed").And.Not.Contain("phone call"));
    }

    [Test]
    public void Export_depends_on_the_history()
    {
        var first = Export(History()).ToJsonString();
        var later = Export(History(Start.AddSeconds(1))).ToJsonString();

        Assert.That(later, Is.Not.EqualTo(first));
    }

    [Test]
    public void Sessions_of_other_trainees_are_left_out_with_their_grades()
    {
        var history = History();

        var statements = XapiExport.Statements("trainee-someone-else", _program, history, HomePage);

        Assert.That(statements, Is.Empty);
    }

    [Test]
    public void Home_page_with_a_path_roots_every_iri()
    {
        var statement = Objects(XapiExport.Statements(Trainee, _program, History(), new Uri("https://lms.example/smp/")))[0];

        Assert.Multiple(() =>
        {
            Assert.That(Text(statement["object"]!["id"]), Is.EqualTo("https://lms.example/smp/exercises/soft-hairline"));
            Assert.That(Text(statement["actor"]!["account"]!["homePage"]), Is.EqualTo("https://lms.example/smp/"));
            Assert.That(XapiExport.Validate(statement), Is.Empty);
        });
    }

    [Test]
    public void Relative_home_page_is_refused() =>
        Assert.That(() => XapiExport.Statements(Trainee, _program, History(), new Uri("academy", UriKind.Relative)), Throws.ArgumentException);

    [TestCase(0, "PT0S")]
    [TestCase(0.5, "PT0.5S")]
    [TestCase(59.996, "PT1M")]
    [TestCase(60, "PT1M")]
    [TestCase(3600, "PT1H")]
    [TestCase(5400.25, "PT1H30M0.25S")]
    [TestCase(93784, "PT26H3M4S")]
    public void Active_time_is_an_iso_8601_duration(double seconds, string expected)
    {
        var history = History();
        var i = history.FindIndex(e => e.Data is PracticeSessionClosed { SessionId: var s } && s == Hairline);
        var summary = HairlineSummary with { ActiveDuration = TimeSpan.FromSeconds(seconds) };
        history[i] = history[i] with { Data = new PracticeSessionClosed(Trainee, Hairline, summary, true, [], Start.AddHours(2.5)) };

        var statement = Objects(Export(history))[1];

        Assert.That(Text(statement["result"]!["duration"]), Is.EqualTo(expected));
        Assert.That(XapiExport.Validate(statement), Is.Empty);
    }
}
