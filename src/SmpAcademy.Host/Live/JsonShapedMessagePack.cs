using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MessagePack;
using MessagePack.Formatters;

namespace SmpAcademy.Host.Live;

/// <summary>
/// MessagePack that carries exactly the JSON contract. Every hub argument and result is written by the JSON protocol's
/// own serializer options and the resulting tree is sent as MessagePack (and read back the same way), so both protocols
/// have one set of names and shapes: camelCase keys, enums by name, times as ISO 8601 strings, ids as strings. A field
/// cannot drift between protocols because there is no second mapping to drift.
/// </summary>
public sealed class JsonShapedResolver(JsonSerializerOptions json) : IFormatterResolver
{
    private readonly ConcurrentDictionary<Type, object> _formatters = new();

    public IMessagePackFormatter<T> GetFormatter<T>() =>
        (IMessagePackFormatter<T>)_formatters.GetOrAdd(typeof(T), _ => new JsonShapedFormatter<T>(json));
}

internal sealed class JsonShapedFormatter<T>(JsonSerializerOptions json) : IMessagePackFormatter<T>
{
    public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
    {
        using var document = JsonSerializer.SerializeToDocument(value, json);
        Write(ref writer, document.RootElement);
    }

    public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            Transcode(ref reader, writer, options);
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.WrittenSpan, json)!;
        }
        catch (JsonException e)
        {
            throw new MessagePackSerializationException($"not a {typeof(T).Name}: {e.Message}", e);
        }
    }

    private static void Write(ref MessagePackWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteMapHeader(element.EnumerateObject().Count());
                foreach (var property in element.EnumerateObject())
                {
                    writer.Write(property.Name);
                    Write(ref writer, property.Value);
                }

                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                    Write(ref writer, item);
                break;
            case JsonValueKind.String:
                writer.Write(element.GetString());
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var whole):
                writer.Write(whole);
                break;
            case JsonValueKind.Number:
                writer.Write(element.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                writer.Write(element.GetBoolean());
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    /// <summary>MessagePack to JSON, bounded in depth by the untrusted-data security settings.</summary>
    private static void Transcode(ref MessagePackReader reader, Utf8JsonWriter writer, MessagePackSerializerOptions options)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
                options.Security.DepthStep(ref reader);
                var pairs = reader.ReadMapHeader();
                writer.WriteStartObject();
                for (var i = 0; i < pairs; i++)
                {
                    writer.WritePropertyName(reader.NextMessagePackType == MessagePackType.String
                        ? reader.ReadString()!
                        : throw new MessagePackSerializationException("map keys are strings"));
                    Transcode(ref reader, writer, options);
                }

                writer.WriteEndObject();
                reader.Depth--;
                break;
            case MessagePackType.Array:
                options.Security.DepthStep(ref reader);
                var items = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (var i = 0; i < items; i++)
                    Transcode(ref reader, writer, options);
                writer.WriteEndArray();
                reader.Depth--;
                break;
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                    writer.WriteNumberValue(reader.ReadUInt64());
                else
                    writer.WriteNumberValue(reader.ReadInt64());
                break;
            case MessagePackType.Float:
                writer.WriteNumberValue(reader.ReadDouble());
                break;
            case MessagePackType.String:
                writer.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            case MessagePackType.Extension when reader.TryReadExtensionFormatHeader(out var header) && header.TypeCode == ReservedMessagePackExtensionTypeCode.DateTime:
                // A client's native time (a JavaScript Date): the same instant as the ISO string JSON would carry.
                writer.WriteStringValue(new DateTimeOffset(reader.ReadDateTime(header)));
                break;
            default:
                throw new MessagePackSerializationException($"unsupported MessagePack value: {reader.NextMessagePackType}");
        }
    }
}
