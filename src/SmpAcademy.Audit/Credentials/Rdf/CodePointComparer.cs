namespace SmpAcademy.Audit.Credentials.Rdf;

/// <summary>
/// Orders strings by Unicode code point, as RDFC-1.0 sorts N-Quads. UTF-16 ordinal order agrees except that a
/// surrogate pair (U+10000 and above) must sort after U+E000–U+FFFF, so those code units are shifted before comparing.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    private CodePointComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        var common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
            return x.Length.CompareTo(y.Length);
        return Weight(x[common]).CompareTo(Weight(y[common]));
    }

    // U+E000–U+FFFF move down to 0xD800–0xF7FF and surrogates up to 0xF800–0xFFFF; the rest keep their value.
    private static int Weight(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}
