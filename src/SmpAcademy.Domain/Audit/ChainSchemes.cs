using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmpAcademy.Domain.Audit;

/// <summary>
/// How an event's link is made. Every event records the scheme of its link in its headers (none means 1), so a
/// history written under an older scheme keeps verifying under it, a stream never steps back to a weaker one,
/// and a verifier can say what each scheme leaves uncovered.
/// <list type="bullet">
/// <item>Scheme 1 (before 2026-12): the stream, the version, the stored type name and the data as the C# type of
/// the day re-serializes it. It does not cover the event id, timestamp, tenant or headers.</item>
/// <item>Scheme 2: the RFC 8785 canonical form of an envelope of every column an auditor reads (stream, version,
/// event id, stored type name, timestamp, tenant, headers but the link itself, and the data as stored), made from
/// the JSON PostgreSQL holds, never from a C# object. Its headers also carry a short digest of each field
/// (<see cref="FactsHeader"/>), covered with the rest, so a broken link names the column that was edited.</item>
/// </list>
/// </summary>
public static class ChainSchemes
{
    public const string HashHeader = "hash";
    public const string SchemeHeader = "scheme";
    public const string FactsHeader = "facts";
    public const int Legacy = 1;
    public const int Current = 2;

    private static readonly byte[] CurrentPrefix = "smp-chain/2\n"u8.ToArray();

    /// <summary>What a link under this scheme covers between the previous link and the entry's preimage: none for scheme 1.</summary>
    public static ReadOnlySpan<byte> PrefixOf(int scheme) => scheme == Current ? CurrentPrefix : [];

    public static string Describe(int scheme) => scheme switch
    {
        Legacy => "scheme 1: covers stream, version, stored type and the data as re-serialized by its C# type; not the event id, timestamp, tenant, headers (provenance) or the data exactly as stored",
        Current => "scheme 2: covers stream, version, event id, stored type, timestamp, tenant, headers (provenance, request keys) and the data as stored",
        _ => $"scheme {scheme}: unknown to this verifier",
    };

    /// <summary>
    /// Seals a new event under the current scheme: adds the scheme and the field digests to <paramref name="headers"/>
    /// and returns the link, which the caller stores as <see cref="HashHeader"/>. <paramref name="headers"/> must hold
    /// only what serializes to JSON strings, numbers and string maps, as Marten stores them.
    /// </summary>
    public static string Seal(string previousHex, StoredEvent unsealed, IDictionary<string, object> headers)
    {
        ArgumentNullException.ThrowIfNull(unsealed);
        ArgumentNullException.ThrowIfNull(headers);
        var data = Jcs.Canonicalize(unsealed.Data);
        headers[SchemeHeader] = Current;
        headers[FactsHeader] = string.Join(' ', Facts(unsealed, data).Select(f => $"{f.Field}:{f.Digest}"));
        var json = JsonSerializer.SerializeToUtf8Bytes(headers);
        using var document = JsonDocument.Parse(json);
        return HashChain.Link(previousHex, CurrentPrefix, EnvelopeOf(unsealed, document.RootElement, data));
    }

    /// <summary>The chain's view of a stored event, under the scheme it records.</summary>
    /// <param name="legacyCanonicalJson">For scheme 1: the event's data re-serialized canonically by its C# type (null if it has none).</param>
    /// <param name="recordedHash">The link, when it is kept apart from the headers (an audit bundle); else read from them.</param>
    public static ChainEntry Entry(StoredEvent e, Func<StoredEvent, byte[]?> legacyCanonicalJson, string? recordedHash = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(legacyCanonicalJson);
        using var headers = ParseHeaders(e.Headers);
        var root = headers?.RootElement;
        var hash = recordedHash ?? HashOf(root ?? default);
        var scheme = SchemeOf(root ?? default);
        if (scheme == Legacy)
        {
            var canonical = legacyCanonicalJson(e) ?? e.Data.ToArray();
            return new ChainEntry(e.Version, e.Id, Legacy, HashChain.LegacyPreimage(e.Stream, e.Version, e.Type, canonical), hash, null);
        }

        if (scheme != Current)
            return new ChainEntry(e.Version, e.Id, scheme, default, hash, null);
        byte[] data;
        try
        {
            data = Jcs.Canonicalize(e.Data);
        }
        catch (NotSupportedException x)
        {
            return new ChainEntry(e.Version, e.Id, scheme, default, hash, () => $"data ({x.Message})");
        }

        return new ChainEntry(e.Version, e.Id, scheme, EnvelopeOf(e, root ?? default, data), hash, () => Culprit(e, data));
    }

    /// <summary>The scheme an event's headers (a parsed object, or <c>default</c> for none) record: none means 1, anything but an integer is unknown (-1).</summary>
    public static int SchemeOf(JsonElement headers) =>
        headers.ValueKind == JsonValueKind.Object && headers.TryGetProperty(SchemeHeader, out var n) ? (n.TryGetInt32(out var v) ? v : -1) : Legacy;

    /// <summary>The link an event's headers record, if any.</summary>
    public static string? HashOf(JsonElement headers) =>
        headers.ValueKind == JsonValueKind.Object && headers.TryGetProperty(HashHeader, out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;

    /// <summary>
    /// The chain's view of a scheme-2 event carried as its canonical envelope (an audit bundle): the link covers exactly
    /// these bytes, so they are hashed as they are, not copied. The caller has checked they are canonical and read <paramref name="stored"/> from them.
    /// </summary>
    public static ChainEntry EnvelopeEntry(StoredEvent stored, ReadOnlyMemory<byte> envelope, string? recordedHash, int scheme)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return scheme != Current
            ? new ChainEntry(stored.Version, stored.Id, scheme, default, recordedHash, null)
            : new ChainEntry(stored.Version, stored.Id, scheme, envelope, recordedHash, () => Culprit(stored, Jcs.Canonicalize(stored.Data)));
    }

    /// <summary>What a scheme-2 link covers after the previous link and the scheme's prefix: the canonical envelope.</summary>
    private static byte[] EnvelopeOf(StoredEvent e, JsonElement headers, ReadOnlySpan<byte> canonicalData)
    {
        var output = new ArrayBufferWriter<byte>(canonicalData.Length + 512);
        WriteEnvelope(e, headers, canonicalData, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The envelope in canonical form: members in code-unit order, exactly as RFC 8785 writes such an object.</summary>
    public static void WriteEnvelope(StoredEvent e, JsonElement headers, ReadOnlySpan<byte> canonicalData, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(output);
        output.Write("{\"data\":"u8);
        output.Write(canonicalData);
        output.Write(",\"headers\":"u8);
        if (headers.ValueKind == JsonValueKind.Object)
            Jcs.Write(headers, output, except: HashHeader);
        else
            output.Write("{}"u8);
        output.Write(",\"id\":"u8);
        Jcs.WriteString(e.Id.ToString("D"), output);
        output.Write(",\"stream\":"u8);
        Jcs.WriteString(e.Stream, output);
        output.Write(",\"tenant\":"u8);
        Jcs.WriteString(e.Tenant, output);
        output.Write(",\"timestamp\":"u8);
        Jcs.WriteString(e.TimestampText, output);
        output.Write(",\"type\":"u8);
        Jcs.WriteString(e.Type, output);
        output.Write(",\"version\":"u8);
        output.Write(Encoding.ASCII.GetBytes(e.Version.ToString(CultureInfo.InvariantCulture)));
        output.Write("}"u8);
    }

    /// <summary>The envelope alone (what an audit bundle carries for a scheme-2 event).</summary>
    public static byte[] Envelope(StoredEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var headers = ParseHeaders(e.Headers);
        return EnvelopeOf(e, headers?.RootElement ?? default, Jcs.Canonicalize(e.Data));
    }

    /// <summary>The columns whose digest no longer matches the one recorded with the event; "headers" when all do.</summary>
    private static string Culprit(StoredEvent e, byte[] canonicalData)
    {
        using var headers = ParseHeaders(e.Headers);
        // One string ("data:1a2b3c4d id:…"): a few bytes per event, and cheap for jsonb to store and give back.
        var recorded = headers is { } h && h.RootElement.TryGetProperty(FactsHeader, out var f) && f.ValueKind == JsonValueKind.String
            ? f.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal)
            : [];
        if (recorded.Count == 0)
            return "headers (the field digests are gone)";
        var differing = Facts(e, canonicalData).Where(x => recorded.GetValueOrDefault(x.Field) != x.Digest).Select(x => x.Field).ToArray();
        return differing.Length > 0 ? string.Join(", ", differing) : "headers";
    }

    /// <summary>A short digest of each covered column: not what makes the chain safe (the link is), but what names an edit.</summary>
    private static IEnumerable<(string Field, string Digest)> Facts(StoredEvent e, byte[] canonicalData)
    {
        yield return ("data", Short(canonicalData));
        yield return ("id", Short(e.Id.ToString("D")));
        yield return ("stream", Short(e.Stream));
        yield return ("tenant", Short(e.Tenant));
        yield return ("timestamp", Short(e.TimestampText));
        yield return ("type", Short(e.Type));
        yield return ("version", Short(e.Version.ToString(CultureInfo.InvariantCulture)));
    }

    private static string Short(string text) => Short(Encoding.UTF8.GetBytes(text));

    private static string Short(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes)[..4]);

    /// <summary>Stored headers parsed, or null when there are none or they are not a JSON object.</summary>
    public static JsonDocument? ParseHeaders(ReadOnlyMemory<byte> headers)
    {
        if (headers.IsEmpty)
            return null;
        try
        {
            var document = JsonDocument.Parse(headers);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                return document;
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
