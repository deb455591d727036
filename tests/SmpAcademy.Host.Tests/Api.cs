using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmpAcademy.Host.Tests;

/// <summary>Small helpers for calling the API as a client would, with plain JSON.</summary>
internal static class Api
{
    public static object Dot(double x, double y, double depth = 0.5, double shade = 0.6, string needle = "1RL-0.25") =>
        new { x, y, needle, depthMm = depth, shade };

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body);
        return JsonNode.Parse(body.Length == 0 ? "null" : body) ?? JsonValue.Create(0);
    }

    /// <summary>Asserts an RFC 7807 problem with this status and code, and returns its detail.</summary>
    public static async Task<string> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var problem = JsonNode.Parse(body)!;
        Assert.That((int)problem["status"]!, Is.EqualTo((int)status));
        if (code is not null)
            Assert.That((string?)problem["code"], Is.EqualTo(code), body);
        return (string?)problem["detail"] ?? "";
    }

    public static async Task<string> StartSessionAsync(this HttpClient client, string trainee, string exercise = "random-fill", Guid? courseId = null)
    {
        var started = await (await client.PostAsJsonAsync($"/api/trainees/{trainee}/sessions", new { exerciseId = exercise, courseId })).JsonAsync(HttpStatusCode.Created);
        return (string)started["sessionId"]!;
    }

    public static async Task EnrollAsync(this HttpClient client, string trainee) =>
        await (await client.PostAsJsonAsync($"/api/trainees/{trainee}/enrollment", new { programId = "smp-practitioner" })).JsonAsync(HttpStatusCode.NoContent);

    public static StringContent RawJson(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    /// <summary>GET with a bearer token against an absolute base address; the JSON body.</summary>
    public static async Task<JsonNode> JsonOfAsync(HttpClient client, Uri baseAddress, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, path));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.OK);
    }
}
