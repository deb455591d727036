using System.Text.Json;
using System.Text.Json.Serialization;
using MessagePack;

namespace SmpAcademy.Host.Live;

/// <summary>
/// The hubs' one wire contract, in two encodings: JSON as SignalR writes it (camelCase, enums by kebab-case name), and
/// MessagePack carrying that same tree (<see cref="JsonShapedResolver"/>). Clients of either get the same names.
/// </summary>
public static class LiveProtocols
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public static readonly MessagePackSerializerOptions MessagePack =
        MessagePackSerializerOptions.Standard.WithResolver(new JsonShapedResolver(Json)).WithSecurity(MessagePackSecurity.UntrustedData);

    private static JsonSerializerOptions CreateJson()
    {
        // SignalR's own JSON protocol defaults, with HTTP's strictness and enum names: a dot missing a field is refused,
        // never read as a dot at (0, 0) (SignalR reports it as a failed invocation, and nothing is recorded).
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            MaxDepth = 64,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
