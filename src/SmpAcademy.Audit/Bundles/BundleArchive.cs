using System.IO.Compression;

namespace SmpAcademy.Audit.Bundles;

/// <summary>
/// Reads a bundle's zip as hostile input: a bounded number of entries, each under a size cap and a compression-ratio
/// cap counted on the bytes actually inflated (an entry's declared size may lie), and only plain relative names, each
/// once. Anything else is refused with <see cref="InvalidDataException"/> saying what, before it is inflated further.
/// </summary>
public static class BundleArchive
{
    public const int MaxEntries = 10_000;

    /// <summary>Per entry: a 1,000,000-event history's events file is about 700 MB.</summary>
    public const long MaxEntryBytes = 1L << 30;

    public const long MaxTotalBytes = 2L << 30;

    /// <summary>JSON Lines of events deflate about 6:1; a zip bomb, thousands to one.</summary>
    public const int MaxCompressionRatio = 100;

    public static Dictionary<string, byte[]> ReadAll(ZipArchive zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        if (zip.Entries.Count > MaxEntries)
            throw new InvalidDataException($"the zip has {zip.Entries.Count} entries; a bundle has at most {MaxEntries}");
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            var name = entry.FullName;
            if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal)
                || name.Split('/').Any(part => part is "" or "." or ".."))
                throw new InvalidDataException($"entry '{name}' is not a plain relative path (absolute, '..', '\\' or a drive): refused");
            if (files.ContainsKey(name))
                throw new InvalidDataException($"entry '{name}' appears twice: which copy counts would depend on the reader, so the bundle is refused");
            var content = Inflate(entry, MaxTotalBytes - total);
            total += content.Length;
            files[name] = content;
        }

        return files;
    }

    private static byte[] Inflate(ZipArchiveEntry entry, long totalLeft)
    {
        var cap = Math.Min(Math.Min(MaxEntryBytes, totalLeft), ((long)MaxCompressionRatio * Math.Max(entry.CompressedLength, 1)) + (1 << 20));
        if (entry.Length > cap)
            throw new InvalidDataException(Refusal(entry, entry.Length, cap));
        using var stream = entry.Open();
        using var buffer = new MemoryStream((int)Math.Clamp(entry.Length, 0, 256L << 20));
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > cap)
                throw new InvalidDataException(Refusal(entry, buffer.Length + read, cap));
            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    private static string Refusal(ZipArchiveEntry entry, long bytes, long cap) =>
        $"entry '{entry.FullName}' inflates to {bytes:N0}+ bytes from {entry.CompressedLength:N0}, beyond the {cap:N0} allowed "
        + $"({MaxCompressionRatio}:1 at most, {MaxEntryBytes:N0} per entry, {MaxTotalBytes:N0} in all): a zip bomb? Refused";
}
