using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmpAcademy.Domain.Audit;

/// <summary>
/// Who recorded an event, and through which interface: written into every event's headers (<see cref="Header"/>),
/// so that its link covers it. Scheme-1 events (written before provenance existed) have none.
/// </summary>
/// <param name="Subject">The signed-in user (the token's <c>sub</c>).</param>
/// <param name="Role">trainee, instructor, auditor or admin.</param>
/// <param name="Body">The certification body of an auditor; null for others.</param>
/// <param name="Via">http or hub.</param>
public sealed record Actor(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("via")] string Via)
{
    public const string Header = "actor";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>As headers hold it: a JSON object, written the same way every time.</summary>
    public IReadOnlyDictionary<string, string> ToHeader()
    {
        var header = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["subject"] = Subject, ["role"] = Role, ["via"] = Via };
        if (Body is not null)
            header["body"] = Body;
        return header;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Actor? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize<Actor>(json, Json) is { Subject: not null, Role: not null, Via: not null } actor ? actor : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Who an event's headers (a parsed object, or <c>default</c>) say recorded it: null under scheme 1, which recorded nobody.</summary>
    public static Certification.Provenance? ProvenanceOf(JsonElement headers) =>
        ChainSchemes.SchemeOf(headers) >= ChainSchemes.Current
            ? new(headers.TryGetProperty(Header, out var actor) ? FromJson(actor.GetRawText()) : null)
            : null;

    public override string ToString() => $"{Subject} ({Role}{(Body is null ? "" : $" of {Body}")}) via {Via}";
}
