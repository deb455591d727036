using System.Security.Cryptography;

namespace SmpAcademy.Curriculum;

/// <summary>One curriculum file as loaded: where it lies in curriculum/ (e.g. <c>rubrics/v1.yaml</c>), its digest and its bytes.</summary>
public sealed record CurriculumFile(string Path, string Digest, byte[] Content)
{
    /// <summary>The name it is known by: a skin or program id, or a rubric's v&lt;version&gt;.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);
}

/// <summary>How a curriculum file is identified by content: "sha256:" and the hex SHA-256 of its bytes exactly as stored.</summary>
public static class CurriculumDigest
{
    public const string Prefix = "sha256:";

    public static string Of(ReadOnlySpan<byte> content) => Prefix + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The hex part, for file names (bundles name pinned files by it).</summary>
    public static string Hex(string digest) => digest.StartsWith(Prefix, StringComparison.Ordinal) ? digest[Prefix.Length..] : digest;
}
