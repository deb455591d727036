using System.Text.Json.Nodes;
using SmpAcademy.Audit.Xapi;

namespace SmpAcademy.Audit.Tests.Xapi;

public sealed class XapiValidateTests
{
    /// <summary>A statement as an LRS would take it, with a score, a duration, an instructor and extensions.</summary>
    private static JsonObject Valid() => JsonNode.Parse("""
        {
          "id": "eeeeeeee-0000-4000-8000-000000000004",
          "actor": { "objectType": "Agent", "account": { "homePage": "https://academy.example/", "name": "trainee-ada" } },
          "verb": { "id": "http://adlnet.gov/expapi/verbs/completed", "display": { "en-US": "completed" } },
          "object": {
            "objectType": "Activity",
            "id": "https://academy.example/exercises/soft-hairline",
            "definition": { "name": { "en": "Soft hairline" }, "type": "http://adlnet.gov/expapi/activities/simulation" }
          },
          "result": {
            "completion": true,
            "success": true,
            "duration": "PT1H2M3.5S",
            "score": { "scaled": 0.8192, "raw": 81.92, "min": 0, "max": 100 },
            "extensions": { "https://academy.example/xapi/extensions/dots": 812 }
          },
          "context": {
            "registration": "aaaaaaaa-0000-4000-8000-000000000001",
            "instructor": { "objectType": "Agent", "account": { "homePage": "https://academy.example/", "name": "instructor-ben" } },
            "contextActivities": { "parent": [ { "objectType": "Activity", "id": "https://academy.example/programs/smp-practitioner" } ] },
            "platform": "SmpAcademy",
            "extensions": { "https://academy.example/xapi/extensions/course-session-number": 1 }
          },
          "timestamp": "2025-03-14T08:30:00.123Z",
          "version": "1.0.3"
        }
        """)!.AsObject();

    [Test]
    public void A_valid_statement_has_no_problems() => Assert.That(XapiExport.Validate(Valid()), Is.Empty);

    [Test]
    public void A_minimal_statement_has_no_problems()
    {
        var statement = JsonNode.Parse("""
            { "id": "eeeeeeee-0000-4000-8000-000000000004", "actor": { "mbox": "mailto:ada@example.com" },
              "verb": { "id": "http://adlnet.gov/expapi/verbs/attempted" }, "object": { "id": "https://academy.example/x" } }
            """)!.AsObject();

        Assert.That(XapiExport.Validate(statement), Is.Empty);
    }

    private static IEnumerable<TestCaseData> Breakages()
    {
        TestCaseData Case(string name, string where, Action<JsonObject> breakIt) =>
            new TestCaseData(breakIt, where).SetName($"Validate_catches_{name}");

        yield return Case("scaled_above_one", "result.score.scaled", s => s["result"]!["score"]!["scaled"] = 1.5);
        yield return Case("scaled_below_minus_one", "result.score.scaled", s => s["result"]!["score"]!["scaled"] = -1.01);
        yield return Case("relative_object_iri", "object.id", s => s["object"]!["id"] = "/exercises/soft-hairline");
        yield return Case("object_iri_without_scheme", "object.id", s => s["object"]!["id"] = "academy.example/exercises/soft-hairline");
        yield return Case("relative_verb_iri", "verb.id", s => s["verb"]!["id"] = "completed");
        yield return Case("missing_verb", "verb", s => s.Remove("verb"));
        yield return Case("id_not_a_uuid", "id", s => s["id"] = "statement-4");
        yield return Case("missing_id", "id", s => s.Remove("id"));
        yield return Case("actor_with_two_identifiers", "actor", s => s["actor"]!["mbox"] = "mailto:ada@example.com");
        yield return Case("actor_without_identifier", "actor", s => s["actor"]!.AsObject().Remove("account"));
        yield return Case("account_with_relative_home_page", "actor.account.homePage", s => s["actor"]!["account"]!["homePage"] = "academy");
        yield return Case("instructor_without_identifier", "context.instructor", s => s["context"]!["instructor"]!.AsObject().Remove("account"));
        yield return Case("unparseable_timestamp", "timestamp", s => s["timestamp"] = "2025-02-30T08:30:00Z");
        yield return Case("timestamp_without_zone", "timestamp", s => s["timestamp"] = "2025-03-14T08:30:00");
        yield return Case("raw_above_max", "result.score.raw", s => s["result"]!["score"]!["raw"] = 100.5);
        yield return Case("raw_below_min", "result.score.raw", s => s["result"]!["score"]!["raw"] = -1);
        yield return Case("min_above_max", "result.score", s => s["result"]!["score"]!["min"] = 101);
        yield return Case("duration_not_iso_8601", "result.duration", s => s["result"]!["duration"] = "1:02:03.5");
        yield return Case("empty_duration", "result.duration", s => s["result"]!["duration"] = "PT");
        yield return Case("registration_not_a_uuid", "context.registration", s => s["context"]!["registration"] = "session-1");
        yield return Case("relative_parent_iri", "context.contextActivities.parent[0].id", s => s["context"]!["contextActivities"]!["parent"]![0]!["id"] = "programs/x");
        yield return Case("relative_extension_key", "result.extensions", s => s["result"]!["extensions"]!["dots"] = 3);
        yield return Case("relative_activity_type", "object.definition.type", s => s["object"]!["definition"]!["type"] = "simulation");
        yield return Case("success_not_boolean", "result.success", s => s["result"]!["success"] = "yes");
    }

    [TestCaseSource(nameof(Breakages))]
    public void Validate_catches(Action<JsonObject> breakIt, string where)
    {
        var statement = Valid();
        breakIt(statement);

        var problems = XapiExport.Validate(statement);

        Assert.That(problems, Has.Some.StartsWith(where + ":"), string.Join("\n", problems));
    }
}
