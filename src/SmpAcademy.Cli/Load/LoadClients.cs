using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace SmpAcademy.Cli.Load;

/// <summary>The public interfaces a load run speaks: demo tokens and set-up calls over HTTP, hub connections, and placing a batch.</summary>
internal static class LoadClients
{
    /// <summary>Places a batch under one idempotency key, retrying with the same key while the server says it is unavailable; answers the recorded sequences.</summary>
    public static async Task<long[]> PlaceWithRetriesAsync(LoadTrainee trainee, object[] batch, string key)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return trainee.Hub is { } hub
                    ? Sequences(await hub.InvokeAsync<JsonElement>("PlaceDots", trainee.Session, batch, key))
                    : await PostBatchAsync(trainee, batch, key);
            }
            catch (Exception e) when (attempt < 3 && e.Message.Contains("unavailable", StringComparison.Ordinal))
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<long[]> PostBatchAsync(LoadTrainee trainee, object[] batch, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{trainee.Session}/dots/batch") { Content = JsonContent.Create(batch) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await trainee.Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return Sequences(body.RootElement);
    }

    private static long[] Sequences(JsonElement dots)
    {
        var sequences = new long[dots.GetArrayLength()];
        var i = 0;
        foreach (var dot in dots.EnumerateArray())
            sequences[i++] = dot.GetProperty("sequence").GetInt64();
        return sequences;
    }

    public static async Task<HubConnection> ConnectAsync(Uri url, string hub, string token)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(url, hub), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        await connection.StartAsync();
        return connection;
    }

    public static async Task<string> TokenAsync(HttpClient http, string user, string role) =>
        (await SendAsync(http, null, "/api/dev/tokens", new { userId = user, role })).GetProperty("token").GetString()!;

    public static async Task<JsonElement> SendAsync(HttpClient http, string? token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
