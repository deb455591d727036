using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SmpAcademy.Audit.Xapi;

public static partial class XapiExport
{
    private static readonly string[] Identifiers = ["mbox", "mbox_sha1sum", "openid", "account"];

    /// <summary>
    /// The structural rules of xAPI 1.0.3 an LRS enforces that can be checked without the LRS: ids are
    /// UUIDs, agents have exactly one identifier, IRIs are absolute, the timestamp parses, scores lie in
    /// their bounds, the duration is ISO 8601. Returns the problems found, each naming where; empty when fine.
    /// </summary>
    public static IReadOnlyList<string> Validate(JsonObject statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var problems = new List<string>();

        if (StringOf(statement, "id") is not { } id)
            problems.Add("id: missing");
        else if (!IsUuid(id))
            problems.Add($"id: '{id}' is not a UUID");

        CheckActor(statement["actor"], "actor", required: true, problems);

        if (statement["verb"] is not JsonObject verb)
            problems.Add("verb: missing");
        else
        {
            CheckAbsoluteIri(verb, "id", "verb.id", required: true, problems);
            CheckLanguageMap(verb["display"], "verb.display", problems);
        }

        CheckObject(statement["object"], problems);

        if (statement["result"] is { } resultNode)
            CheckResult(resultNode, problems);

        if (statement["context"] is { } contextNode)
            CheckContext(contextNode, problems);

        if (statement["timestamp"] is { } timestamp)
        {
            if (!IsString(timestamp, out var text) || !IsTimestamp(text))
                problems.Add($"timestamp: '{timestamp.ToJsonString()}' is not an ISO 8601 date and time with a time zone");
        }

        if (statement["version"] is { } version && (!IsString(version, out var v) || !VersionPattern().IsMatch(v)))
            problems.Add($"version: '{version.ToJsonString()}' is not a 1.0.x version");

        return problems;
    }

    private static void CheckActor(JsonNode? node, string where, bool required, List<string> problems)
    {
        if (node is null)
        {
            if (required)
                problems.Add($"{where}: missing");
            return;
        }

        if (node is not JsonObject actor)
        {
            problems.Add($"{where}: not an object");
            return;
        }

        var objectType = StringOf(actor, "objectType");
        if (objectType is not (null or "Agent" or "Group"))
            problems.Add($"{where}.objectType: '{objectType}' is neither Agent nor Group");
        var identifiers = Identifiers.Where(actor.ContainsKey).ToArray();
        // An anonymous group lists its members instead; an agent always has exactly one identifier.
        var anonymousGroup = objectType == "Group" && identifiers.Length == 0 && actor["member"] is JsonArray;
        if (identifiers.Length != 1 && !anonymousGroup)
            problems.Add($"{where}: has {identifiers.Length} identifiers ({string.Join(", ", identifiers)}), needs exactly one");
        if (StringOf(actor, "mbox") is { } mbox && !mbox.StartsWith("mailto:", StringComparison.Ordinal))
            problems.Add($"{where}.mbox: '{mbox}' is not a mailto: IRI");
        if (actor.ContainsKey("openid"))
            CheckAbsoluteIri(actor, "openid", $"{where}.openid", required: true, problems);
        if (actor.ContainsKey("account"))
        {
            if (actor["account"] is not JsonObject account)
                problems.Add($"{where}.account: not an object");
            else
            {
                CheckAbsoluteIri(account, "homePage", $"{where}.account.homePage", required: true, problems);
                if (StringOf(account, "name") is not { Length: > 0 })
                    problems.Add($"{where}.account.name: missing");
            }
        }
    }

    private static void CheckObject(JsonNode? node, List<string> problems)
    {
        if (node is not JsonObject activity)
        {
            problems.Add(node is null ? "object: missing" : "object: not an object");
            return;
        }

        switch (StringOf(activity, "objectType"))
        {
            case null or "Activity":
                CheckActivity(activity, "object", problems);
                break;
            case "Agent" or "Group":
                CheckActor(activity, "object", required: true, problems);
                break;
            case "StatementRef":
                if (StringOf(activity, "id") is not { } refId || !IsUuid(refId))
                    problems.Add("object.id: a StatementRef's id is not a UUID");
                break;
            case "SubStatement":
                break;
            case var other:
                problems.Add($"object.objectType: '{other}' is not an xAPI object type");
                break;
        }
    }

    private static void CheckActivity(JsonObject activity, string where, List<string> problems)
    {
        CheckAbsoluteIri(activity, "id", $"{where}.id", required: true, problems);
        if (activity["definition"] is not { } node)
            return;
        if (node is not JsonObject definition)
        {
            problems.Add($"{where}.definition: not an object");
            return;
        }

        CheckLanguageMap(definition["name"], $"{where}.definition.name", problems);
        CheckLanguageMap(definition["description"], $"{where}.definition.description", problems);
        if (definition.ContainsKey("type"))
            CheckAbsoluteIri(definition, "type", $"{where}.definition.type", required: true, problems);
        CheckExtensionKeys(definition["extensions"], $"{where}.definition.extensions", problems);
    }

    private static void CheckResult(JsonNode node, List<string> problems)
    {
        if (node is not JsonObject result)
        {
            problems.Add("result: not an object");
            return;
        }

        foreach (var flag in new[] { "completion", "success" })
        {
            if (result[flag] is { } value && value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                problems.Add($"result.{flag}: not true or false");
        }

        if (result["response"] is { } response && !IsString(response, out _))
            problems.Add("result.response: not a string");

        if (result["duration"] is { } duration && (!IsString(duration, out var text) || !IsDuration(text)))
            problems.Add($"result.duration: '{duration.ToJsonString()}' is not an ISO 8601 duration");

        if (result["score"] is { } scoreNode)
        {
            if (scoreNode is not JsonObject score)
                problems.Add("result.score: not an object");
            else
                CheckScore(score, problems);
        }

        CheckExtensionKeys(result["extensions"], "result.extensions", problems);
    }

    private static void CheckScore(JsonObject score, List<string> problems)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in new[] { "scaled", "raw", "min", "max" })
        {
            if (score[name] is not { } node)
                continue;
            if (node.GetValueKind() != JsonValueKind.Number)
                problems.Add($"result.score.{name}: not a number");
            else
                values[name] = double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (values.TryGetValue("scaled", out var scaled) && scaled is < -1 or > 1)
            problems.Add(F($"result.score.scaled: {scaled} is outside -1..1"));
        var hasMin = values.TryGetValue("min", out var min);
        var hasMax = values.TryGetValue("max", out var max);
        if (hasMin && hasMax && min > max)
            problems.Add(F($"result.score: min {min} is above max {max}"));
        if (values.TryGetValue("raw", out var raw))
        {
            if (hasMin && raw < min)
                problems.Add(F($"result.score.raw: {raw} is below min {min}"));
            if (hasMax && raw > max)
                problems.Add(F($"result.score.raw: {raw} is above max {max}"));
        }
    }

    private static void CheckContext(JsonNode node, List<string> problems)
    {
        if (node is not JsonObject context)
        {
            problems.Add("context: not an object");
            return;
        }

        if (context["registration"] is { } registration && (!IsString(registration, out var r) || !IsUuid(r)))
            problems.Add($"context.registration: '{registration.ToJsonString()}' is not a UUID");
        CheckActor(context["instructor"], "context.instructor", required: false, problems);
        CheckActor(context["team"], "context.team", required: false, problems);

        if (context["contextActivities"] is { } activitiesNode)
        {
            if (activitiesNode is not JsonObject activities)
                problems.Add("context.contextActivities: not an object");
            else
            {
                foreach (var (kind, value) in activities)
                {
                    if (kind is not ("parent" or "grouping" or "category" or "other"))
                        problems.Add($"context.contextActivities.{kind}: not a context activity kind");
                    // A single activity is allowed; an LRS stores it as an array of one.
                    var list = value is JsonArray array ? array.ToArray() : [value];
                    for (var i = 0; i < list.Length; i++)
                    {
                        if (list[i] is JsonObject activity)
                            CheckActivity(activity, F($"context.contextActivities.{kind}[{i}]"), problems);
                        else
                            problems.Add(F($"context.contextActivities.{kind}[{i}]: not an activity"));
                    }
                }
            }
        }

        if (context["statement"] is { } reference
            && (reference is not JsonObject r2 || StringOf(r2, "objectType") != "StatementRef" || StringOf(r2, "id") is not { } refId || !IsUuid(refId)))
            problems.Add("context.statement: not a StatementRef with a UUID id");

        if (context["platform"] is { } platform && !IsString(platform, out _))
            problems.Add("context.platform: not a string");

        CheckExtensionKeys(context["extensions"], "context.extensions", problems);
    }

    private static void CheckLanguageMap(JsonNode? node, string where, List<string> problems)
    {
        if (node is null)
            return;
        if (node is not JsonObject map)
        {
            problems.Add($"{where}: not a language map");
            return;
        }

        foreach (var (language, text) in map)
        {
            if (!LanguageTag().IsMatch(language))
                problems.Add($"{where}: '{language}' is not a language tag");
            if (text is null || !IsString(text, out _))
                problems.Add($"{where}.{language}: not a string");
        }
    }

    private static void CheckExtensionKeys(JsonNode? node, string where, List<string> problems)
    {
        if (node is null)
            return;
        if (node is not JsonObject extensions)
        {
            problems.Add($"{where}: not an object");
            return;
        }

        foreach (var key in extensions.Select(e => e.Key).Where(k => !IsAbsoluteIri(k)))
            problems.Add($"{where}: key '{key}' is not an absolute IRI");
    }

    private static void CheckAbsoluteIri(JsonObject owner, string property, string where, bool required, List<string> problems)
    {
        if (owner[property] is not { } node)
        {
            if (required)
                problems.Add($"{where}: missing");
            return;
        }

        if (!IsString(node, out var text) || !IsAbsoluteIri(text))
            problems.Add($"{where}: '{(node is JsonValue ? text : node.ToJsonString())}' is not an absolute IRI");
    }

    /// <summary>
    /// Has a scheme and parses as absolute. The scheme is checked first: on Unix, <see cref="Uri"/> reads
    /// "/exercises/x" as an absolute file path.
    /// </summary>
    private static bool IsAbsoluteIri(string text) =>
        SchemePrefix().IsMatch(text) && Uri.TryCreate(text, UriKind.Absolute, out _) && !text.Any(char.IsWhiteSpace);

    private static bool IsUuid(string text) => Guid.TryParseExact(text, "D", out _);

    private static bool IsTimestamp(string text) =>
        TimestampPattern().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsDuration(string text) =>
        DurationPattern().Match(text) is { Success: true } m
        && (m.Groups["y"].Success || m.Groups["mo"].Success || m.Groups["w"].Success || m.Groups["d"].Success
            || m.Groups["h"].Success || m.Groups["mi"].Success || m.Groups["s"].Success);

    private static string? StringOf(JsonObject owner, string property) =>
        owner[property] is { } node && IsString(node, out var text) ? text : null;

    private static bool IsString(JsonNode node, out string text)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            text = value.GetValue<string>();
            return true;
        }

        text = node.ToJsonString();
        return false;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex SchemePrefix();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+\-]\d{2}:?\d{2})$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^P(?!$)((?<y>\d+(\.\d+)?)Y)?((?<mo>\d+(\.\d+)?)M)?((?<w>\d+(\.\d+)?)W)?((?<d>\d+(\.\d+)?)D)?(T(?=\d)((?<h>\d+(\.\d+)?)H)?((?<mi>\d+(\.\d+)?)M)?((?<s>\d+(\.\d+)?)S)?)?$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^1\.0(\.\d+)?$")]
    private static partial Regex VersionPattern();
}
