using System.IO.Compression;

namespace SmpAcademy.Audit.Bundles;

/// <summary>
/// Reads a bundle's zip as hostile input: a bounded number of entries, each under a size cap and a compression-ratio
/// cap counted on the bytes actually inflated (an entry's declared size may lie), and only plain relative names, each
/// once. Anything else is refused with <see cref="InvalidDataException"/> saying what, before it is inflated further.
/// The small files are read whole; the one large entry (the events) is left to be read as a capped stream.
/// </summary>
public static class BundleArchive
{
    public const int MaxEntries = 10_000;

    /// <summary>Per entry: a 1,000,000-event history's events file is about 700 MB.</summary>
    public const long MaxEntryBytes = 1L << 30;

    public const long MaxTotalBytes = 2L << 30;

    /// <summary>JSON Lines of events deflate about 6:1; a zip bomb, thousands to one.</summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>Every entry's name checked first, then every entry but <paramref name="streamed"/> read whole.</summary>
    /// <returns>The files read, and the streamed entry (null when the zip has none) with the bytes left to it of the total cap.</returns>
    public static (Dictionary<string, byte[]> Files, Stream? Streamed) Read(ZipArchive zip, string streamed)
    {
        ArgumentNullException.ThrowIfNull(zip);
        if (zip.Entries.Count > MaxEntries)
            throw new InvalidDataException($"the zip has {zip.Entries.Count} entries; a bundle has at most {MaxEntries}");
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            var name = entry.FullName;
            if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal)
                || name.Split('/').Any(part => part is "" or "." or ".."))
                throw new InvalidDataException($"entry '{name}' is not a plain relative path (absolute, '..', '\\' or a drive): refused");
            if (!entries.TryAdd(name, entry))
                throw new InvalidDataException($"entry '{name}' appears twice: which copy counts would depend on the reader, so the bundle is refused");
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        foreach (var (name, entry) in entries.Where(e => e.Key != streamed))
        {
            using var stream = OpenCapped(entry, MaxTotalBytes - total);
            using var buffer = new MemoryStream((int)Math.Clamp(entry.Length, 0, 16L << 20));
            stream.CopyTo(buffer);
            total += buffer.Length;
            files[name] = buffer.ToArray();
        }

        return (files, entries.TryGetValue(streamed, out var big) ? OpenCapped(big, MaxTotalBytes - total) : null);
    }

    /// <summary>The entry's bytes, refused (<see cref="InvalidDataException"/>) as soon as more come than its caps allow.</summary>
    private static CappedStream OpenCapped(ZipArchiveEntry entry, long totalLeft)
    {
        var cap = Math.Min(Math.Min(MaxEntryBytes, totalLeft), ((long)MaxCompressionRatio * Math.Max(entry.CompressedLength, 1)) + (1 << 20));
        if (entry.Length > cap)
            throw new InvalidDataException(Refusal(entry, entry.Length, cap));
        return new CappedStream(entry.Open(), cap, read => Refusal(entry, read, cap));
    }

    private static string Refusal(ZipArchiveEntry entry, long bytes, long cap) =>
        $"entry '{entry.FullName}' inflates to {bytes:N0}+ bytes from {entry.CompressedLength:N0}, beyond the {cap:N0} allowed "
        + $"({MaxCompressionRatio}:1 at most, {MaxEntryBytes:N0} per entry, {MaxTotalBytes:N0} in all): a zip bomb? Refused";

    /// <summary>A read-only stream that throws once more than <paramref name="cap"/> bytes have come through it.</summary>
    private sealed class CappedStream(Stream inner, long cap, Func<long, string> refusal) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            _read += read;
            return _read > cap ? throw new InvalidDataException(refusal(_read)) : read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
