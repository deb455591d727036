using System.Globalization;
using System.Text.Json.Nodes;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Audit.Xapi;

/// <summary>
/// A trainee's history as xAPI 1.0.3 statements, for a certification body's Learning Record Store.
/// Pure and deterministic: the same history gives the same JSON, statement for statement in history
/// order, and each statement's id is the id of the event it reports, so a re-export is de-duplicated.
/// Only milestones become statements (a session opened, closed, graded, moderated); dots, pauses and
/// the like would swamp an LRS, and the completed session's result carries their totals.
/// </summary>
public static partial class XapiExport
{
    public const string Platform = "SmpAcademy";

    public const string Version = "1.0.3";

    /// <summary>
    /// How statements are derived from events; bundles are verified by deriving them again, so a change is a new number
    /// and the old one stays. 1: a sign-off was "passed" with success true, a send-back or moderation "passed"/"failed",
    /// although an instructor's verdict is not the module's pass. 2: they are "signed-off", "sent-back" and "moderated"
    /// (the platform's verbs), the verdict is an extension and no success is claimed; each statement names its derivation.
    /// </summary>
    public const int Derivation = 2;

    public static class Verbs
    {
        public const string Attempted = "http://adlnet.gov/expapi/verbs/attempted";
        public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
        public const string Abandoned = "https://w3id.org/xapi/adl/verbs/abandoned";
        public const string Passed = "http://adlnet.gov/expapi/verbs/passed";
        public const string Failed = "http://adlnet.gov/expapi/verbs/failed";
    }

    public static class ActivityTypes
    {
        public const string Simulation = "http://adlnet.gov/expapi/activities/simulation";
        public const string Course = "http://adlnet.gov/expapi/activities/course";
    }

    /// <summary>Extension names; each extension's IRI is <c>&lt;homePage&gt;/xapi/extensions/&lt;name&gt;</c>.</summary>
    public static class Extensions
    {
        public const string SessionId = "session-id";
        public const string CourseId = "course-id";
        public const string CourseSessionNumber = "course-session-number";
        public const string MeanDepthScore = "mean-depth-score";
        public const string MeanSpacingScore = "mean-spacing-score";
        public const string MeanShadeScore = "mean-shade-score";
        public const string Dots = "dots";
        public const string FlagCounts = "flag-counts";
        public const string UnmetCriteria = "unmet-criteria";
        public const string GradeItems = "grade-items";
        public const string ModerationAgrees = "moderation-agrees";
        public const string Verdict = "verdict";
        public const string DerivationName = "derivation";
    }

    /// <summary>Base IRI of an extension name, e.g. <c>https://academy.example/xapi/extensions/session-id</c>.</summary>
    public static string ExtensionIri(Uri platformHomePage, string name) => $"{Base(platformHomePage)}/xapi/extensions/{name}";

    /// <param name="traineeId">Whose history: sessions opened by anyone else are left out, with their grades.</param>
    /// <param name="program">Where exercises are named and described.</param>
    /// <param name="history">The trainee's stream and their sessions' streams, as recorded.</param>
    /// <param name="platformHomePage">Absolute; the accounts' home page and the root of every activity and extension IRI.</param>
    /// <param name="derivation">Which <see cref="Derivation"/> to follow: the current one, or an older one to check an old export.</param>
    public static JsonArray Statements(string traineeId, CertificationProgram program, IReadOnlyList<RecordedEvent> history, Uri platformHomePage, int derivation = Derivation)
    {
        ArgumentException.ThrowIfNullOrEmpty(traineeId);
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(platformHomePage);
        if (!platformHomePage.IsAbsoluteUri)
            throw new ArgumentException("the platform's home page must be an absolute URI", nameof(platformHomePage));
        ArgumentOutOfRangeException.ThrowIfLessThan(derivation, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(derivation, Derivation);

        var export = new Export(traineeId, program, platformHomePage, Sessions(traineeId, history), derivation);
        var statements = new JsonArray();
        foreach (var recorded in history)
        {
            if (export.Statement(recorded) is { } statement)
                statements.Add(statement);
        }

        return statements;
    }

    /// <summary>What a session is for, from its opening on the trainee stream or, failing that, its own start.</summary>
    private sealed record SessionInfo(Guid SessionId, string ExerciseId, Guid CourseId, int CourseSessionNumber);

    private static Dictionary<Guid, SessionInfo> Sessions(string traineeId, IReadOnlyList<RecordedEvent> history)
    {
        var sessions = new Dictionary<Guid, SessionInfo>();
        foreach (var recorded in history)
        {
            switch (recorded.Data)
            {
                case PracticeSessionOpened o when o.TraineeId == traineeId:
                    sessions[o.SessionId] = new(o.SessionId, o.ExerciseId, o.CourseId, o.CourseSessionNumber);
                    break;
                case SessionStarted s when s.TraineeId == traineeId:
                    sessions.TryAdd(s.SessionId, new(s.SessionId, s.ExerciseId, s.CourseId, s.CourseSessionNumber));
                    break;
            }
        }

        return sessions;
    }

    private sealed class Export(string traineeId, CertificationProgram program, Uri homePage, Dictionary<Guid, SessionInfo> sessions, int derivation)
    {
        private readonly string _base = Base(homePage);

        /// <summary>The latest grade of each session so far, which a moderation refers to.</summary>
        private readonly Dictionary<Guid, Guid> _grades = [];

        public JsonObject? Statement(RecordedEvent recorded)
        {
            switch (recorded.Data)
            {
                case PracticeSessionOpened o when o.TraineeId == traineeId:
                    return Build(recorded, sessions[o.SessionId], Verbs.Attempted, o.At, result: null);
                case PracticeSessionClosed c when c.TraineeId == traineeId && sessions.TryGetValue(c.SessionId, out var session):
                    return c.Summary is { } summary
                        ? Build(recorded, session, Verbs.Completed, c.At, SessionResult(summary, c))
                        : Build(recorded, session, Verbs.Abandoned, c.At, result: null);
                case AttemptGraded g when sessions.TryGetValue(g.SessionId, out var session):
                    _grades[g.SessionId] = recorded.EventId;
                    return Build(recorded, session, GradeVerb(g.Verdict), g.At, GradeResult(g), instructor: g.InstructorId);
                case GradeModerated m when sessions.TryGetValue(m.SessionId, out var session):
                    return Build(recorded, session, derivation == 1 ? Verdict(m.Verdict) : PlatformVerb("moderated"), m.At, ModerationResult(m), instructor: m.ModeratorId,
                        about: _grades.TryGetValue(m.SessionId, out var grade) ? grade : null);
                default:
                    return null;
            }
        }

        private JsonObject Build(RecordedEvent recorded, SessionInfo session, string verb, DateTimeOffset at, JsonObject? result,
            string? instructor = null, Guid? about = null)
        {
            var statement = new JsonObject
            {
                ["id"] = Uuid(recorded.EventId),
                ["actor"] = Agent(traineeId),
                // Every verb's display is the last segment of its IRI, in words: attempted, completed, abandoned, signed off…
                ["verb"] = new JsonObject { ["id"] = verb, ["display"] = new JsonObject { ["en-US"] = verb[(verb.LastIndexOf('/') + 1)..].Replace('-', ' ') } },
                ["object"] = ExerciseActivity(session.ExerciseId),
            };
            if (result is not null)
                statement["result"] = result;
            statement["context"] = Context(session, instructor, about);
            statement["timestamp"] = Timestamp(at);
            statement["version"] = Version;
            return statement;
        }

        private JsonObject Agent(string name) => new()
        {
            ["objectType"] = "Agent",
            ["account"] = new JsonObject { ["homePage"] = homePage.AbsoluteUri, ["name"] = name },
        };

        private JsonObject ExerciseActivity(string exerciseId)
        {
            // An exercise no longer in the program still gets its activity id, only without a name.
            var definition = new JsonObject();
            if (program.FindExercise(exerciseId) is { } exercise)
            {
                definition["name"] = new JsonObject { ["en"] = exercise.Name };
                definition["description"] = new JsonObject { ["en"] = exercise.Description };
            }

            definition["type"] = ActivityTypes.Simulation;
            return new JsonObject
            {
                ["objectType"] = "Activity",
                ["id"] = $"{_base}/exercises/{Uri.EscapeDataString(exerciseId)}",
                ["definition"] = definition,
            };
        }

        private JsonObject ProgramActivity() => new()
        {
            ["objectType"] = "Activity",
            ["id"] = $"{_base}/programs/{Uri.EscapeDataString(program.Id)}",
            ["definition"] = new JsonObject
            {
                ["name"] = new JsonObject { ["en"] = program.Name },
                ["description"] = new JsonObject { ["en"] = program.Description },
                ["type"] = ActivityTypes.Course,
            },
        };

        private JsonObject Context(SessionInfo session, string? instructor, Guid? about)
        {
            var context = new JsonObject { ["registration"] = Uuid(session.SessionId) };
            if (instructor is not null)
                context["instructor"] = Agent(instructor);
            context["contextActivities"] = new JsonObject { ["parent"] = new JsonArray(ProgramActivity()) };
            context["platform"] = Platform;
            if (about is { } statementId)
                context["statement"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = Uuid(statementId) };
            context["extensions"] = new JsonObject
            {
                [Extension(Extensions.SessionId)] = Uuid(session.SessionId),
                [Extension(Extensions.CourseId)] = Uuid(session.CourseId),
                [Extension(Extensions.CourseSessionNumber)] = session.CourseSessionNumber,
            };
            if (derivation >= 2)
                context["extensions"]![Extension(Extensions.DerivationName)] = derivation;
            return context;
        }

        private JsonObject SessionResult(SessionSummary summary, PracticeSessionClosed closed)
        {
            var result = new JsonObject
            {
                ["completion"] = true,
                ["success"] = closed.Passed,
                ["duration"] = Duration(summary.ActiveDuration),
            };
            var mean = (summary.MeanDepthScore + summary.MeanSpacingScore + summary.MeanShadeScore) / 3;
            if (double.IsFinite(mean))
                result["score"] = Score(mean);
            var flags = new JsonObject();
            foreach (var (flag, count) in summary.FlagCounts.OrderBy(f => f.Key, StringComparer.Ordinal))
                flags[flag] = count;
            result["extensions"] = new JsonObject
            {
                [Extension(Extensions.MeanDepthScore)] = Number(summary.MeanDepthScore),
                [Extension(Extensions.MeanSpacingScore)] = Number(summary.MeanSpacingScore),
                [Extension(Extensions.MeanShadeScore)] = Number(summary.MeanShadeScore),
                [Extension(Extensions.Dots)] = summary.Dots,
                [Extension(Extensions.FlagCounts)] = flags,
                [Extension(Extensions.UnmetCriteria)] = new JsonArray([.. closed.Unmet.Select(u => (JsonNode)u)]),
            };
            return result;
        }

        private JsonObject GradeResult(AttemptGraded grade)
        {
            // An instructor's verdict on one attempt says nothing of whether the module is passed: derivation 2 claims no success.
            var result = derivation == 1 ? new JsonObject { ["success"] = grade.Verdict == GradeVerdict.SignedOff } : [];
            var scored = grade.Items.Values.Where(double.IsFinite).ToArray();
            if (scored.Length > 0)
                result["score"] = Score(scored.Average());
            if (grade.Comment.Length > 0)
                result["response"] = grade.Comment;
            var items = new JsonObject();
            foreach (var (item, value) in grade.Items.OrderBy(i => i.Key, StringComparer.Ordinal))
                items[item] = Number(value);
            result["extensions"] = new JsonObject { [Extension(Extensions.GradeItems)] = items };
            if (derivation >= 2)
                result["extensions"]![Extension(Extensions.Verdict)] = VerdictName(grade.Verdict);
            return result;
        }

        private JsonObject ModerationResult(GradeModerated moderation)
        {
            var result = derivation == 1 ? new JsonObject { ["success"] = moderation.Verdict == GradeVerdict.SignedOff } : [];
            if (moderation.Reason.Length > 0)
                result["response"] = moderation.Reason;
            result["extensions"] = new JsonObject { [Extension(Extensions.ModerationAgrees)] = moderation.Agrees };
            if (derivation >= 2)
                result["extensions"]![Extension(Extensions.Verdict)] = VerdictName(moderation.Verdict);
            return result;
        }

        private string GradeVerb(GradeVerdict verdict) =>
            derivation == 1 ? Verdict(verdict) : PlatformVerb(verdict == GradeVerdict.SignedOff ? "signed-off" : "sent-back");

        /// <summary>The platform's own verbs, for what ADL's vocabulary has no word for: an instructor's verdict on an attempt.</summary>
        private string PlatformVerb(string name) => $"{_base}/xapi/verbs/{name}";

        private string Extension(string name) => $"{_base}/xapi/extensions/{name}";
    }

    private static string Verdict(GradeVerdict verdict) => verdict == GradeVerdict.SignedOff ? Verbs.Passed : Verbs.Failed;

    private static string VerdictName(GradeVerdict verdict) => verdict == GradeVerdict.SignedOff ? "signed-off" : "sent-back";

    /// <summary>A 0–100 score: scaled to 0–1 (4 decimals), raw (2 decimals) with its bounds.</summary>
    private static JsonObject Score(double outOf100) => new()
    {
        ["scaled"] = Math.Round(outOf100 / 100, 4, MidpointRounding.AwayFromZero),
        ["raw"] = Math.Round(outOf100, 2, MidpointRounding.AwayFromZero),
        ["min"] = 0,
        ["max"] = 100,
    };

    /// <summary>JSON has no NaN or infinity; a value that is not a number is written as null rather than failing the export.</summary>
    private static JsonValue? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static string Uuid(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 duration to the hundredth of a second (what an LRS keeps), e.g. PT1H2M3.5S; never days, which vary.</summary>
    private static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "a duration is not negative");
        var centiseconds = (long)Math.Round(duration.Ticks / (double)(TimeSpan.TicksPerMillisecond * 10), MidpointRounding.AwayFromZero);
        var hours = centiseconds / 360_000;
        var minutes = centiseconds / 6_000 % 60;
        var seconds = centiseconds % 6_000 / 100m;
        var text = "PT";
        if (hours > 0)
            text += string.Create(CultureInfo.InvariantCulture, $"{hours}H");
        if (minutes > 0)
            text += string.Create(CultureInfo.InvariantCulture, $"{minutes}M");
        if (seconds > 0 || (hours == 0 && minutes == 0))
            text += string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##}S");
        return text;
    }

    private static string Base(Uri homePage) => homePage.AbsoluteUri.TrimEnd('/');
}
