using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmpAcademy.Domain.Audit;

/// <summary>
/// One byte-exact JSON form of an event, whatever PostgreSQL's jsonb did to key order: records in
/// their declaration order (fixed by the type), dictionaries with keys sorted (ordinal), no whitespace,
/// enums by name, numbers in their shortest round-trip form. Written straight to UTF-8, no tree.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter(), new SortedKeysConverterFactory() },
    };

    private static readonly JsonSerializerOptions ReadOptions = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Every member of the JSON must be one of the type's, and every one of the type's be there: the object then says exactly what the JSON says.</summary>
    private static readonly JsonSerializerOptions StrictReadOptions = new()
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>
    /// Reads stored JSON into its type only if it fits exactly (no member unknown to the type, none missing, no null
    /// where the type has none); null otherwise. What a hash covers is then what re-scoring and decisions read, without
    /// writing the object back out to compare.
    /// </summary>
    public static object? ReadExactly(ReadOnlySpan<byte> json, Type type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type, StrictReadOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static byte[] Of(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), Options);
    }

    /// <summary>Reads canonical JSON back into its type; null when it does not fit the type.</summary>
    public static object? Read(ReadOnlySpan<byte> json, Type type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type, ReadOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes any string-keyed dictionary with its keys in ordinal order.</summary>
    private sealed class SortedKeysConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => ValueType(typeToConvert) is not null;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(SortedKeysConverter<,>).MakeGenericType(typeToConvert, ValueType(typeToConvert)!))!;

        private static Type? ValueType(Type type) =>
            type == typeof(string) ? null
            : type.GetInterfaces().Append(type)
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                .Select(i => i.GetGenericArguments()[0])
                .Where(p => p.IsGenericType && p.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) && p.GetGenericArguments()[0] == typeof(string))
                .Select(p => p.GetGenericArguments()[1])
                .FirstOrDefault();
    }

    private sealed class SortedKeysConverter<TDictionary, TValue> : JsonConverter<TDictionary>
        where TDictionary : IEnumerable<KeyValuePair<string, TValue>>
    {
        public override TDictionary Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("canonical JSON is only written");

        public override void Write(Utf8JsonWriter writer, TDictionary value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (key, item) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, item, options);
            }

            writer.WriteEndObject();
        }
    }
}
