using System.Globalization;
using System.Text;

namespace SmpAcademy.Audit.Credentials.Rdf;

/// <summary>
/// RDF 1.1 N-Quads: reads a document into quads and writes quads in the canonical N-Quads form RDFC-1.0 requires.
/// </summary>
public static class NQuads
{
    /// <summary>Reads an N-Quads document; a statement per line, comments and blank lines allowed.</summary>
    /// <exception cref="FormatException">The document is not N-Quads; the message names the line.</exception>
    public static List<RdfQuad> Parse(string document) => NQuadsReader.Parse(document);

    /// <summary>The canonical N-Quads line for <paramref name="quad"/>, ending in " .\n".</summary>
    public static string Serialize(RdfQuad quad)
    {
        ArgumentNullException.ThrowIfNull(quad);
        var text = new StringBuilder();
        Append(text, quad, null);
        return text.ToString();
    }

    /// <summary>The canonical lines of <paramref name="quads"/>, in the order given.</summary>
    public static string Serialize(IEnumerable<RdfQuad> quads)
    {
        ArgumentNullException.ThrowIfNull(quads);
        var text = new StringBuilder();
        foreach (var quad in quads)
            Append(text, quad, null);
        return text.ToString();
    }

    /// <summary>Appends the canonical line of <paramref name="quad"/>; <paramref name="label"/> renames blank nodes.</summary>
    internal static void Append(StringBuilder text, RdfQuad quad, Func<string, string>? label)
    {
        AppendTerm(text, quad.Subject, label);
        text.Append(' ');
        AppendTerm(text, quad.Predicate, label);
        text.Append(' ');
        AppendTerm(text, quad.Object, label);
        if (quad.Graph is not null)
        {
            text.Append(' ');
            AppendTerm(text, quad.Graph, label);
        }
        text.Append(" .\n");
    }

    private static void AppendTerm(StringBuilder text, RdfTerm term, Func<string, string>? label)
    {
        switch (term.Kind)
        {
            case RdfTermKind.Iri:
                AppendIri(text, term.Value);
                break;
            case RdfTermKind.BlankNode:
                text.Append("_:").Append(label is null ? term.Value : label(term.Value));
                break;
            default:
                text.Append('"');
                AppendLiteralText(text, term.Value);
                text.Append('"');
                if (term.Language is not null)
                    text.Append('@').Append(term.Language);
                else if (term.Datatype is not null && term.Datatype != RdfTerm.XsdString)
                {
                    text.Append("^^");
                    AppendIri(text, term.Datatype);
                }
                break;
        }
    }

    // Characters IRIREF cannot hold as themselves can only be written as UCHAR (as rdf-canonize does).
    private static void AppendIri(StringBuilder text, string iri)
    {
        text.Append('<');
        foreach (var c in iri)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
                AppendUchar(text, c);
            else
                text.Append(c);
        }
        text.Append('>');
    }

    /// <summary>
    /// Canonical STRING_LITERAL_QUOTE content: BS, HT, LF, FF, CR, quote and backslash as ECHAR; other C0 controls, DEL and
    /// code points outside XML 1.1 Char (U+FFFE, U+FFFF, lone surrogates) as \uXXXX with uppercase hex.
    /// </summary>
    private static void AppendLiteralText(StringBuilder text, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\b': text.Append("\\b"); continue;
                case '\t': text.Append("\\t"); continue;
                case '\n': text.Append("\\n"); continue;
                case '\f': text.Append("\\f"); continue;
                case '\r': text.Append("\\r"); continue;
                case '"': text.Append("\\\""); continue;
                case '\\': text.Append("\\\\"); continue;
            }
            if (c < ' ' || c == '\u007F' || c is '\uFFFE' or '\uFFFF')
                AppendUchar(text, c);
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                text.Append(c).Append(value[++i]);
            else if (char.IsSurrogate(c))
                AppendUchar(text, c);
            else
                text.Append(c);
        }
    }

    private static void AppendUchar(StringBuilder text, char c) =>
        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
}
