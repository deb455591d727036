using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials.JsonLd;

/// <summary>JSON-LD 1.1 Create Term Definition (§4.2) for the terms of one local context.</summary>
internal sealed class TermDefiner(
    ActiveContext active, JsonObject local, bool protectedDefault, bool overrideProtected)
{
    private readonly Dictionary<string, bool> _defined = new(StringComparer.Ordinal);

    public void DefineIfPending(string term)
    {
        if (local.ContainsKey(term) && (!_defined.TryGetValue(term, out var done) || !done))
            Define(term);
    }

    public void Define(string term)
    {
        if (_defined.TryGetValue(term, out var done))
        {
            if (done)
                return;
            throw new JsonLdException("cyclic IRI mapping", $"the term {term} is defined through itself");
        }

        if (term.Length == 0)
            throw new JsonLdException("invalid term definition", "an empty term");
        _defined[term] = false;
        var value = local[term];
        if (Keywords.IsKeyword(term))
            throw new JsonLdException("keyword redefinition", $"{term} is a keyword");
        if (Keywords.LooksLikeKeyword(term))
        {
            _defined[term] = true;
            return;
        }

        active.Terms.Remove(term, out var previous);
        var definition = value switch
        {
            null => new TermDefinition(null, null, [], null, false, protectedDefault, false, false, null),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => FromObject(term, new JsonObject { ["@id"] = v.GetValue<string>() }, simple: true),
            JsonObject map => FromObject(term, map, simple: false),
            _ => throw new JsonLdException("invalid term definition", $"the definition of {term} is not a string, an object or null"),
        };

        if (previous is { Protected: true } && !overrideProtected)
        {
            if (!definition.SameAs(previous))
                throw new JsonLdException("protected term redefinition", $"the protected term {term} is redefined");
            definition = previous;
        }

        active.Terms[term] = definition;
        _defined[term] = true;
    }

    private TermDefinition FromObject(string term, JsonObject value, bool simple)
    {
        foreach (var (key, _) in value)
        {
            if (!ContextProcessor.AllowedDefinitionKeys.Contains(key))
                throw new JsonLdException("invalid term definition", $"{key} in the definition of {term}");
        }

        foreach (var key in new[] { "@reverse", "@index", "@nest", "@direction" })
        {
            if (value.ContainsKey(key))
                throw new JsonLdException("unsupported feature", $"{key} in the definition of {term}");
        }

        var isProtected = value["@protected"] is { } p ? p.GetValueKind() == JsonValueKind.True : protectedDefault;
        string? type = null;
        if (value.ContainsKey("@type"))
        {
            type = Text(value["@type"]) is { } t ? IriExpansion.Expand(active, t, vocab: true, this) : null;
            if (type is null || !(type is "@id" or "@json" or "@none" or "@vocab" || Keywords.IsAbsoluteIri(type)))
                throw new JsonLdException("invalid type mapping", $"the @type of {term}");
        }

        var (iri, prefix) = Mapping(term, value, simple);
        var container = Container(term, value["@container"]);
        var hasLanguage = value.ContainsKey("@language") && !value.ContainsKey("@type");
        var language = hasLanguage ? Text(value["@language"])?.ToLowerInvariant() : null;
        if (hasLanguage && value["@language"] is not null && language is null)
            throw new JsonLdException("invalid language mapping", $"the @language of {term}");
        if (value["@prefix"] is { } prefixNode)
            prefix = prefixNode.GetValueKind() == JsonValueKind.True;

        // Scoped contexts are processed when used; the contexts here are vendored, and a document cannot bring its own.
        var hasContext = value.ContainsKey("@context");
        return new TermDefinition(iri, type, container, value["@context"]?.DeepClone(), hasContext, isProtected, prefix, hasLanguage, language);
    }

    private (string? Iri, bool Prefix) Mapping(string term, JsonObject value, bool simple)
    {
        if (value.ContainsKey("@id") && Text(value["@id"]) != term)
        {
            if (value["@id"] is null)
                return (null, false);
            var id = Text(value["@id"]) ?? throw new JsonLdException("invalid IRI mapping", $"the @id of {term} is not a string");
            if (!Keywords.IsKeyword(id) && Keywords.LooksLikeKeyword(id))
                return (null, false);
            var iri = IriExpansion.Expand(active, id, vocab: true, this);
            if (iri is null || iri == "@context" || !(Keywords.IsKeyword(iri) || Keywords.IsAbsoluteIri(iri) || Keywords.IsBlankNode(iri)))
                throw new JsonLdException("invalid IRI mapping", $"the @id of {term} is not an absolute IRI, blank node or keyword");
            var prefix = simple && !term.Contains(':', StringComparison.Ordinal) && !term.Contains('/', StringComparison.Ordinal)
                && (Keywords.EndsWithGenDelim(iri) || Keywords.IsBlankNode(iri));
            return (iri, prefix);
        }

        var colon = term.IndexOf(':', 1);
        if (colon > 0)
        {
            var prefixTerm = term[..colon];
            DefineIfPending(prefixTerm);
            return active.Terms.TryGetValue(prefixTerm, out var p) && p.Iri is not null ? (p.Iri + term[(colon + 1)..], false) : (term, false);
        }

        if (term.Contains('/', StringComparison.Ordinal))
            throw new JsonLdException("invalid IRI mapping", $"the relative IRI term {term} (no base IRI here)");
        if (term == "@type")
            return ("@type", false);
        return active.Vocab is not null ? (active.Vocab + term, false)
            : throw new JsonLdException("invalid IRI mapping", $"{term} has no @id and there is no @vocab");
    }

    private static string[] Container(string term, JsonNode? node)
    {
        if (node is null)
            return [];
        var values = node is JsonArray array ? array.Select(Text).ToArray() : [Text(node)];
        if (values.Any(v => v is null || !ContextProcessor.SupportedContainers.Contains(v)) || (values.Contains("@list") && values.Length > 1))
            throw new JsonLdException("unsupported feature", $"the @container of {term} (only @list, @set and @graph are supported)");
        return [.. values.Order(StringComparer.Ordinal)!];
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
