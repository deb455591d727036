namespace SmpAcademy.Audit.Credentials.Rdf;

/// <summary>
/// RDFC-1.0 identifier issuer: hands out prefix0, prefix1, … and remembers, in issue order, which existing identifier got
/// which new one.
/// </summary>
internal sealed class IdentifierIssuer
{
    private readonly string _prefix;
    private readonly Dictionary<string, string> _issued;
    private readonly List<string> _order;
    private int _counter;

    public IdentifierIssuer(string prefix)
        : this(prefix, new Dictionary<string, string>(StringComparer.Ordinal), [], 0)
    {
    }

    private IdentifierIssuer(string prefix, Dictionary<string, string> issued, List<string> order, int counter)
    {
        _prefix = prefix;
        _issued = issued;
        _order = order;
        _counter = counter;
    }

    /// <summary>The existing identifiers that were issued a new one, in the order they were issued.</summary>
    public IReadOnlyList<string> Existing => _order;

    public IdentifierIssuer Clone() =>
        new(_prefix, new Dictionary<string, string>(_issued, StringComparer.Ordinal), [.. _order], _counter);

    public bool Has(string existing) => _issued.ContainsKey(existing);

    public bool TryGet(string existing, out string issued) => _issued.TryGetValue(existing, out issued!);

    /// <summary>The Issue Identifier algorithm: the identifier already issued for <paramref name="existing"/>, or a new one.</summary>
    public string Issue(string existing)
    {
        if (_issued.TryGetValue(existing, out var issued))
            return issued;
        issued = _prefix + _counter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _counter++;
        _issued.Add(existing, issued);
        _order.Add(existing);
        return issued;
    }

    public Dictionary<string, string> ToDictionary() => new(_issued, StringComparer.Ordinal);
}
