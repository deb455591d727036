namespace SmpAcademy.Audit.Credentials.Rdf;

/// <summary>What an RDF term is: an IRI, a blank node or a literal.</summary>
public enum RdfTermKind
{
    Iri,
    BlankNode,
    Literal,
}

/// <summary>
/// One RDF term. An IRI's or blank node's <see cref="Value"/> is the IRI or the label without "_:"; a literal's is its
/// lexical form, with its <see cref="Datatype"/> IRI (rdf:langString when it has a <see cref="Language"/>).
/// </summary>
public sealed record RdfTerm(RdfTermKind Kind, string Value, string? Datatype = null, string? Language = null)
{
    public const string XsdString = "http://www.w3.org/2001/XMLSchema#string";
    public const string RdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

    public static RdfTerm Iri(string iri) => new(RdfTermKind.Iri, iri);

    public static RdfTerm Blank(string label) => new(RdfTermKind.BlankNode, label);

    public static RdfTerm Literal(string lexical, string datatype = XsdString, string? language = null) =>
        new(RdfTermKind.Literal, lexical, language is null ? datatype : RdfLangString, language);

    public bool IsBlank => Kind == RdfTermKind.BlankNode;
}

/// <summary>One statement of a dataset; <see cref="Graph"/> is null in the default graph.</summary>
// "Object" is RDF's own name for the third term (CA1720 would have it renamed).
#pragma warning disable CA1720
public sealed record RdfQuad(RdfTerm Subject, RdfTerm Predicate, RdfTerm Object, RdfTerm? Graph = null);
#pragma warning restore CA1720
