using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials.Rdf;

namespace SmpAcademy.Audit.Credentials.JsonLd;

/// <summary>
/// A JSON-LD document as an RDF dataset (JSON-LD 1.1 expansion in safe mode, then Deserialize JSON-LD to RDF), for
/// documents whose contexts are held: by default the <see cref="VendoredContexts"/>. The subset of JSON-LD is the one
/// verifiable credentials use; anything else is a <see cref="JsonLdException"/>, never a silently different dataset.
/// </summary>
public static class JsonLdRdf
{
    private static readonly Expander Vendored = new(new ContextProcessor(VendoredContexts.All));

    /// <exception cref="JsonLdException">The document uses JSON-LD this processor refuses, or is not valid JSON-LD.</exception>
    public static IReadOnlyCollection<RdfQuad> ToDataset(JsonNode document, IReadOnlyDictionary<string, JsonObject>? contexts = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var expander = contexts is null ? Vendored : new Expander(new ContextProcessor(contexts));
        return RdfEmitter.Emit(expander.Expand(document));
    }

    /// <summary>The expanded form, for comparing with other processors.</summary>
    public static JsonArray Expand(JsonNode document, IReadOnlyDictionary<string, JsonObject>? contexts = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return (contexts is null ? Vendored : new Expander(new ContextProcessor(contexts))).Expand(document);
    }
}
