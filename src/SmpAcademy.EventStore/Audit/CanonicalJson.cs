using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SmpAcademy.EventStore.Audit;

/// <summary>
/// One byte-exact JSON form of an event, whatever PostgreSQL's jsonb did to key order: object keys sorted
/// (ordinal) at every depth, no whitespace, enums by name, numbers in their shortest round-trip form.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Of(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var node = JsonSerializer.SerializeToNode(@event, @event.GetType(), Options);
        return Sorted(node)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };
}
