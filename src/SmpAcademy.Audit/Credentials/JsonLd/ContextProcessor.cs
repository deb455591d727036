using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials.JsonLd;

/// <summary>
/// JSON-LD 1.1 Context Processing (§4.1) for what credentials use: remote contexts from the held set only, term
/// definitions with @id, @type, @container, scoped @context, @protected and @prefix, and @vocab, @language,
/// @propagate and @version. @base, @import, @reverse, @index, @nest and @direction are refused as unsupported.
/// </summary>
internal sealed class ContextProcessor(IReadOnlyDictionary<string, JsonObject> contexts)
{
    private const int MaxRemoteContexts = 32;

    private static readonly HashSet<string> ContextKeys = new(StringComparer.Ordinal)
    {
        "@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab",
    };

    private static readonly HashSet<string> DefinitionKeys = new(StringComparer.Ordinal)
    {
        "@id", "@reverse", "@container", "@context", "@direction", "@index", "@language", "@nest", "@prefix", "@protected", "@type",
    };

    private static readonly HashSet<string> Containers = new(StringComparer.Ordinal) { "@list", "@set", "@graph" };

    // Processing the held contexts is most of the cost of reading a credential, and its result depends only on the
    // context it starts from and the local context, so each pair is processed once. Active contexts are never changed
    // once made. A document's own @context is keyed by its text, and only at the top. Verifiers read hostile documents,
    // which could nest properties into ever new contexts: the cache holds at most MaxCached of them, then processes afresh.
    private const int MaxCached = 1024;
    private int _cached;
    private readonly ConditionalWeakTable<ActiveContext, ConcurrentDictionary<(object, bool, bool), ActiveContext>> _processed = [];

    /// <summary>The context nothing has been defined in: where every document starts.</summary>
    public ActiveContext Initial { get; } = new();

    /// <param name="fromDefinition">The local context is a held context's scoped context, not the document's own.</param>
    public ActiveContext Process(ActiveContext active, JsonNode? local, bool fromDefinition, bool overrideProtected = false, bool propagate = true)
    {
        if (!fromDefinition && !ReferenceEquals(active, Initial))
            return Process(active, local, [], overrideProtected, propagate, allowInline: false);
        var cache = _processed.GetOrCreateValue(active);
        // (A string must stay a string here: JsonNode converts from one implicitly, and a new node is a new key.)
        var key = ((fromDefinition ? local : (object?)local?.ToJsonString()) ?? NoContext, overrideProtected, propagate);
        if (cache.TryGetValue(key, out var processed))
            return processed;
        processed = Process(active, local, [], overrideProtected, propagate, fromDefinition);
        if (Volatile.Read(ref _cached) < MaxCached && Interlocked.Increment(ref _cached) <= MaxCached)
            cache.TryAdd(key, processed);
        return processed;
    }

    private static readonly object NoContext = new();

    private ActiveContext Process(ActiveContext active, JsonNode? local, List<string> remote, bool overrideProtected, bool propagate, bool allowInline = false)
    {
        var result = active.Clone();
        if (local is JsonObject { } map && map["@propagate"] is { } propagateNode)
            propagate = propagateNode.GetValueKind() == JsonValueKind.True ? true : propagateNode.GetValueKind() == JsonValueKind.False
                ? false : throw new JsonLdException("invalid @propagate value", "@propagate must be true or false");
        if (!propagate && result.Previous is null)
            result.Previous = active;

        foreach (var context in local is JsonArray array ? [.. array] : new List<JsonNode?> { local })
        {
            switch (context)
            {
                case null:
                    if (!overrideProtected && result.Terms.Values.Any(t => t.Protected))
                        throw new JsonLdException("invalid context nullification", "a context with protected terms cannot be set to null");
                    result = new ActiveContext { Previous = propagate ? null : result };
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    result = Remote(result, value.GetValue<string>(), remote);
                    break;
                case JsonObject definitions when allowInline:
                    Define(result, definitions, overrideProtected);
                    break;
                case JsonObject:
                    throw new JsonLdException("unsupported feature", "an embedded context: a document here names held contexts by URL");
                default:
                    throw new JsonLdException("invalid local context", "a context must be null, a URL or an object");
            }
        }

        return result;
    }

    private ActiveContext Remote(ActiveContext result, string url, List<string> remote)
    {
        if (!Keywords.IsAbsoluteIri(url))
            throw new JsonLdException("loading remote context failed", $"the context {url} is not an absolute URL (no base IRI here)");
        if (remote.Count >= MaxRemoteContexts)
            throw new JsonLdException("context overflow", $"more than {MaxRemoteContexts} nested remote contexts");
        if (!contexts.TryGetValue(url, out var document))
            throw new JsonLdException("loading remote context failed", $"the context {url} is not one held here, and contexts are never fetched");
        if (document["@context"] is not { } loaded)
            throw new JsonLdException("invalid remote context", $"the document at {url} has no @context");
        return Process(result, loaded, [.. remote, url], overrideProtected: false, propagate: true, allowInline: true);
    }

    private static void Define(ActiveContext result, JsonObject context, bool overrideProtected)
    {
        foreach (var key in new[] { "@base", "@import", "@direction" })
        {
            if (context.ContainsKey(key))
                throw new JsonLdException("unsupported feature", $"{key} in a context");
        }

        if (context["@version"] is { } version && (version.GetValueKind() != JsonValueKind.Number || version.GetValue<double>() != 1.1))
            throw new JsonLdException("invalid @version value", "@version must be 1.1");
        if (context.ContainsKey("@vocab"))
        {
            result.Vocab = context["@vocab"] switch
            {
                null => null,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => ExpandVocab(result, v.GetValue<string>()),
                _ => throw new JsonLdException("invalid vocab mapping", "@vocab must be a string or null"),
            };
        }

        if (context.ContainsKey("@language"))
        {
            result.DefaultLanguage = context["@language"] switch
            {
                null => null,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().ToLowerInvariant(),
                _ => throw new JsonLdException("invalid default language", "@language must be a string or null"),
            };
        }

        var protectedDefault = context["@protected"] is { } p && p.GetValueKind() == JsonValueKind.True;
        var definer = new TermDefiner(result, context, protectedDefault, overrideProtected);
        foreach (var (term, _) in context)
        {
            if (!ContextKeys.Contains(term))
                definer.Define(term);
        }
    }

    private static string ExpandVocab(ActiveContext result, string vocab)
    {
        var expanded = IriExpansion.Expand(result, vocab, vocab: true, definer: null);
        if (expanded is null || !(Keywords.IsAbsoluteIri(expanded) || Keywords.IsBlankNode(expanded)))
            throw new JsonLdException("invalid vocab mapping", $"@vocab {expanded} is not an absolute IRI (no base IRI here)");
        return expanded;
    }

    internal static IReadOnlySet<string> AllowedDefinitionKeys => DefinitionKeys;

    internal static IReadOnlySet<string> SupportedContainers => Containers;
}
