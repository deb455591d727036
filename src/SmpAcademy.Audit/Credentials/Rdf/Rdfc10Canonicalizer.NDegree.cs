using System.Globalization;
using System.Text;

namespace SmpAcademy.Audit.Credentials.Rdf;

internal sealed partial class Rdfc10Canonicalizer
{
    /// <summary>4.7 Hash Related Blank Node: position, predicate and the best identifier known for the related node.</summary>
    private string HashRelatedBlankNode(string related, RdfQuad quad, IdentifierIssuer issuer, char position)
    {
        var input = new StringBuilder().Append(position);
        if (position != 'g')
            input.Append('<').Append(quad.Predicate.Value).Append('>');
        if (_canonical.TryGet(related, out var canonical))
            input.Append("_:").Append(canonical);
        else if (issuer.TryGet(related, out var temporary))
            input.Append("_:").Append(temporary);
        else
            input.Append(_blankNodes[related].FirstDegreeHash);
        return Hash(input.ToString());
    }

    /// <summary>
    /// 4.8 Hash N-Degree Quads, counted against the work limit before doing anything, as rdf-canonize does: the recursion
    /// over permutations is where symmetric (poison) graphs blow up.
    /// </summary>
    private (string Hash, IdentifierIssuer Issuer) HashNDegreeQuads(string id, IdentifierIssuer issuer)
    {
        if (_remainingDeepIterations == 0)
            throw WorkLimit(_maxDeepIterations, "Hash N-Degree Quads runs");
        _remainingDeepIterations--;

        // 1-3) Group the related blank nodes by their related hash.
        var hashToRelated = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var quad in _blankNodes[id].Quads)
        {
            AddRelated(hashToRelated, quad, quad.Subject, 's', id, issuer);
            AddRelated(hashToRelated, quad, quad.Object, 'o', id, issuer);
            AddRelated(hashToRelated, quad, quad.Graph, 'g', id, issuer);
        }

        // 4-5) For each related hash, the lexicographically least path over all orderings of its nodes.
        var dataToHash = new StringBuilder();
        foreach (var relatedHash in hashToRelated.Keys.Order(StringComparer.Ordinal))
        {
            dataToHash.Append(relatedHash);
            string? chosenPath = null;
            IdentifierIssuer? chosenIssuer = null;
            foreach (var permutation in Permuter.Permutations(hashToRelated[relatedHash]))
            {
                CountPermutation();
                var issuerCopy = issuer.Clone();
                var path = new StringBuilder();
                var recursion = new List<string>();
                var skip = false;
                foreach (var related in permutation)
                {
                    if (_canonical.TryGet(related, out var canonical))
                        path.Append("_:").Append(canonical);
                    else
                    {
                        if (!issuerCopy.Has(related))
                            recursion.Add(related);
                        path.Append("_:").Append(issuerCopy.Issue(related));
                    }
                    // 5.4.4.3) A path already greater than the chosen one only grows greater: skip this ordering.
                    if (skip = IsGreater(path, chosenPath))
                        break;
                }
                if (skip)
                    continue;
                foreach (var related in recursion)
                {
                    var result = HashNDegreeQuads(related, issuerCopy);
                    path.Append("_:").Append(issuerCopy.Issue(related)).Append('<').Append(result.Hash).Append('>');
                    issuerCopy = result.Issuer;
                    if (skip = IsGreater(path, chosenPath))
                        break;
                }
                if (skip)
                    continue;
                var candidate = path.ToString();
                if (chosenPath is null || string.CompareOrdinal(candidate, chosenPath) < 0)
                {
                    chosenPath = candidate;
                    chosenIssuer = issuerCopy;
                }
            }
            dataToHash.Append(chosenPath);
            issuer = chosenIssuer!;
        }
        return (Hash(dataToHash.ToString()), issuer);
    }

    /// <summary>
    /// Our addition to rdf-canonize's bound: a related node listed several times (once per graph, say) makes a multiset
    /// whose orderings are mostly skipped without recursing, so they would not count as deep iterations yet can run to
    /// millions. Each deep iteration may therefore be followed by at most <see cref="PermutationsPerDeepIteration"/>
    /// orderings on average; the W3C suite needs fewer than ten.
    /// </summary>
    private void CountPermutation()
    {
        if (_remainingPermutations == 0)
            throw WorkLimit(_maxPermutations, "permutations in Hash N-Degree Quads");
        _remainingPermutations--;
    }

    private static RdfcWorkLimitException WorkLimit(long limit, string what) =>
        new($"RDFC-1.0 needs more than {limit.ToString(CultureInfo.InvariantCulture)} {what} for this dataset: its blank nodes "
            + "are too symmetric to tell apart within the work limit (maxWorkFactor too small, or a poison graph).");

    private void AddRelated(
        Dictionary<string, List<string>> hashToRelated, RdfQuad quad, RdfTerm? term, char position, string id, IdentifierIssuer issuer)
    {
        if (term is not { Kind: RdfTermKind.BlankNode } || term.Value == id)
            return;
        var hash = HashRelatedBlankNode(term.Value, quad, issuer, position);
        if (!hashToRelated.TryGetValue(hash, out var related))
            hashToRelated.Add(hash, related = []);
        related.Add(term.Value);
    }

    // Paths hold only "_:", identifiers, '<', '>' and hex, all ASCII, so ordinal order is code point order.
    private static bool IsGreater(StringBuilder path, string? chosenPath) =>
        chosenPath is not null && string.CompareOrdinal(path.ToString(), chosenPath) > 0;
}
