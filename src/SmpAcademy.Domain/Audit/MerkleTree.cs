using System.Security.Cryptography;

namespace SmpAcademy.Domain.Audit;

/// <summary>
/// The Merkle tree of RFC 9162 (Certificate Transparency 2.0, section 2.1), SHA-256 with a 0x00 prefix on leaves and
/// 0x01 on nodes so a leaf can never pass for a node: the tree head over a list of leaf hashes, inclusion proofs (one
/// leaf is in the tree) and consistency proofs (a tree is an append-only extension of an earlier one), made and checked
/// with the RFC's own algorithms. Pinned by the C2SP CCTV test vectors.
/// </summary>
public static class MerkleTree
{
    /// <summary>The head of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot { get; } = SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        Span<byte> input = data.Length < 512 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        input[0] = 0x00;
        data.CopyTo(input[1..]);
        return SHA256.HashData(input);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + left.Length + right.Length];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + left.Length)..]);
        return SHA256.HashData(input);
    }

    /// <summary>MTH(D[n]) over leaf hashes, bottom-up: pairing each level, an odd last node carried up unchanged, is the RFC's split at the largest power of two.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (leaves.Count == 0)
            return EmptyRoot;
        var level = leaves.ToArray();
        for (var count = level.Length; count > 1; count = (count + 1) / 2)
        {
            for (var i = 0; i < count / 2; i++)
                level[i] = NodeHash(level[2 * i], level[(2 * i) + 1]);
            if (count % 2 == 1)
                level[count / 2] = level[count - 1];
        }

        return level[0];
    }

    /// <summary>PATH(m, D[n]): the sibling hashes from leaf <paramref name="index"/> up to the root.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(int index, IReadOnlyList<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leaves.Count);
        var proof = new List<byte[]>();
        Path(index, new ArraySegment<byte[]>([.. leaves]), proof);
        return proof;

        static void Path(int m, ArraySegment<byte[]> d, List<byte[]> proof)
        {
            if (d.Count <= 1)
                return;
            var k = Split(d.Count);
            if (m < k)
            {
                Path(m, d[..k], proof);
                proof.Add(Root(d[k..]));
            }
            else
            {
                Path(m - k, d[k..], proof);
                proof.Add(Root(d[..k]));
            }
        }
    }

    /// <summary>PROOF(m, D[n]): what shows the tree over the first <paramref name="oldSize"/> leaves is a prefix of the tree over all of them.</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(int oldSize, IReadOnlyList<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, leaves.Count);
        var proof = new List<byte[]>();
        if (oldSize > 0)
            Subproof(oldSize, new ArraySegment<byte[]>([.. leaves]), true, proof);
        return proof;

        static void Subproof(int m, ArraySegment<byte[]> d, bool whole, List<byte[]> proof)
        {
            if (m == d.Count)
            {
                if (!whole)
                    proof.Add(Root(d));
                return;
            }

            var k = Split(d.Count);
            if (m <= k)
            {
                Subproof(m, d[..k], whole, proof);
                proof.Add(Root(d[k..]));
            }
            else
            {
                Subproof(m - k, d[k..], false, proof);
                proof.Add(Root(d[..k]));
            }
        }
    }

    /// <summary>RFC 9162 section 2.1.3.2.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size)
            return false;
        var (fn, sn) = (index, size - 1);
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                    (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
            {
                r = NodeHash(r, p);
            }

            (fn, sn) = (fn >> 1, sn >> 1);
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 section 2.1.4.2, with the trivial cases: equal sizes need equal heads and no proof, and everything extends the empty tree.</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 0 || oldSize > newSize)
            return false;
        if (oldSize == newSize)
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        if (oldSize == 0)
            return proof.Count == 0 && oldRoot.SequenceEqual(EmptyRoot);
        if (proof.Count == 0)
            return false;

        var path = (oldSize & (oldSize - 1)) == 0 ? [oldRoot.ToArray(), .. proof] : proof;
        var (fn, sn) = (oldSize - 1, newSize - 1);
        while ((fn & 1) == 1)
            (fn, sn) = (fn >> 1, sn >> 1);
        var (fr, sr) = (path[0], path[0]);
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                (fr, sr) = (NodeHash(c, fr), NodeHash(c, sr));
                while ((fn & 1) == 0 && fn != 0)
                    (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            (fn, sn) = (fn >> 1, sn >> 1);
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2).</summary>
    private static int Split(int n) => 1 << (31 - int.LeadingZeroCount(n - 1));
}
