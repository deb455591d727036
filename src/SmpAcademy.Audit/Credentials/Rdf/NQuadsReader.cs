using System.Text;

namespace SmpAcademy.Audit.Credentials.Rdf;

/// <summary>The RDF 1.1 N-Quads grammar, one line at a time; any departure is a <see cref="FormatException"/>.</summary>
internal sealed partial class NQuadsReader
{
    private readonly string _line;
    private readonly int _lineNumber;
    private readonly StringBuilder _buffer = new();
    private int _at;

    private NQuadsReader(string line, int lineNumber)
    {
        _line = line;
        _lineNumber = lineNumber;
    }

    public static List<RdfQuad> Parse(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var quads = new List<RdfQuad>();
        var start = 0;
        for (var number = 1; start <= document.Length; number++)
        {
            var end = document.AsSpan(start).IndexOfAny('\n', '\r');
            end = end < 0 ? document.Length : start + end;
            var quad = new NQuadsReader(document[start..end], number).Statement();
            if (quad is not null)
                quads.Add(quad);
            // CR LF is one line end; a lone CR or LF is one too.
            start = end + (end + 1 < document.Length && document[end] == '\r' && document[end + 1] == '\n' ? 2 : 1);
        }
        return quads;
    }

    private char Current => _at < _line.Length ? _line[_at] : '\0';

    private bool AtEnd => _at >= _line.Length;

    private RdfQuad? Statement()
    {
        SkipSpace();
        if (AtEnd || Current == '#')
            return null;
        var subject = Current == '<' ? Iri() : Current == '_' ? Blank() : throw Error("expected an IRI or blank node as subject");
        SkipSpace();
        var predicate = Current == '<' ? Iri() : throw Error("expected an IRI as predicate");
        SkipSpace();
        var obj = Current switch
        {
            '<' => Iri(),
            '_' => Blank(),
            '"' => Literal(),
            _ => throw Error("expected an IRI, blank node or literal as object"),
        };
        SkipSpace();
        RdfTerm? graph = Current switch
        {
            '<' => Iri(),
            '_' => Blank(),
            _ => null,
        };
        SkipSpace();
        if (Current != '.')
            throw Error("expected '.' at the end of the statement");
        _at++;
        SkipSpace();
        if (!AtEnd && Current != '#')
            throw Error("unexpected text after '.'");
        return new RdfQuad(subject, predicate, obj, graph);
    }

    private void SkipSpace()
    {
        while (Current is ' ' or '\t')
            _at++;
    }

    private RdfTerm Iri() => RdfTerm.Iri(IriText());

    private string IriText()
    {
        _at++; // '<'
        _buffer.Clear();
        while (true)
        {
            if (AtEnd)
                throw Error("unterminated IRI");
            var c = _line[_at++];
            if (c == '>')
                break;
            if (c == '\\')
                Uchar();
            else if (c <= ' ' || c is '<' or '"' or '{' or '}' or '|' or '^' or '`')
                throw Error($"character U+{(int)c:X4} is not allowed in an IRI");
            else
                _buffer.Append(c);
        }
        var iri = _buffer.ToString();
        if (!HasScheme(iri))
            throw Error($"IRI <{iri}> is not absolute");
        return iri;
    }

    private static bool HasScheme(string iri)
    {
        var colon = iri.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !char.IsAsciiLetter(iri[0]))
            return false;
        foreach (var c in iri.AsSpan(1, colon - 1))
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
                return false;
        return true;
    }

    private RdfTerm Blank()
    {
        if (_at + 1 >= _line.Length || _line[_at + 1] != ':')
            throw Error("expected '_:' to start a blank node label");
        _at += 2;
        var start = _at;
        if (!BlankLabelChar(first: true))
            throw Error("blank node label must start with a letter, digit, '_' or ':'");
        while (Current == '.' || BlankLabelChar(first: false))
            if (Current == '.')
                _at++;
        // A label cannot end in '.', so trailing dots belong to the statement.
        while (_line[_at - 1] == '.')
            _at--;
        return RdfTerm.Blank(_line[start.._at]);
    }

    /// <summary>Consumes one PN_CHARS_U or digit (first) / PN_CHARS (later) character, or a surrogate pair, if present.</summary>
    private bool BlankLabelChar(bool first)
    {
        if (AtEnd || Rune.DecodeFromUtf16(_line.AsSpan(_at), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            return false;
        var v = rune.Value;
        var ok = v < 0x80 && char.IsAsciiLetterOrDigit((char)v)
            || v is '_' or ':'
            || v is >= 0xC0 and <= 0xD6 or >= 0xD8 and <= 0xF6 or >= 0xF8 and <= 0x2FF or >= 0x370 and <= 0x37D
            || v is >= 0x37F and <= 0x1FFF or 0x200C or 0x200D or >= 0x2070 and <= 0x218F or >= 0x2C00 and <= 0x2FEF
            || v is >= 0x3001 and <= 0xD7FF or >= 0xF900 and <= 0xFDCF or >= 0xFDF0 and <= 0xFFFD or >= 0x10000 and <= 0xEFFFF
            || !first && (v is '-' or 0xB7 or >= 0x300 and <= 0x36F or 0x203F or 0x2040);
        if (ok)
            _at += used;
        return ok;
    }

    private FormatException Error(string what) =>
        new($"N-Quads line {_lineNumber}, column {_at + 1}: {what}.");
}
