using System.Buffers;

namespace SmpAcademy.Audit.Credentials.JsonLd;

/// <summary>JSON-LD keywords and IRI shapes.</summary>
internal static class Keywords
{
    private static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph", "@id", "@import",
        "@included", "@index", "@json", "@language", "@list", "@nest", "@none", "@omitDefault", "@prefix", "@preserve",
        "@propagate", "@protected", "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
    };

    public static bool IsKeyword(string? value) => value is not null && All.Contains(value);

    /// <summary>The form "@" followed by letters, reserved for future keywords: such terms are ignored.</summary>
    public static bool LooksLikeKeyword(string value) =>
        value.Length > 1 && value[0] == '@' && !value.AsSpan(1).ContainsAnyExcept(Letters);

    private static readonly SearchValues<char> Letters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    /// <summary>An absolute IRI: a scheme (a letter, then letters, digits, + - .) and a colon.</summary>
    public static bool IsAbsoluteIri(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !char.IsAsciiLetter(value[0]))
            return false;
        foreach (var c in value.AsSpan(1, colon - 1))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
                return false;
        }

        return true;
    }

    public static bool IsBlankNode(string value) => value.StartsWith("_:", StringComparison.Ordinal);

    /// <summary>Whether an IRI ends with a gen-delim, the test for a simple term becoming a prefix.</summary>
    public static bool EndsWithGenDelim(string iri) => iri.Length > 0 && iri[^1] is ':' or '/' or '?' or '#' or '[' or ']' or '@';
}
