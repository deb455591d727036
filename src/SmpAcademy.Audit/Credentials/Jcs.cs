using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmpAcademy.Audit.Credentials;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: the exact bytes a signature over JSON covers,
/// independent of member order, whitespace and escaping choices of whoever serialized it.
/// </summary>
/// <remarks>
/// Throws <see cref="NotSupportedException"/> for what JCS cannot express: numbers that are not finite
/// IEEE-754 doubles, duplicate member names, and strings that are not well-formed UTF-16 (lone surrogates).
/// Integers beyond 2^53 lose precision, as they do in every JCS implementation (RFC 8785 §3.2.2.3).
/// </remarks>
public static class Jcs
{
    // Lone surrogates must be refused, not silently replaced by U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Canonicalize(JsonNode? node)
    {
        if (!JsonRead.IsWellFormed(node))
            throw new NotSupportedException("the JSON repeats a member name or holds text that is not well-formed UTF-16");
        var text = new StringBuilder();
        Write(node, text);
        try
        {
            return StrictUtf8.GetBytes(text.ToString());
        }
        catch (EncoderFallbackException e)
        {
            throw new NotSupportedException("the JSON holds a string that is not well-formed UTF-16", e);
        }
    }

    // Walks the nodes themselves: serializing them first would silently turn a lone surrogate into U+FFFD.
    private static void Write(JsonNode? node, StringBuilder output)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject obj:
                var members = obj.ToList();
                // UTF-16 code unit order, which is what string.CompareOrdinal compares.
                members.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                output.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                        output.Append(',');
                    WriteString(members[i].Key, output);
                    output.Append(':');
                    Write(members[i].Value, output);
                }

                output.Append('}');
                break;
            case JsonArray array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        output.Append(',');
                    Write(array[i], output);
                }

                output.Append(']');
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

    private static void Write(JsonElement element, StringBuilder output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output);
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                        output.Append(',');
                    first = false;
                    Write(item, output);
                }

                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(Unescaped(element), output);
                break;
            case JsonValueKind.Number:
                output.Append(EcmaScriptNumber.Format(ParseNumber(element)));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    private static void WriteObject(JsonElement element, StringBuilder output)
    {
        var members = element.EnumerateObject().Select(m => (Name: Unescaped(m), m.Value)).ToList();
        // UTF-16 code unit order, which is what string.CompareOrdinal compares.
        members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        output.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                // A parsed document may repeat a name; which value counts would then depend on the reader.
                if (string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
                    throw new NotSupportedException($"duplicate member name \"{members[i].Name}\"");
                output.Append(',');
            }

            WriteString(members[i].Name, output);
            output.Append(':');
            Write(members[i].Value, output);
        }

        output.Append('}');
    }

    private static string Unescaped(JsonElement text)
    {
        try
        {
            return text.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new NotSupportedException("the JSON holds a string that is not well-formed UTF-16", e);
        }
    }

    private static string Unescaped(JsonProperty member)
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

    private static double ParseNumber(JsonElement element)
    {
        var value = double.Parse(element.GetRawText(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? value : throw new NotSupportedException($"number {element.GetRawText()} is outside the IEEE-754 double range");
    }

    /// <summary>Escapes exactly as ECMAScript JSON.stringify does; everything else stays literal.</summary>
    private static void WriteString(string value, StringBuilder output)
    {
        output.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\t': output.Append("\\t"); break;
                case '\n': output.Append("\\n"); break;
                case '\f': output.Append("\\f"); break;
                case '\r': output.Append("\\r"); break;
                case < ' ':
                    output.Append("\\u00").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default: output.Append(c); break;
            }
        }

        output.Append('"');
    }
}
