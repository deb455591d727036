using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Cli.Simulation;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Cli.Load;

/// <summary>What one run measured, client side.</summary>
public sealed record LoadResult(long Acked, long Errors, double Seconds, LatencySummary Ack, LatencySummary ToInstructor, long NotSeenByInstructor, IReadOnlyList<string> FirstErrors);

/// <summary>
/// Trainees place simulated dots through the public interfaces (the trainee hub over SignalR, or
/// HTTP batches), each at a steady rate with one call in flight; instructors watch over the
/// instructor hub. Every dot is timed from just before its call to its ack, and to the watching
/// instructor receiving it, on this process's clock.
/// </summary>
public sealed class LoadRun(LoadOptions options, Uri url, PracticeSkin skin, TextWriter output)
{
    private readonly Stopwatch _clock = new();
    private readonly List<string> _firstErrors = [];
    private long _acked;
    private long _errors;

    private sealed record LiveDot(long Sequence);

    private sealed record LiveUpdate(Guid SessionId, List<LiveDot> Dots);

    private sealed class Trainee(string id, Guid session, HubConnection? hub, HttpClient http, SimulatedTrainee hand)
    {
        public string Id => id;

        public Guid Session => session;

        public HubConnection? Hub => hub;

        public HttpClient Http => http;

        public IEnumerator<DotPlacement>? Dots { get; set; }

        public SimulatedTrainee Hand => hand;

        public long NextSequence { get; set; } = 1;

        /// <summary>When each dot's call started, by sequence (the session has one writer, so sequences are known before the ack).</summary>
        public List<double> SentAt { get; } = [double.NaN];

        public List<double> Acks { get; } = [];

        public List<double> Seen { get; } = [];
    }

    public async Task<LoadResult> RunAsync(Func<ResourceSample?> sample)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        var run = Guid.NewGuid().ToString("N")[..6];
        output.WriteLine($"setting up {options.Trainees} trainees and {options.Instructors} instructors …");
        var admin = await TokenAsync(http, $"load-admin-{run}", "admin");
        var trainees = new List<Trainee>();
        foreach (var chunk in Enumerable.Range(0, options.Trainees).Chunk(20))
            trainees.AddRange(await Task.WhenAll(chunk.Select(i => SetUpTraineeAsync(http, admin, run, i))));
        var instructors = await Task.WhenAll(Enumerable.Range(0, options.Instructors).Select(j => WatchAsync(run, j, trainees.Where((_, i) => i % options.Instructors == j).ToArray())));

        output.WriteLine($"running: {options.Trainees} × {options.DotsPerSecond} dots/s in batches of {options.Batch} ({options.Trainees * options.DotsPerSecond:N0} dots/s offered), {options.Transport}, for {(options.Dots is { } d ? $"{d:N0} dots" : $"{options.Seconds} s")}");
        _clock.Start();
        using var stop = new CancellationTokenSource();
        var progress = ReportProgressAsync(sample, stop.Token);
        await Task.WhenAll(trainees.Select((t, i) => Task.Run(() => DriveAsync(t, i))));
        var seconds = _clock.Elapsed.TotalSeconds;
        await Task.Delay(1000); // the last live updates
        await stop.CancelAsync();
        await progress;

        foreach (var connection in instructors.Concat(trainees.Select(t => t.Hub)).OfType<HubConnection>())
            await connection.DisposeAsync();
        var seen = trainees.SelectMany(t => t.Seen).ToList();
        return new LoadResult(_acked, _errors, seconds, LatencySummary.Of([.. trainees.SelectMany(t => t.Acks)]), LatencySummary.Of(seen),
            Math.Max(0, _acked - seen.Count), _firstErrors);
    }

    private async Task DriveAsync(Trainee trainee, int index)
    {
        var interval = TimeSpan.FromSeconds(options.Batch / options.DotsPerSecond);
        var next = TimeSpan.FromMilliseconds(interval.TotalMilliseconds * index / options.Trainees); // spread the first calls over one interval
        while (!Done)
        {
            if (next > _clock.Elapsed)
                await Task.Delay(next - _clock.Elapsed);
            next = Max(next + interval, _clock.Elapsed - interval); // closed loop: a slow ack delays, never bunches, the next call
            var batch = NextBatch(trainee);
            var start = _clock.Elapsed.TotalMilliseconds;
            lock (trainee.SentAt)
            {
                for (var i = 0; i < batch.Length; i++)
                    trainee.SentAt.Add(start);
            }

            try
            {
                var acked = await PlaceWithRetriesAsync(trainee, batch, Guid.NewGuid().ToString("N"));
                var took = _clock.Elapsed.TotalMilliseconds - start;
                for (var i = 0; i < acked; i++)
                    trainee.Acks.Add(took);
                trainee.NextSequence += acked;
                Interlocked.Add(ref _acked, acked);
            }
            catch (Exception e) when (e is Microsoft.AspNetCore.SignalR.HubException or HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                Interlocked.Increment(ref _errors);
                lock (_firstErrors)
                {
                    if (_firstErrors.Count < 5)
                        _firstErrors.Add($"{trainee.Id}: {e.Message}");
                }

                lock (trainee.SentAt)
                    trainee.SentAt.RemoveRange(trainee.SentAt.Count - batch.Length, batch.Length);
            }
        }
    }

    private bool Done => options.Dots is { } dots ? Interlocked.Read(ref _acked) >= dots : _clock.Elapsed.TotalSeconds >= options.Seconds;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private object[] NextBatch(Trainee trainee)
    {
        var batch = new object[options.Batch];
        for (var i = 0; i < batch.Length; i++)
        {
            if (trainee.Dots?.MoveNext() != true)
            {
                // Another pass over the skin when the first is full: denser, as a second session would be.
                trainee.Dots = trainee.Hand.Dots(skin.WidthMm, skin.HeightMm, 1.0, "1RL-0.25", 0.6).GetEnumerator();
                trainee.Dots.MoveNext();
            }

            var d = trainee.Dots.Current;
            batch[i] = new { x = d.X, y = d.Y, needle = d.Needle, depthMm = d.DepthMm, shade = d.Shade };
        }

        return batch;
    }

    /// <summary>Places a batch under one idempotency key, retrying with the same key while the server says it is unavailable.</summary>
    private static async Task<int> PlaceWithRetriesAsync(Trainee trainee, object[] batch, string key)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return trainee.Hub is { } hub
                    ? (await hub.InvokeAsync<JsonElement>("PlaceDots", trainee.Session, batch, key)).GetArrayLength()
                    : await PostBatchAsync(trainee, batch, key);
            }
            catch (Exception e) when (attempt < 3 && e.Message.Contains("unavailable", StringComparison.Ordinal))
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<int> PostBatchAsync(Trainee trainee, object[] batch, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{trainee.Session}/dots/batch") { Content = JsonContent.Create(batch) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await trainee.Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetArrayLength();
    }

    private async Task<Trainee> SetUpTraineeAsync(HttpClient http, string admin, string run, int i)
    {
        var id = $"load-{run}-t{i}";
        var token = await TokenAsync(http, id, "trainee");
        await SendAsync(http, token, $"/api/trainees/{id}/enrollment", new { programId = "smp-practitioner" });
        if (options.Instructors > 0)
            await SendAsync(http, admin, $"/api/trainees/{id}/instructors", new { instructorId = $"load-{run}-i{i % options.Instructors}" });
        var session = (await SendAsync(http, token, $"/api/trainees/{id}/sessions", new { exerciseId = options.Exercise })).GetProperty("sessionId").GetGuid();
        var useHub = options.Transport == "signalr" || (options.Transport == "mixed" && i % 2 == 0);
        var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Trainee(id, session, useHub ? await ConnectAsync("/hubs/trainee", token) : null, client, new SimulatedTrainee(options.Skill, i + 1));
    }

    private async Task<HubConnection> WatchAsync(string run, int j, Trainee[] watched)
    {
        var token = await TokenAsync(new HttpClient { BaseAddress = url }, $"load-{run}-i{j}", "instructor");
        var connection = await ConnectAsync("/hubs/instructor", token);
        var bySession = watched.ToDictionary(t => t.Session);
        connection.On<LiveUpdate>("updated", update =>
        {
            var now = _clock.Elapsed.TotalMilliseconds;
            if (!bySession.TryGetValue(update.SessionId, out var trainee))
                return;
            lock (trainee.SentAt)
            {
                foreach (var dot in update.Dots.Where(d => d.Sequence < trainee.SentAt.Count))
                    trainee.Seen.Add(now - trainee.SentAt[(int)dot.Sequence]);
            }
        });
        foreach (var trainee in watched)
            await connection.InvokeAsync<JsonElement>("Watch", trainee.Session, 1L);
        return connection;
    }

    private async Task ReportProgressAsync(Func<ResourceSample?> sample, CancellationToken stop)
    {
        var last = (Acked: 0L, At: 0.0, Resources: sample());
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var (acked, at, resources) = (Interlocked.Read(ref _acked), _clock.Elapsed.TotalSeconds, sample());
                var cpu = resources is { } r && last.Resources is { } l
                    ? FormattableString.Invariant($", server CPU {(r.HostCpuSeconds - l.HostCpuSeconds) / (at - last.At) * 100:0}% host + {(r.PostgresCpuSeconds - l.PostgresCpuSeconds) / (at - last.At) * 100:0}% PostgreSQL, host RSS {r.HostResidentBytes / 1e6:0} MB")
                    : "";
                output.WriteLine(FormattableString.Invariant($"  {at,5:0}s  {acked,10:N0} dots acked  {(acked - last.Acked) / (at - last.At),8:N0} dots/s  errors {Interlocked.Read(ref _errors)}{cpu}"));
                last = (acked, at, resources);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<HubConnection> ConnectAsync(string hub, string token)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(url, hub), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        await connection.StartAsync();
        return connection;
    }

    private static async Task<string> TokenAsync(HttpClient http, string user, string role) =>
        (await SendAsync(http, null, "/api/dev/tokens", new { userId = user, role })).GetProperty("token").GetString()!;

    private static async Task<JsonElement> SendAsync(HttpClient http, string? token, string path, object body)
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
