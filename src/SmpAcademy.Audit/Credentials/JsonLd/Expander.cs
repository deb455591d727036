using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials.JsonLd;

/// <summary>
/// JSON-LD 1.1 Expansion (§5.1) in safe mode, for documents that name held contexts: a property or type the contexts
/// do not define, or a relative IRI, is an error instead of being dropped. Maps keyed by @language, @index, @id or
/// @type, @reverse, @included and @nest are refused as unsupported.
/// </summary>
internal sealed partial class Expander(ContextProcessor contexts)
{
    private const int MaxDepth = 64;

    public JsonArray Expand(JsonNode? document)
    {
        var expanded = Expand(contexts.Initial, null, document, fromMap: false, depth: 0);
        if (expanded is JsonObject { Count: 1 } only && only["@graph"] is JsonArray graph)
            expanded = graph;
        return expanded switch
        {
            null => [],
            JsonArray array => array,
            _ => [expanded],
        };
    }

    private JsonNode? Expand(ActiveContext active, string? property, JsonNode? element, bool fromMap, int depth)
    {
        if (depth > MaxDepth)
            throw new JsonLdException("unsupported feature", $"nesting deeper than {MaxDepth}");
        if (element is null)
            return null;
        var definition = active.Term(property);
        switch (element)
        {
            case JsonValue scalar:
                if (property is null or "@graph")
                    return null;
                if (definition is { HasLocalContext: true })
                    active = contexts.Process(active, definition.LocalContext, fromDefinition: true, overrideProtected: true);
                return ExpandValue(active, property, scalar);
            case JsonArray array:
                var result = new JsonArray();
                foreach (var item in array)
                {
                    var expanded = Expand(active, property, item, fromMap, depth + 1);
                    if (definition?.Contains("@list") == true && expanded is JsonArray nested)
                        expanded = new JsonObject { ["@list"] = nested };
                    if (expanded is JsonArray many)
                    {
                        foreach (var each in Detach(many))
                            result.Add(each);
                    }
                    else if (expanded is not null)
                        result.Add(expanded);
                }

                return result;
            default:
                return ExpandObject(active, property, definition, element.AsObject(), fromMap, depth);
        }
    }

    private JsonNode? ExpandObject(ActiveContext active, string? property, TermDefinition? definition, JsonObject element, bool fromMap, int depth)
    {
        if (active.Previous is not null && !fromMap && !IsValueOrReference(active, element))
            active = active.Previous;
        if (definition is { HasLocalContext: true })
            active = contexts.Process(active, definition.LocalContext, fromDefinition: true, overrideProtected: true);
        if (element.ContainsKey("@context"))
            active = contexts.Process(active, element["@context"], fromDefinition: false);

        var typeScoped = active;
        foreach (var key in element.Select(e => e.Key).Order(StringComparer.Ordinal))
        {
            if (IriExpansion.Expand(active, key, vocab: true, null) != "@type")
                continue;
            foreach (var type in Strings(element[key]).Order(StringComparer.Ordinal))
            {
                if (typeScoped.Term(type) is { HasLocalContext: true } typeTerm)
                    active = contexts.Process(active, typeTerm.LocalContext, fromDefinition: true, propagate: false);
            }
        }

        var result = new JsonObject();
        foreach (var key in element.Select(e => e.Key).Order(StringComparer.Ordinal))
        {
            if (key == "@context")
                continue;
            var expandedProperty = IriExpansion.Expand(active, key, vocab: true, null);
            if (expandedProperty is null || !(Keywords.IsKeyword(expandedProperty) || Keywords.IsAbsoluteIri(expandedProperty) || Keywords.IsBlankNode(expandedProperty)))
                throw new JsonLdException("invalid property", $"{key} is not defined by the document's contexts");
            if (Keywords.IsKeyword(expandedProperty))
                ExpandKeyword(active, typeScoped, property, key, expandedProperty, element[key], result, depth);
            else
                ExpandProperty(active, key, expandedProperty, element[key], result, depth);
        }

        return Finish(property, result);
    }

    /// <summary>A value object, or a lone @id: these keep a type-scoped context (JSON-LD 1.1 §5.1.2 step 7).</summary>
    private static bool IsValueOrReference(ActiveContext active, JsonObject element)
    {
        var expanded = element.Select(e => IriExpansion.Expand(active, e.Key, vocab: true, null)).ToArray();
        return expanded.Contains("@value") || (expanded is ["@id"]);
    }

    private void ExpandProperty(ActiveContext active, string key, string expandedProperty, JsonNode? value, JsonObject result, int depth)
    {
        var definition = active.Term(key);
        JsonNode? expanded = definition?.Type == "@json"
            ? new JsonObject { ["@value"] = value?.DeepClone(), ["@type"] = "@json" }
            : Expand(active, key, value, fromMap: false, depth + 1);
        if (expanded is null)
            return;
        if (definition?.Contains("@list") == true && !IsList(expanded))
            expanded = new JsonObject { ["@list"] = AsArray(expanded) };
        if (definition?.Contains("@graph") == true)
            expanded = new JsonArray([.. Detach(AsArray(expanded)).Select(each => (JsonNode)new JsonObject { ["@graph"] = AsArray(each!) })]);
        Append(result, expandedProperty, expanded);
    }

    private static bool IsList(JsonNode node) => node is JsonObject map && map.ContainsKey("@list");

    // Expanded values are built fresh and owned by nobody else, so they move into their parent instead of being copied;
    // copying them at every level of nesting made expansion quadratic in depth.
    internal static JsonArray AsArray(JsonNode node) => node is JsonArray array ? array : [node.Parent is null ? node : node.DeepClone()];

    /// <summary>The items of an array built here, taken out of it so they can join another.</summary>
    private static JsonNode?[] Detach(JsonArray array)
    {
        var items = array.ToArray();
        array.Clear();
        return items;
    }

    private static void Append(JsonObject result, string property, JsonNode value)
    {
        if (result[property] is not JsonArray values)
            result[property] = values = [];
        foreach (var item in Detach(AsArray(value)))
            values.Add(item);
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        JsonArray array => array.Select(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).OfType<string>(),
        _ => [],
    };
}
