using System.Globalization;
using System.Text;

namespace SmpAcademy.Audit.Credentials.Rdf;

internal sealed partial class NQuadsReader
{
    private RdfTerm Literal()
    {
        _at++; // '"'
        _buffer.Clear();
        while (true)
        {
            if (AtEnd)
                throw Error("unterminated string literal");
            var c = _line[_at++];
            if (c == '"')
                break;
            if (c != '\\')
            {
                _buffer.Append(c);
                continue;
            }
            var escape = Current;
            var echar = escape switch
            {
                't' => '\t',
                'b' => '\b',
                'n' => '\n',
                'r' => '\r',
                'f' => '\f',
                '"' => '"',
                '\'' => '\'',
                '\\' => '\\',
                _ => '\0',
            };
            if (echar != '\0')
            {
                _buffer.Append(echar);
                _at++;
            }
            else
                Uchar();
        }
        var lexical = _buffer.ToString();
        if (Current == '@')
            return RdfTerm.Literal(lexical, language: LanguageTag());
        if (Current != '^')
            return RdfTerm.Literal(lexical);
        if (_at + 2 >= _line.Length || _line[_at + 1] != '^' || _line[_at + 2] != '<')
            throw Error("expected '^^<' before a datatype IRI");
        _at += 2;
        return RdfTerm.Literal(lexical, IriText());
    }

    private string LanguageTag()
    {
        var start = ++_at;
        while (char.IsAsciiLetter(Current))
            _at++;
        if (_at == start)
            throw Error("empty language tag");
        while (Current == '-')
        {
            var part = ++_at;
            while (char.IsAsciiLetterOrDigit(Current))
                _at++;
            if (_at == part)
                throw Error("empty language subtag");
        }
        return _line[start.._at];
    }

    /// <summary>Reads the rest of \uXXXX or \UXXXXXXXX (the backslash is consumed) into the buffer.</summary>
    private void Uchar()
    {
        var digits = Current switch { 'u' => 4, 'U' => 8, _ => throw Error("invalid escape sequence") };
        _at++;
        if (_at + digits > _line.Length
            || !int.TryParse(_line.AsSpan(_at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            || !Rune.IsValid(value))
            throw Error("invalid \\u or \\U escape");
        _at += digits;
        _buffer.Append(new Rune(value).ToString());
    }
}
