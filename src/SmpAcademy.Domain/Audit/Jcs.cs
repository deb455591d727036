using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmpAcademy.Domain.Audit;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: the exact bytes a hash or signature over JSON covers, independent
/// of member order, whitespace and escaping choices of whoever serialized it (PostgreSQL's jsonb included).
/// Written straight to UTF-8: the hash chain canonicalizes every stored event with it.
/// </summary>
/// <remarks>
/// Throws <see cref="NotSupportedException"/> for what JCS cannot express: numbers that are not finite
/// IEEE-754 doubles, duplicate member names, and strings that are not well-formed UTF-16 (lone surrogates).
/// Integers beyond 2^53 lose precision, as they do in every JCS implementation (RFC 8785 §3.2.2.3).
/// </remarks>
public static class Jcs
{
    public static byte[] Canonicalize(JsonNode? node)
    {
        var output = new ArrayBufferWriter<byte>(256);
        try
        {
            Write(node, output);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Materializing a parsed node throws these for a repeated name or an unreadable string.
            throw new NotSupportedException("the JSON repeats a member name or holds text that is not well-formed UTF-16", e);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>The canonical form of JSON text (UTF-8).</summary>
    public static byte[] Canonicalize(ReadOnlyMemory<byte> utf8Json)
    {
        var output = new ArrayBufferWriter<byte>(utf8Json.Length + 16);
        Write(utf8Json, output);
        return output.WrittenSpan.ToArray();
    }

    public static void Write(ReadOnlyMemory<byte> utf8Json, IBufferWriter<byte> output)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            throw new NotSupportedException($"not JSON: {e.Message}", e);
        }

        using (document)
            Write(document.RootElement, output);
    }

    public static void Write(JsonElement element, IBufferWriter<byte> output, string? except = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output, except);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                        output.Write(","u8);
                    first = false;
                    Write(item, output);
                }

                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteString(element, output);
                break;
            case JsonValueKind.Number:
                WriteNumber(JsonMarshal.GetRawUtf8Value(element), output);
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            default:
                output.Write("null"u8);
                break;
        }
    }

    // Walks the nodes themselves: serializing them first would silently turn a lone surrogate into U+FFFD.
    private static void Write(JsonNode? node, IBufferWriter<byte> output)
    {
        switch (node)
        {
            case null:
                output.Write("null"u8);
                break;
            case JsonObject obj:
                var members = obj.ToList();
                members.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key)); // UTF-16 code unit order
                output.Write("{"u8);
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                        output.Write(","u8);
                    WriteString(members[i].Key, output);
                    output.Write(":"u8);
                    Write(members[i].Value, output);
                }

                output.Write("}"u8);
                break;
            case JsonArray array:
                output.Write("["u8);
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        output.Write(","u8);
                    Write(array[i], output);
                }

                output.Write("]"u8);
                break;
            case JsonValue value when value.TryGetValue<JsonElement>(out var element):
                Write(element, output);
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                WriteString(text, output);
                break;
            default:
                // Other CLR values (numbers, dates, Guids) are written as System.Text.Json would write them.
                using (var document = JsonDocument.Parse(node.ToJsonString()))
                    Write(document.RootElement, output);
                break;
        }
    }

    private static void WriteObject(JsonElement element, IBufferWriter<byte> output, string? except)
    {
        // Names as their raw bytes while every one is plain ASCII (UTF-8 byte order is then UTF-16 code unit order):
        // no string per member. Any other name takes the decoded path.
        var members = ArrayPool<JsonProperty>.Shared.Rent(32);
        var count = 0;
        var ascii = true;
        try
        {
            foreach (var member in element.EnumerateObject())
            {
                if (count == members.Length)
                {
                    var larger = ArrayPool<JsonProperty>.Shared.Rent(count * 2);
                    members.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<JsonProperty>.Shared.Return(members, clearArray: true);
                    members = larger;
                }

                var raw = JsonMarshal.GetRawUtf8PropertyName(member);
                ascii &= System.Text.Ascii.IsValid(raw) && !raw.Contains((byte)'\\');
                members[count++] = member;
            }

            if (!ascii)
            {
                WriteDecodedObject(members.AsSpan(0, count), output, except);
                return;
            }

            var span = members.AsSpan(0, count);
            var skip = except is null ? null : Encoding.UTF8.GetBytes(except);
            span.Sort(static (a, b) => JsonMarshal.GetRawUtf8PropertyName(a).SequenceCompareTo(JsonMarshal.GetRawUtf8PropertyName(b)));
            output.Write("{"u8);
            var written = 0;
            for (var i = 0; i < span.Length; i++)
            {
                var name = JsonMarshal.GetRawUtf8PropertyName(span[i]);
                if (skip is not null && name.SequenceEqual(skip))
                    continue;
                // A parsed document may repeat a name; which value counts would then depend on the reader.
                if (i > 0 && name.SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(span[i - 1])))
                    throw new NotSupportedException($"duplicate member name \"{Encoding.ASCII.GetString(name)}\"");
                if (written++ > 0)
                    output.Write(","u8);
                output.Write("\""u8);
                output.Write(name);
                output.Write("\":"u8);
                Write(span[i].Value, output);
            }

            output.Write("}"u8);
        }
        finally
        {
            ArrayPool<JsonProperty>.Shared.Return(members, clearArray: true);
        }
    }

    private static void WriteDecodedObject(ReadOnlySpan<JsonProperty> properties, IBufferWriter<byte> output, string? except)
    {
        var members = new List<(string Name, JsonElement Value)>(properties.Length);
        foreach (var member in properties)
        {
            var name = Decoded(member);
            if (except is null || !string.Equals(name, except, StringComparison.Ordinal))
                members.Add((name, member.Value));
        }

        members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name)); // UTF-16 code unit order
        output.Write("{"u8);
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
                    throw new NotSupportedException($"duplicate member name \"{members[i].Name}\"");
                output.Write(","u8);
            }

            WriteString(members[i].Name, output);
            output.Write(":"u8);
            Write(members[i].Value, output);
        }

        output.Write("}"u8);
    }

    private static string Decoded(JsonProperty member)
    {
        try
        {
            return member.Name;
        }
        catch (InvalidOperationException e)
        {
            throw new NotSupportedException("the JSON holds a member name that is not well-formed UTF-16", e);
        }
    }

    private static void WriteString(JsonElement element, IBufferWriter<byte> output)
    {
        // Nothing escaped: JCS writes exactly these bytes (quotes included), once they are known to be UTF-8.
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (!raw.Contains((byte)'\\') && System.Text.Unicode.Utf8.IsValid(raw))
        {
            output.Write(raw);
            return;
        }

        string text;
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new NotSupportedException("the JSON holds a string that is not well-formed UTF-16", e);
        }

        WriteString(text, output);
    }

    /// <summary>A string as JCS writes it: escaped exactly as ECMAScript JSON.stringify does, everything else literal UTF-8.</summary>
    public static void WriteString(ReadOnlySpan<char> value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan((value.Length * 6) + 2);
        var n = 0;
        span[n++] = (byte)'"';
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': n += Put(span[n..], "\\\""u8); break;
                case '\\': n += Put(span[n..], "\\\\"u8); break;
                case '\b': n += Put(span[n..], "\\b"u8); break;
                case '\t': n += Put(span[n..], "\\t"u8); break;
                case '\n': n += Put(span[n..], "\\n"u8); break;
                case '\f': n += Put(span[n..], "\\f"u8); break;
                case '\r': n += Put(span[n..], "\\r"u8); break;
                case < ' ':
                    n += Put(span[n..], "\\u00"u8);
                    ((int)c).TryFormat(span[n..], out var hex, "x2", CultureInfo.InvariantCulture);
                    n += hex;
                    break;
                case < (char)0x80:
                    span[n++] = (byte)c;
                    break;
                default:
                    Rune rune;
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        rune = new Rune(c, value[++i]);
                    else if (!Rune.TryCreate(c, out rune))
                        throw new NotSupportedException("the JSON holds a string that is not well-formed UTF-16 (a lone surrogate)");
                    n += rune.EncodeToUtf8(span[n..]);
                    break;
            }
        }

        span[n++] = (byte)'"';
        output.Advance(n);
    }

    private static int Put(Span<byte> to, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(to);
        return bytes.Length;
    }

    /// <summary>A JSON number (its source text) in ECMAScript's Number-to-string form.</summary>
    private static void WriteNumber(ReadOnlySpan<byte> raw, IBufferWriter<byte> output)
    {
        if (IsCanonicalDecimal(raw))
        {
            output.Write(raw);
            return;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new NotSupportedException($"number {Encoding.UTF8.GetString(raw)} is outside the IEEE-754 double range");
        var text = EcmaScriptNumber.Format(value);
        var span = output.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        output.Advance(written);
    }

    /// <summary>
    /// Whether a JSON number is already written as ECMAScript writes its double, so it can be copied: a plain decimal of at
    /// most 15 significant digits (every such decimal is its double's shortest round-trip form), no exponent, no trailing
    /// fraction zeros, not −0, and at least 10⁻⁶ (below that ECMAScript uses an exponent). What System.Text.Json writes for
    /// ordinary values passes; anything else (301.0, 1e2, −0) takes the exact path.
    /// </summary>
    private static bool IsCanonicalDecimal(ReadOnlySpan<byte> raw)
    {
        var negative = raw.Length > 0 && raw[0] == '-';
        var text = negative ? raw[1..] : raw;
        var dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && fraction.IsEmpty) || whole.ContainsAnyExceptInRange((byte)'0', (byte)'9') || fraction.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            return false; // an exponent, or not a plain decimal
        if (!fraction.IsEmpty && fraction[^1] == '0')
            return false;
        var zeroWhole = whole.Length == 1 && whole[0] == '0';
        if (zeroWhole && fraction.IsEmpty)
            return !negative; // 0 yes, −0 no
        var leadingFractionZeros = zeroWhole ? fraction.IndexOfAnyExcept((byte)'0') : 0;
        var significant = zeroWhole ? fraction.Length - leadingFractionZeros : whole.Length + fraction.Length;
        return significant <= 15 && leadingFractionZeros <= 5;
    }
}
