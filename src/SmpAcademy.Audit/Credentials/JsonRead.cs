using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials;

/// <summary>Tolerant reads: a credential from outside may hold any JSON where a string or object is expected.</summary>
internal static class JsonRead
{
    public static string? Text(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            return null;
        try
        {
            return value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null; // parsed text with an unpaired surrogate escape cannot become a string
        }
    }

    /// <summary>
    /// Parsed nodes materialize lazily, so a repeated member name or an unpaired surrogate escape throws on
    /// first access, wherever that happens. Touching everything once turns that into a plain false.
    /// </summary>
    public static bool IsWellFormed(JsonNode? node)
    {
        try
        {
            Touch(node);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void Touch(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject owner:
                foreach (var member in owner)
                    Touch(member.Value);
                break;
            case JsonArray array:
                foreach (var item in array)
                    Touch(item);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                _ = value.TryGetValue<string>(out _);
                break;
        }
    }

    public static string? TextAt(JsonObject? owner, string name) => owner is null ? null : Text(owner[name]);

    /// <summary>Properties such as <c>type</c> hold one string or an array of them.</summary>
    public static IReadOnlyList<string> Texts(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(Text).OfType<string>()],
        _ => Text(node) is { } single ? [single] : [],
    };

    public static bool Includes(JsonNode? node, string value) => Texts(node).Contains(value, StringComparer.Ordinal);

    /// <summary>An issuer, creator or subject given either as its id string or as an object with an id.</summary>
    public static string? IdOf(JsonNode? node) => node is JsonObject owner ? TextAt(owner, "id") : Text(node);

    /// <summary>Keeps attacker-chosen text in a problem message short and on one line.</summary>
    public static string Shown(string text)
    {
        const int Limit = 120;
        var oneLine = string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
        return oneLine.Length <= Limit ? oneLine : oneLine[..Limit] + "…";
    }
}
