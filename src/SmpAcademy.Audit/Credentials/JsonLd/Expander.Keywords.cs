using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials.JsonLd;

internal sealed partial class Expander
{
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal) { "@reverse", "@included", "@nest", "@index", "@direction" };
    private static readonly HashSet<string> ValueKeys = new(StringComparer.Ordinal) { "@value", "@type", "@language" };

    private void ExpandKeyword(ActiveContext active, ActiveContext typeScoped, string? property, string key, string keyword, JsonNode? value, JsonObject result, int depth)
    {
        if (Unsupported.Contains(keyword))
            throw new JsonLdException("unsupported feature", $"{keyword} (as {key})");
        if (result.ContainsKey(keyword))
            throw new JsonLdException("colliding keywords", $"{keyword} appears twice");
        switch (keyword)
        {
            case "@id":
                result["@id"] = Absolute(IriExpansion.Expand(active, Text(value, key), vocab: false, null), "relative @id");
                break;
            case "@type":
                result["@type"] = value is JsonArray types
                    ? new JsonArray([.. types.Select(t => (JsonNode)ExpandType(typeScoped, Text(t, key)))])
                    : ExpandType(typeScoped, Text(value, key));
                break;
            case "@graph":
                result["@graph"] = AsArray(Expand(active, "@graph", value, fromMap: false, depth + 1) ?? new JsonArray());
                break;
            case "@value":
                if (value is JsonObject or JsonArray && result["@type"]?.GetValue<string>() != "@json")
                    throw new JsonLdException("invalid value object value", "@value must be a string, number, boolean or null");
                result["@value"] = value?.DeepClone();
                break;
            case "@language":
                result["@language"] = Text(value, key).ToLowerInvariant(); // as npm jsonld does
                break;
            case "@list":
                if (property is null or "@graph")
                    return;
                result["@list"] = AsArray(Expand(active, property, value, fromMap: false, depth + 1) ?? new JsonArray());
                break;
            case "@set":
                result["@set"] = Expand(active, property, value, fromMap: false, depth + 1) ?? new JsonArray();
                break;
            default:
                throw new JsonLdException("invalid property", $"the keyword {keyword} where a property is expected");
        }
    }

    private static string ExpandType(ActiveContext typeScoped, string type) =>
        Absolute(IriExpansion.Expand(typeScoped, type, vocab: true, null), "relative @type");

    private static string Absolute(string? iri, string code) =>
        iri is not null && (Keywords.IsAbsoluteIri(iri) || Keywords.IsBlankNode(iri))
            ? iri
            : throw new JsonLdException(code, $"{iri} is not an absolute IRI (there is no base IRI here)");

    private static JsonNode? Finish(string? property, JsonObject result)
    {
        if (result.ContainsKey("@value"))
        {
            if (result.Any(e => !ValueKeys.Contains(e.Key)))
                throw new JsonLdException("invalid value object", "a value object with other members");
            if (result["@value"] is null)
                return null;
            if (result["@type"] is JsonArray)
                throw new JsonLdException("invalid typed value", "a value object's @type must be one IRI");
            if (result.ContainsKey("@language") && (result.ContainsKey("@type") || result["@value"]!.GetValueKind() != JsonValueKind.String))
                throw new JsonLdException("invalid language-tagged value", "@language goes with a string and no @type");
        }
        else if (result["@type"] is JsonValue single)
            result["@type"] = new JsonArray(single.DeepClone());
        else if (result.ContainsKey("@set") || result.ContainsKey("@list"))
        {
            if (result.Count > 1)
                throw new JsonLdException("invalid set or list object", "@set or @list with other members");
            if (result["@set"] is { } set)
            {
                result.Remove("@set");
                return set;
            }
        }

        if (result.Count == 1 && result.ContainsKey("@language"))
            return null;
        if (property is null or "@graph" && (result.Count == 0 || result.ContainsKey("@value") || result.ContainsKey("@list") || (result.Count == 1 && result.ContainsKey("@id"))))
            return null;
        return result;
    }

    private static JsonObject ExpandValue(ActiveContext active, string property, JsonValue value)
    {
        var definition = active.Term(property);
        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        if (text is not null && definition?.Type == "@id")
            return new JsonObject { ["@id"] = Absolute(IriExpansion.Expand(active, text, vocab: false, null), "relative @id") };
        if (text is not null && definition?.Type == "@vocab")
            return new JsonObject { ["@id"] = Absolute(IriExpansion.Expand(active, text, vocab: true, null), "relative @id") };
        var result = new JsonObject { ["@value"] = value.DeepClone() };
        if (definition?.Type is { } type and not ("@id" or "@vocab" or "@none"))
            result["@type"] = type;
        else if (text is not null && (definition is { HasLanguage: true } ? definition.Language : active.DefaultLanguage) is { } language)
            result["@language"] = language;
        return result;
    }

    private static string Text(JsonNode? node, string key) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new JsonLdException("invalid keyword value", $"{key} must be a string here");
}
