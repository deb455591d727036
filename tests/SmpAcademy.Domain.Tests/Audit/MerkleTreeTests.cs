using System.Security.Cryptography;
using System.Text.Json;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Testing;

namespace SmpAcademy.Domain.Tests.Audit;

/// <summary>
/// The RFC 9162 tree against the C2SP CCTV vectors (tests/Fixtures/merkle-cctv, with their source), and against the
/// RFC's recursive definition written out here, independently of the bottom-up code, for every size up to 70.
/// </summary>
public class MerkleTreeTests
{
    private static readonly string Vectors = Path.Combine(RepoPaths.Root, "tests", "Fixtures", "merkle-cctv");

    private static JsonElement[] Load(string file) => [.. JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Vectors, file))).RootElement.EnumerateArray()];

    private static byte[] B64(JsonElement e) => Convert.FromBase64String(e.GetString()!);

    private static byte[][] Path64(JsonElement e) => [.. e.EnumerateArray().Select(B64)];

    /// <summary>The 16 leaves "a" to "p" of the vectors, as leaf hashes.</summary>
    private static readonly byte[][] Leaves = [.. Load("merkle_tree.json").Select(v => MerkleTree.LeafHash(System.Text.Encoding.UTF8.GetBytes(v.GetProperty("leaf_data").GetString()!)))];

    [Test]
    public void Leaf_hashes_and_tree_heads_match_the_vectors_for_every_prefix()
    {
        var vectors = Load("merkle_tree.json");
        Assert.That(vectors, Has.Length.EqualTo(16));
        for (var n = 1; n <= vectors.Length; n++)
        {
            Assert.That(Leaves[n - 1], Is.EqualTo(B64(vectors[n - 1].GetProperty("leaf_hash"))), $"leaf {n - 1}");
            Assert.That(MerkleTree.Root(Leaves[..n]), Is.EqualTo(B64(vectors[n - 1].GetProperty("root_hash"))), $"head of {n} leaves");
        }

        Assert.That(Convert.ToBase64String(MerkleTree.Root([])), Is.EqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="));
    }

    [Test]
    public void Inclusion_proofs_are_made_and_checked_as_the_vectors_say()
    {
        var valid = Load("inclusion-valid.json");
        foreach (var (v, i) in valid.Select((v, i) => (v, i)))
        {
            var (index, size) = (v.GetProperty("leaf_index").GetInt32(), v.GetProperty("tree_size").GetInt32());
            var accepted = MerkleTree.VerifyInclusion(index, size, B64(v.GetProperty("leaf_hash")), Path64(v.GetProperty("inclusion_path")), B64(v.GetProperty("root_hash")));
            // Case 4 at the pinned commit gives leaf 0's own hash where its sibling's belongs (see SOURCE.md): refused, as it must be.
            Assert.That(accepted, Is.EqualTo(i != 3), $"valid case {i + 1}");
        }

        var mended = Load("inclusion-invalid.json")[3].GetProperty("inclusion_path");
        Assert.That(MerkleTree.InclusionProof(0, Leaves[..10]), Is.EqualTo(Path64(mended)), "the correct path for leaf 0 of 10");
        Assert.That(MerkleTree.VerifyInclusion(0, 10, Leaves[0], Path64(mended), B64(valid[3].GetProperty("root_hash"))), Is.True);
        foreach (var v in valid.Take(3))
            Assert.That(MerkleTree.InclusionProof(v.GetProperty("leaf_index").GetInt32(), Leaves[..v.GetProperty("tree_size").GetInt32()]), Is.EqualTo(Path64(v.GetProperty("inclusion_path"))));

        foreach (var v in Load("inclusion-invalid.json"))
        {
            Assert.That(MerkleTree.VerifyInclusion(v.GetProperty("leaf_index").GetInt32(), v.GetProperty("tree_size").GetInt32(), B64(v.GetProperty("leaf_hash")),
                Path64(v.GetProperty("inclusion_path")), B64(v.GetProperty("root_hash"))), Is.False, v.GetProperty("comment").GetString());
        }
    }

    [Test]
    public void Consistency_proofs_are_made_and_checked_as_the_vectors_say()
    {
        foreach (var v in Load("consistency-valid.json"))
        {
            var (m, n) = (v.GetProperty("old_size").GetInt32(), v.GetProperty("new_size").GetInt32());
            var path = Path64(v.GetProperty("consistency_path"));
            Assert.That(MerkleTree.VerifyConsistency(m, n, B64(v.GetProperty("old_root")), B64(v.GetProperty("new_root")), path), Is.True, $"{m} → {n}");
            Assert.That(MerkleTree.ConsistencyProof(m, Leaves[..n]), Is.EqualTo(path), $"{m} → {n}");
        }

        foreach (var v in Load("consistency-invalid.json"))
        {
            Assert.That(MerkleTree.VerifyConsistency(v.GetProperty("old_size").GetInt64(), v.GetProperty("new_size").GetInt64(), B64(v.GetProperty("old_root")),
                B64(v.GetProperty("new_root")), Path64(v.GetProperty("consistency_path"))), Is.False, $"{v.GetProperty("old_size")} → {v.GetProperty("new_size")}");
        }
    }

    [Test]
    public void Every_proof_up_to_70_leaves_verifies_agrees_with_the_recursive_definition_and_fails_when_altered()
    {
        var leaves = Enumerable.Range(0, 70).Select(i => MerkleTree.LeafHash([(byte)i, (byte)(i >> 8)])).ToArray();
        for (var n = 1; n <= leaves.Length; n++)
        {
            var d = leaves[..n];
            var root = MerkleTree.Root(d);
            Assert.That(root, Is.EqualTo(Mth(d)), $"head of {n}");
            for (var i = 0; i < n; i++)
            {
                var proof = MerkleTree.InclusionProof(i, d);
                Assert.That(MerkleTree.VerifyInclusion(i, n, d[i], proof, root), Is.True, $"leaf {i} of {n}");
                Assert.That(MerkleTree.VerifyInclusion(i, n, d[(i + 1) % n], proof, root), Is.EqualTo(n == 1), $"another leaf's hash at {i} of {n}");
                if (proof.Count > 0)
                    Assert.That(MerkleTree.VerifyInclusion(i, n, d[i], [.. proof.Take(proof.Count - 1)], root), Is.False, $"shortened path, leaf {i} of {n}");
            }

            for (var m = 0; m <= n; m++)
            {
                var proof = MerkleTree.ConsistencyProof(m, d);
                Assert.That(MerkleTree.VerifyConsistency(m, n, Mth(d[..m]), root, proof), Is.True, $"{m} → {n}");
                if (m is > 0 && m < n)
                {
                    var forked = d.ToArray();
                    forked[m - 1] = MerkleTree.LeafHash([0xFF]);
                    Assert.That(MerkleTree.VerifyConsistency(m, n, Mth(forked[..m]), root, proof), Is.False, $"a fork at leaf {m - 1}: {m} → {n}");
                }
            }
        }
    }

    /// <summary>MTH as RFC 9162 section 2.1.1 writes it: split at the largest power of two below n, recursively.</summary>
    private static byte[] Mth(byte[][] d)
    {
        if (d.Length == 0)
            return SHA256.HashData([]);
        if (d.Length == 1)
            return d[0];
        var k = 1;
        while (k * 2 < d.Length)
            k *= 2;
        return SHA256.HashData([0x01, .. Mth(d[..k]), .. Mth(d[k..])]);
    }
}
