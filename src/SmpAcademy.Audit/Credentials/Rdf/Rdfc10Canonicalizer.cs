using System.Text;

namespace SmpAcademy.Audit.Credentials.Rdf;

/// <summary>
/// One run of the RDFC-1.0 canonicalization algorithm (spec section 4.4), keeping the canonicalization state. Step numbers
/// in comments are the spec's; the structure follows rdf-canonize, the reference implementation.
/// </summary>
internal sealed partial class Rdfc10Canonicalizer
{
    private readonly Func<byte[], byte[]> _hash;
    private readonly IdentifierIssuer _canonical = new("c14n");

    // The blank node to quads map, with each node's first-degree hash; _order keeps the nodes in input order.
    private readonly Dictionary<string, BlankNodeInfo> _blankNodes = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private long _maxDeepIterations;
    private long _remainingDeepIterations;
    private long _maxPermutations;
    private long _remainingPermutations;

    /// <summary>How many permutations each allowed deep iteration may bring with it, on average.</summary>
    internal const int PermutationsPerDeepIteration = 100;

    public Rdfc10Canonicalizer(Func<byte[], byte[]> hash) => _hash = hash;

    public sealed record Result(string Document, IReadOnlyDictionary<string, string> IssuedIdentifiers);

    private sealed class BlankNodeInfo
    {
        public List<RdfQuad> Quads { get; } = [];

        public string FirstDegreeHash { get; set; } = "";
    }

    public Result Run(IReadOnlyCollection<RdfQuad> dataset, int maxWorkFactor)
    {
        // A dataset is a set: duplicate quads count once (rdf-canonize drops them while parsing).
        var quads = new List<RdfQuad>(dataset.Count);
        var seen = new HashSet<RdfQuad>(dataset.Count);
        foreach (var quad in dataset)
        {
            Check(quad);
            if (seen.Add(quad))
                quads.Add(quad);
        }

        // 2) Index quads by blank node once, so first-degree hashing is linear in the dataset.
        foreach (var quad in quads)
        {
            Track(quad, quad.Subject);
            Track(quad, quad.Object);
            Track(quad, quad.Graph);
        }

        // 3-5) First-degree hashes are computed once (the spec's "simple" loop only ever needs one pass); nodes with a
        // unique hash get canonical identifiers in hash order, the rest are kept, grouped by hash, for step 6.
        var hashToBlankNodes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in _order)
        {
            var hash = HashFirstDegreeQuads(id);
            if (!hashToBlankNodes.TryGetValue(hash, out var ids))
                hashToBlankNodes.Add(hash, ids = []);
            ids.Add(id);
        }
        var nonUnique = new List<List<string>>();
        foreach (var hash in hashToBlankNodes.Keys.Order(StringComparer.Ordinal))
        {
            var ids = hashToBlankNodes[hash];
            if (ids.Count > 1)
                nonUnique.Add(ids);
            else
                _canonical.Issue(ids[0]);
        }

        _maxDeepIterations = MaxDeepIterations(nonUnique.Sum(ids => ids.Count), maxWorkFactor);
        _remainingDeepIterations = _maxDeepIterations;
        _maxPermutations = _maxDeepIterations > long.MaxValue / PermutationsPerDeepIteration
            ? long.MaxValue
            : _maxDeepIterations * PermutationsPerDeepIteration;
        _remainingPermutations = _maxPermutations;

        // 6) Tell apart nodes sharing a first-degree hash by their N-degree hashes.
        foreach (var ids in nonUnique)
        {
            var hashPaths = new List<(string Hash, IdentifierIssuer Issuer)>();
            foreach (var id in ids)
            {
                if (_canonical.Has(id))
                    continue;
                var temporary = new IdentifierIssuer("b");
                temporary.Issue(id);
                hashPaths.Add(HashNDegreeQuads(id, temporary));
            }
            // Stable, so equal hashes (automorphic nodes) keep input order, as in rdf-canonize.
            foreach (var (_, issuer) in hashPaths.OrderBy(result => result.Hash, StringComparer.Ordinal))
                foreach (var existing in issuer.Existing)
                    _canonical.Issue(existing);
        }

        // 7) Relabel, serialize and sort by code point; relabelling is one-to-one, so lines stay distinct.
        var lines = new List<string>(quads.Count);
        var text = new StringBuilder();
        Func<string, string> canonicalLabel = id => _canonical.Issue(id);
        foreach (var quad in quads)
        {
            text.Clear();
            NQuads.Append(text, quad, canonicalLabel);
            lines.Add(text.ToString());
        }
        lines.Sort(CodePointComparer.Instance);
        return new Result(string.Concat(lines), _canonical.ToDictionary());
    }

    /// <summary>rdf-canonize's bound: (non-unique blank nodes)^factor deep iterations, saturating instead of overflowing.</summary>
    internal static long MaxDeepIterations(int nonUniqueCount, int maxWorkFactor)
    {
        if (maxWorkFactor == 0)
            return 0;
        var limit = 1L;
        for (var i = 0; i < maxWorkFactor && limit < long.MaxValue; i++)
            limit = nonUniqueCount == 0 ? 0 : limit > long.MaxValue / nonUniqueCount ? long.MaxValue : limit * nonUniqueCount;
        return limit;
    }

    private static void Check(RdfQuad quad)
    {
        ArgumentNullException.ThrowIfNull(quad);
        if (quad.Subject.Kind == RdfTermKind.Literal || quad.Predicate.Kind != RdfTermKind.Iri
            || quad.Graph is { Kind: RdfTermKind.Literal })
            throw new ArgumentException("A quad's subject and graph must be IRIs or blank nodes and its predicate an IRI.");
    }

    private void Track(RdfQuad quad, RdfTerm? term)
    {
        if (term is not { Kind: RdfTermKind.BlankNode })
            return;
        if (!_blankNodes.TryGetValue(term.Value, out var info))
        {
            _blankNodes.Add(term.Value, info = new BlankNodeInfo());
            _order.Add(term.Value);
        }
        // A quad naming the node twice is listed once; its components are tracked one after another.
        if (info.Quads.Count == 0 || !ReferenceEquals(info.Quads[^1], quad))
            info.Quads.Add(quad);
    }

    /// <summary>4.6 Hash First Degree Quads: the node's quads with itself as _:a and every other blank node as _:z.</summary>
    private string HashFirstDegreeQuads(string id)
    {
        var info = _blankNodes[id];
        var lines = new List<string>(info.Quads.Count);
        var text = new StringBuilder();
        Func<string, string> label = other => other == id ? "a" : "z";
        foreach (var quad in info.Quads)
        {
            text.Clear();
            NQuads.Append(text, quad, label);
            lines.Add(text.ToString());
        }
        lines.Sort(CodePointComparer.Instance);
        return info.FirstDegreeHash = Hash(string.Concat(lines));
    }

    private string Hash(string input) => Convert.ToHexStringLower(_hash(Encoding.UTF8.GetBytes(input)));
}
