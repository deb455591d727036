using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmpAcademy.Audit.Credentials.Rdf;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Audit.Credentials.JsonLd;

/// <summary>
/// JSON-LD 1.1 Deserialize JSON-LD to RDF (§8.1) from expanded form, node by node: a node described in two places
/// gives the same statements twice, which a dataset (a set) holds once. Literals follow npm jsonld's conversions.
/// </summary>
internal sealed partial class RdfEmitter
{
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    private static readonly RdfTerm Type = RdfTerm.Iri(Rdf + "type");
    private static readonly RdfTerm First = RdfTerm.Iri(Rdf + "first");
    private static readonly RdfTerm Rest = RdfTerm.Iri(Rdf + "rest");
    private static readonly RdfTerm Nil = RdfTerm.Iri(Rdf + "nil");

    private readonly HashSet<RdfQuad> _quads = [];
    private readonly Dictionary<string, RdfTerm> _blanks = new(StringComparer.Ordinal);
    private int _issued;

    public static IReadOnlyCollection<RdfQuad> Emit(JsonArray expanded)
    {
        var emitter = new RdfEmitter();
        foreach (var node in expanded.OfType<JsonObject>())
            emitter.Node(node, null);
        return emitter._quads;
    }

    private RdfTerm Node(JsonObject node, RdfTerm? graph)
    {
        var subject = node["@id"] is JsonValue id ? Resource(id.GetValue<string>()) : NewBlank();
        foreach (var type in node["@type"] as JsonArray ?? [])
            _quads.Add(new RdfQuad(subject, Type, Resource(type!.GetValue<string>()), graph));
        foreach (var item in node["@graph"] as JsonArray ?? [])
        {
            if (item is JsonObject inner && !inner.ContainsKey("@value") && !inner.ContainsKey("@list"))
                Node(inner, subject);
        }

        foreach (var (property, values) in node)
        {
            if (Keywords.IsKeyword(property))
                continue;
            if (Keywords.IsBlankNode(property))
                throw new JsonLdException("unsupported feature", $"the blank node property {property} (generalized RDF)");
            var predicate = RdfTerm.Iri(property);
            foreach (var value in values!.AsArray())
                _quads.Add(new RdfQuad(subject, predicate, Object(value!.AsObject(), graph), graph));
        }

        return subject;
    }

    private RdfTerm Object(JsonObject item, RdfTerm? graph)
    {
        if (item.ContainsKey("@value"))
            return Literal(item);
        if (item["@list"] is JsonArray list)
            return List(list, graph);
        return Node(item, graph);
    }

    private RdfTerm List(JsonArray items, RdfTerm? graph)
    {
        if (items.Count == 0)
            return Nil;
        var cells = items.Select(_ => NewBlank()).ToArray();
        for (var i = 0; i < cells.Length; i++)
        {
            _quads.Add(new RdfQuad(cells[i], First, Object(items[i]!.AsObject(), graph), graph));
            _quads.Add(new RdfQuad(cells[i], Rest, i + 1 < cells.Length ? cells[i + 1] : Nil, graph));
        }

        return cells[0];
    }

    private RdfTerm Resource(string iri)
    {
        if (!Keywords.IsBlankNode(iri))
            return RdfTerm.Iri(iri);
        if (!_blanks.TryGetValue(iri, out var blank))
            _blanks[iri] = blank = NewBlank();
        return blank;
    }

    private RdfTerm NewBlank() => RdfTerm.Blank($"b{_issued++}");

    private static RdfTerm Literal(JsonObject item)
    {
        var value = item["@value"]!.AsValue();
        var datatype = item["@type"]?.GetValue<string>();
        if (datatype == "@json")
            return RdfTerm.Literal(Encoding.UTF8.GetString(Jcs.Canonicalize(value)), Rdf + "JSON");
        switch (value.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                return RdfTerm.Literal(value.GetValueKind() == JsonValueKind.True ? "true" : "false", datatype ?? Xsd + "boolean");
            case JsonValueKind.Number:
                var number = value.GetValue<double>();
                return number % 1 != 0 || Math.Abs(number) >= 1e21 || datatype == Xsd + "double"
                    ? RdfTerm.Literal(CanonicalDouble(number), datatype ?? Xsd + "double")
                    : RdfTerm.Literal(number.ToString("F0", CultureInfo.InvariantCulture), datatype ?? Xsd + "integer");
        }

        var text = value.GetValue<string>();
        if (datatype == Xsd + "double")
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? RdfTerm.Literal(CanonicalDouble(parsed), datatype)
                : throw new JsonLdException("unsupported feature", "an xsd:double that is not a number");
        }

        return item["@language"] is JsonValue language
            ? RdfTerm.Literal(text, RdfTerm.RdfLangString, language.GetValue<string>())
            : RdfTerm.Literal(text, datatype ?? RdfTerm.XsdString);
    }

    /// <summary>The canonical xsd:double form JSON-LD gives: JavaScript's toExponential(15) with trailing zeros cut ("1.5E0").</summary>
    internal static string CanonicalDouble(double value) =>
        ExponentTrim().Replace(value.ToString("0.000000000000000e+0", CultureInfo.InvariantCulture), "$1E", 1);

    [GeneratedRegex(@"(\d)0*e\+?")]
    private static partial Regex ExponentTrim();
}
