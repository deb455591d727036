using System.Globalization;
using System.Text;

namespace SmpAcademy.Domain.Audit;

/// <summary>Where a stream's hash chain stood: its last version and that event's link.</summary>
public sealed record StreamHead(string Stream, long Version, string Hash);

/// <summary>
/// A signed statement of every stream's head at a moment. Editing history and recomputing the chain
/// after the edit keeps a stream self-consistent, but no longer matches a checkpoint signed before it.
/// </summary>
/// <param name="PublicKey">The signer's Ed25519 public key (hex), for information: trust the one you were given.</param>
/// <param name="Signature">Ed25519 over <see cref="SignedBytes"/>, hex.</param>
public sealed record Checkpoint(long Id, DateTimeOffset At, IReadOnlyList<StreamHead> Heads, string PublicKey, string Signature)
{
    /// <summary>The exact bytes signed: a versioned header, then one line per stream in ordinal order.</summary>
    public static byte[] SignedBytes(long id, DateTimeOffset at, IEnumerable<StreamHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"smp-checkpoint-v1\n{id}\n{at.UtcDateTime:O}\n");
        foreach (var head in heads.OrderBy(h => h.Stream, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{head.Stream}\t{head.Version}\t{head.Hash}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public byte[] SignedBytes() => SignedBytes(Id, At, Heads);
}
