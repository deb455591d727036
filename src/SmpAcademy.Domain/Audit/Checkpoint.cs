using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmpAcademy.Domain.Audit;

/// <summary>Where a stream's hash chain stood: its last version and that event's link.</summary>
public sealed record StreamHead(string Stream, long Version, string Hash)
{
    /// <summary>The leaf of a format-2 checkpoint's tree: RFC 9162's leaf hash of <c>stream TAB version TAB link</c>.</summary>
    public byte[] LeafHash() => MerkleTree.LeafHash(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Stream}\t{Version}\t{Hash}")));
}

/// <summary>That a head is leaf <paramref name="Index"/> of the signed tree: the sibling hashes (hex) up to its root.</summary>
public sealed record HeadProof(string Stream, long Index, IReadOnlyList<string> Path);

/// <summary>
/// A signed statement of every stream's head at a moment. Editing history and recomputing the chain after the edit
/// keeps a stream self-consistent, but no longer matches a checkpoint signed before it.
/// <para>
/// Format 1 signed the list of heads itself, so proving one trainee's heads took every other stream's name. Format 2
/// signs a Merkle tree over the heads in stream order (RFC 9162 hashing), its size, the checkpoint's number and the
/// hash of the checkpoint before it: one head is proven by its leaf's path to the root (<see cref="Proofs"/>), and
/// the checkpoints form a chain. The platform keeps every head; a bundle carries only its own, each with a proof.
/// </para>
/// </summary>
/// <param name="PublicKey">The signer's Ed25519 public key (hex), for information: trust the one you were given.</param>
/// <param name="Signature">Ed25519 over <see cref="SignedBytes()"/>, hex.</param>
/// <param name="Root">Format 2: the tree head over every stream's head (hex).</param>
/// <param name="Previous">Format 2: SHA-256 (hex) of the previous checkpoint's signed bytes; empty for the first.</param>
/// <param name="Proofs">Format 2, in a bundle: the inclusion proof of each head carried; null where every head is held.</param>
public sealed record Checkpoint(long Id, DateTimeOffset At, IReadOnlyList<StreamHead> Heads, string PublicKey, string Signature,
    int Format = 1, long TreeSize = 0, string Root = "", string Previous = "", IReadOnlyList<HeadProof>? Proofs = null)
{
    /// <summary>The exact bytes a format-1 checkpoint signed: a versioned header, then one line per stream in ordinal order.</summary>
    public static byte[] SignedBytes(long id, DateTimeOffset at, IEnumerable<StreamHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"smp-checkpoint-v1\n{id}\n{at.UtcDateTime:O}\n");
        foreach (var head in heads.OrderBy(h => h.Stream, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{head.Stream}\t{head.Version}\t{head.Hash}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The exact bytes a format-2 checkpoint signs: a versioned header, number, time, tree size, tree head, previous checkpoint's hash.</summary>
    public static byte[] SignedBytes(long id, DateTimeOffset at, long treeSize, string root, string previous) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"smp-checkpoint-v2\n{id}\n{at.UtcDateTime:O}\n{treeSize}\n{root}\n{previous}\n"));

    public byte[] SignedBytes() => Format == 2 ? SignedBytes(Id, At, TreeSize, Root, Previous) : SignedBytes(Id, At, Heads);

    /// <summary>What the next checkpoint records as <see cref="Previous"/>.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(SignedBytes()));

    /// <summary>A format-2 checkpoint over these heads, signed by <paramref name="sign"/>.</summary>
    public static Checkpoint Sign(long id, DateTimeOffset at, IEnumerable<StreamHead> heads, Checkpoint? previous, string publicKey, Func<byte[], string> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        var ordered = Ordered(heads);
        var root = Convert.ToHexStringLower(MerkleTree.Root([.. ordered.Select(h => h.LeafHash())]));
        var before = previous?.Hash() ?? "";
        return new Checkpoint(id, at, ordered, publicKey, sign(SignedBytes(id, at, ordered.Count, root, before)), 2, ordered.Count, root, before);
    }

    /// <summary>The same signed checkpoint holding only the heads of <paramref name="streams"/>, each with its inclusion proof: what a bundle carries.</summary>
    public Checkpoint For(IReadOnlySet<string> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (Format != 2)
            return this;
        var ordered = Ordered(Heads);
        var leaves = ordered.Select(h => h.LeafHash()).ToArray();
        var kept = ordered.Select((h, i) => (Head: h, Index: i)).Where(x => streams.Contains(x.Head.Stream)).ToArray();
        return this with
        {
            Heads = [.. kept.Select(x => x.Head)],
            Proofs = [.. kept.Select(x => new HeadProof(x.Head.Stream, x.Index, [.. MerkleTree.InclusionProof(x.Index, leaves).Select(Convert.ToHexStringLower)]))],
        };
    }

    /// <summary>
    /// Whether the heads it holds are the ones its signature covers (the signature itself is checked apart): format 1
    /// signs them directly; format 2 holds all of them (their tree must be the signed one) or some, each with a proof.
    /// </summary>
    public bool HeadsProven()
    {
        if (Format != 2)
            return Format == 1;
        if (!TryHex(Root, out var root))
            return false;
        if (Proofs is null)
        {
            var ordered = Ordered(Heads);
            return ordered.Count == TreeSize && MerkleTree.Root([.. ordered.Select(h => h.LeafHash())]).AsSpan().SequenceEqual(root);
        }

        var proofs = new Dictionary<string, HeadProof>(StringComparer.Ordinal);
        if (!Proofs.All(p => p is not null && proofs.TryAdd(p.Stream, p)))
            return false;
        return Proofs.Count == Heads.Count && Heads.All(h => proofs.TryGetValue(h.Stream, out var p)
            && p.Path.All(s => TryHex(s, out _))
            && MerkleTree.VerifyInclusion(p.Index, TreeSize, h.LeafHash(), [.. p.Path.Select(Convert.FromHexString)], root));
    }

    private static List<StreamHead> Ordered(IEnumerable<StreamHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        return [.. heads.OrderBy(h => h.Stream, StringComparer.Ordinal)];
    }

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text is not { Length: 64 })
            return false;
        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
