using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Audit.Bundles;

/// <summary>
/// Writes a self-contained audit bundle (zip): events as JSON Lines with their hashes, the stream heads
/// the store recorded, signed checkpoints and the public key, the decision (JSON and an HTML report),
/// re-scoring results, xAPI statements, and the curriculum the scores and decision rest on.
/// </summary>
public static class BundleWriter
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Writes the zip straight to <paramref name="output"/> (a file: the zip writer may still write synchronously to a
    /// stream it cannot seek, so an HTTP response is spooled through one first): events.jsonl first, hashed as it
    /// is written, never held whole; the manifest, which lists every file's SHA-256, last. A reader goes by the zip's
    /// directory, so the order of entries is free.
    /// </summary>
    public static async Task WriteAsync(Stream output, BundleContents contents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [BundleLayout.Streams] = JsonSerializer.SerializeToUtf8Bytes(contents.Streams, Json),
            [BundleLayout.Checkpoints] = JsonSerializer.SerializeToUtf8Bytes(contents.Checkpoints, Json),
            [BundleLayout.PublicKey] = Encoding.UTF8.GetBytes(contents.PublicKeyHex + "\n"),
            [BundleLayout.Decision] = CanonicalJson.Of(contents.Decision),
            [BundleLayout.Rescoring] = JsonSerializer.SerializeToUtf8Bytes(contents.Rescoring, Json),
            [BundleLayout.Report] = Encoding.UTF8.GetBytes(DecisionReport.Html(ReportFacts.Of(contents))),
            [BundleLayout.Xapi] = Encoding.UTF8.GetBytes(contents.XapiStatements),
        };
        foreach (var file in contents.Curriculum.Files)
            files[BundleLayout.CurriculumFolder + file.Path] = file.Content;
        foreach (var (digest, content) in contents.Pinned)
            files[BundleLayout.PinnedFile(digest)] = content;

        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (var events = await OpenAsync(zip, BundleLayout.Events, contents.CreatedAt, cancellationToken))
            digests[BundleLayout.Events] = await EventLinesAsync(contents.Events, events, cancellationToken);
        foreach (var (name, bytes) in files)
        {
            digests[name] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            await using var entry = await OpenAsync(zip, name, contents.CreatedAt, cancellationToken);
            await entry.WriteAsync(bytes, cancellationToken);
        }

        var manifest = new BundleManifest(AuditFormats.Bundle, contents.TraineeId, contents.ProgramId, contents.CreatedAt, contents.Events.Count, digests);
        await using var written = await OpenAsync(zip, BundleLayout.Manifest, contents.CreatedAt, cancellationToken);
        await written.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(manifest, Json), cancellationToken);
    }

    /// <summary>
    /// One line per event: under scheme 2 the link and the canonical envelope it covers, embedded raw; under scheme 1
    /// the event's place and "data", the canonical JSON its link covers. Written in blocks of about 1 MB; the SHA-256 of
    /// the whole file, in hex.
    /// </summary>
    private static async Task<string> EventLinesAsync(IReadOnlyList<BundleEvent> events, Stream output, CancellationToken cancellationToken)
    {
        const int Block = 1 << 20;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new ArrayBufferWriter<byte>(Block + (Block / 4));
        using var writer = new Utf8JsonWriter(buffer);
        foreach (var e in events)
        {
            writer.WriteStartObject();
            if (e.Scheme == ChainSchemes.Current)
            {
                writer.WriteNumber("scheme", e.Scheme);
                writer.WriteString("hash", e.Hash);
                writer.WritePropertyName("envelope");
            }
            else
            {
                writer.WriteString("stream", e.Stream);
                writer.WriteNumber("version", e.Version);
                writer.WriteString("id", e.EventId);
                writer.WriteString("timestamp", e.Timestamp);
                writer.WriteString("type", e.Type);
                writer.WriteString("hash", e.Hash);
                writer.WritePropertyName("data");
            }

            writer.WriteRawValue(e.Data, skipInputValidation: true);
            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount >= Block)
                await FlushAsync(buffer, hash, output, cancellationToken);
        }

        await FlushAsync(buffer, hash, output, cancellationToken);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task FlushAsync(ArrayBufferWriter<byte> buffer, IncrementalHash hash, Stream output, CancellationToken cancellationToken)
    {
        hash.AppendData(buffer.WrittenSpan);
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        buffer.ResetWrittenCount();
    }

    private static async Task<Stream> OpenAsync(ZipArchive zip, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = at;
        return await entry.OpenAsync(cancellationToken);
    }
}
