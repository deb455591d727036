using System.Net;
using System.Text.Json.Nodes;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Live;

/// <summary>
/// The hub contract (src/SmpAcademy.Host/Live/CONTRACT.md) as a third-party client meets it: npm @microsoft/signalr over
/// real WebSockets, with JSON and with @microsoft/signalr-protocol-msgpack, sending plain camelCase objects. Both
/// protocols must give the same names and shapes, and a placed dot, a watched dot and a backlog dot are one record.
/// </summary>
public class SignalRContractTests : HostFixture
{
    protected override bool OnKestrel => true;

    private static readonly string[] ScoredDotFields =
        ["sequence", "x", "y", "needle", "depthMm", "shade", "at", "zone", "depthScore", "spacingScore", "shadeScore", "flags", "rubricVersion", "nearestDotMm", "patternIndex"];

    private async Task<JsonObject> RunClientAsync(string protocol)
    {
        Interop.Require("@microsoft/signalr");
        Interop.Require("@microsoft/signalr-protocol-msgpack");
        var trainee = "t-" + Guid.NewGuid().ToString("N")[..6];
        var instructor = "i-" + Guid.NewGuid().ToString("N")[..6];
        var http = await SignInAsync(trainee, "trainee");
        await http.EnrollAsync(trainee);
        var session = await http.StartSessionAsync(trainee);
        var admin = await SignInAsync("root", "admin");
        await (await admin.PostAsync($"/api/trainees/{trainee}/instructors", Api.RawJson($"{{\"instructorId\":\"{instructor}\"}}"))).JsonAsync(HttpStatusCode.NoContent);

        var (exit, output, errors) = await Interop.NodeAsync("signalr-contract.mjs", BaseAddress.ToString(), session,
            await TokenAsync(trainee, "trainee"), await TokenAsync(instructor, "instructor"), protocol);
        Assert.That(exit, Is.Zero, $"the {protocol} client failed: {errors}");
        return JsonNode.Parse(output)!.AsObject();
    }

    [TestCase("json")]
    [TestCase("msgpack")]
    public async Task A_javascript_client_places_and_watches_dots_with_camelCase_objects(string protocol)
    {
        var seen = await RunClientAsync(protocol);

        var placed = seen["placed"]!.AsObject();
        Assert.That(placed.Select(p => p.Key), Is.EquivalentTo(ScoredDotFields), "the scored dot's fields");
        Assert.That(((long)placed["sequence"]!, (string)placed["needle"]!, (double)placed["x"]!, (double)placed["shade"]!, (string)placed["zone"]!),
            Is.EqualTo((1L, "1RL-0.25", 10.0, 0.6, "pad")), "the camelCase dot was read as sent");
        Assert.That((double)placed["depthScore"]!, Is.EqualTo(100), "scores under the same names as watched dots");
        Assert.That(DateTimeOffset.TryParse((string)placed["at"]!, System.Globalization.CultureInfo.InvariantCulture, out _), "a time is an ISO 8601 string");
        Assert.That(seen["batch"]!.AsArray().Select(d => (long)d!["sequence"]!), Is.EqualTo(new long[] { 2, 3 }));
        Assert.That((string)seen["refused"]!, Does.Contain("unknown-needle: "), "a refusal carries its code");
        Assert.That((string?)seen["incomplete"], Does.Contain("Failed to invoke 'PlaceDot'"), "a dot missing its x is refused, not placed at x = 0");

        Assert.That((string)seen["start"]!["status"]!, Is.EqualTo("active"), "enums by name, as over HTTP");
        var watched = seen["updates"]!.AsArray().SelectMany(u => u!["dots"]!.AsArray()).Select(d => d!.AsObject()).ToArray();
        Assert.That(watched.Select(d => (long)d["sequence"]!), Is.EqualTo(new long[] { 1, 2, 3 }), "nothing refused was recorded");
        Assert.That(watched.Select(d => d.Select(p => p.Key).Order()), Has.All.EqualTo(ScoredDotFields.Order()), "a watched dot is the same record");
        var backlog = seen["backlog"]!.AsArray();
        Assert.That(JsonNode.DeepEquals(backlog, new JsonArray([.. watched.Select(d => d.DeepClone())])), "the backlog repeats the live dots exactly");
        Assert.That(Without(placed, "nearestDotMm", "patternIndex"), Is.EqualTo(Without(watched[0], "nearestDotMm", "patternIndex")),
            "the answer to a placement is the recorded dot");
    }

    [Test]
    public async Task Json_and_MessagePack_carry_the_same_names_and_shapes()
    {
        var json = await RunClientAsync("json");
        var messagePack = await RunClientAsync("msgpack");
        Assert.That(Shape(messagePack), Is.EqualTo(Shape(json)));
    }

    private static string Without(JsonObject dot, params string[] fields)
    {
        var copy = dot.DeepClone().AsObject();
        foreach (var field in fields)
            copy.Remove(field);
        return copy.ToJsonString();
    }

    /// <summary>Every path to a value with its JSON kind: names and types, not values.</summary>
    private static string Shape(JsonNode? node, string path = "$") => node switch
    {
        JsonObject o => string.Join("\n", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Shape(p.Value, $"{path}.{p.Key}"))),
        JsonArray a => a.Count == 0 ? $"{path}[]" : Shape(a[0], $"{path}[]"),
        null => $"{path}: null",
        _ => $"{path}: {node.GetValueKind()}",
    };
}
