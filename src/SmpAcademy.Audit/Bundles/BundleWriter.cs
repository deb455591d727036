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

    public static void Write(Stream output, BundleContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [BundleLayout.Events] = EventLines(contents.Events),
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

        var manifest = new BundleManifest(AuditFormats.Bundle, contents.TraineeId, contents.ProgramId, contents.CreatedAt, contents.Events.Count,
            files.ToDictionary(f => f.Key, f => Convert.ToHexStringLower(SHA256.HashData(f.Value)), StringComparer.Ordinal));
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, BundleLayout.Manifest, JsonSerializer.SerializeToUtf8Bytes(manifest, Json), contents.CreatedAt);
        foreach (var (name, bytes) in files)
            Add(zip, name, bytes, contents.CreatedAt);
    }

    /// <summary>One line per event: under scheme 2 the link and the canonical envelope it covers, embedded raw; under scheme 1 the event's place and "data", the canonical JSON its link covers.</summary>
    private static byte[] EventLines(IReadOnlyList<BundleEvent> events)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
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
                buffer.WriteByte((byte)'\n');
                writer.Reset();
            }
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes, DateTimeOffset at)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = at;
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
