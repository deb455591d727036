using System.Security.Cryptography;

namespace SmpAcademy.Audit.Credentials.Rdf;

/// <summary>
/// W3C RDF Dataset Canonicalization (RDFC-1.0): a dataset's canonical N-Quads, with blank nodes relabelled c14n0, c14n1, …
/// so that isomorphic datasets give the same text.
/// </summary>
/// <remarks>
/// <para>
/// The work bound follows rdf-canonize's <c>maxWorkFactor</c>: Hash N-Degree Quads may run at most n^maxWorkFactor times,
/// n being the number of blank nodes whose first-degree hash is shared (0 allows none, 1 is linear). Credentials rarely
/// need any; a "poison" graph built to make a verifier spin throws <see cref="RdfcWorkLimitException"/> instead. On top
/// of that, the permutations tried are capped at 100 per allowed deep iteration, which rdf-canonize leaves to a timeout.
/// </para>
/// <para>The hash algorithm is SHA-256 unless another is named (SHA-384 and SHA-512 are accepted).</para>
/// </remarks>
public static class Rdfc10
{
    /// <summary>The canonical N-Quads document: lines in code point order, no duplicates, each ending in "\n".</summary>
    /// <exception cref="RdfcWorkLimitException">The dataset needs more work than <paramref name="maxWorkFactor"/> allows.</exception>
    public static string Canonicalize(
        IReadOnlyCollection<RdfQuad> dataset, int maxWorkFactor = 1, HashAlgorithmName hashAlgorithm = default) =>
        Run(dataset, maxWorkFactor, hashAlgorithm).Document;

    /// <summary>The issued identifiers map: each input blank node label to its canonical label (c14nN).</summary>
    /// <exception cref="RdfcWorkLimitException">The dataset needs more work than <paramref name="maxWorkFactor"/> allows.</exception>
    public static IReadOnlyDictionary<string, string> IssuedIdentifiers(
        IReadOnlyCollection<RdfQuad> dataset, int maxWorkFactor = 1, HashAlgorithmName hashAlgorithm = default) =>
        Run(dataset, maxWorkFactor, hashAlgorithm).IssuedIdentifiers;

    private static Rdfc10Canonicalizer.Result Run(IReadOnlyCollection<RdfQuad> dataset, int maxWorkFactor, HashAlgorithmName hashAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegative(maxWorkFactor);
        return new Rdfc10Canonicalizer(Hasher(hashAlgorithm)).Run(dataset, maxWorkFactor);
    }

    private static Func<byte[], byte[]> Hasher(HashAlgorithmName name)
    {
        if (name.Name is null || name == HashAlgorithmName.SHA256)
            return SHA256.HashData;
        if (name == HashAlgorithmName.SHA384)
            return SHA384.HashData;
        if (name == HashAlgorithmName.SHA512)
            return SHA512.HashData;
        throw new ArgumentException($"RDFC-1.0 here supports SHA-256, SHA-384 and SHA-512, not {name.Name}.", nameof(name));
    }
}
