using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmpAcademy.Host.Tests.Faults;

/// <summary>A batch the session acknowledged: its key, where its dots went, and the sequences they were given.</summary>
/// <param name="Sent">When its first attempt went out.</param>
/// <param name="At">When it was acknowledged.</param>
internal sealed record Ack(string Key, string Body, int FirstDot, int Count, IReadOnlyList<long> Sequences, int Attempts, TimeSpan Sent, TimeSpan At);

/// <summary>A batch still not acknowledged when the writer gave up: it may or may not have been recorded.</summary>
internal sealed record Pending(string Key, int FirstDot, int Count, int Attempts);

/// <summary>
/// A trainee placing small batches of dots over HTTP, as the API's contract tells clients to: a new Idempotency-Key per
/// batch; on 503 "unavailable" (may or may not be recorded), 409 "changed-elsewhere" (nothing recorded), a dropped
/// connection or a timeout, the same key and the same body again until the batch is acknowledged. Each dot of the
/// session has a position of its own (k-th dot: column k mod 98, row k div 98, 1 mm apart), so a dot stored twice is
/// seen by its position. Every failed attempt is counted by what it was.
/// </summary>
internal sealed class FaultWriter(string traineeId, Guid sessionId, string token, Uri host, Stopwatch clock) : IDisposable
{
    public const int BatchSize = 5;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = new() { BaseAddress = host, Timeout = RequestTimeout };
    private readonly ConcurrentQueue<Ack> _acks = new();
    private readonly ConcurrentQueue<Pending> _pending = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private int _nextDot;
    private long _slowestTicks;

    public string TraineeId { get; } = traineeId;

    public Guid SessionId { get; } = sessionId;

    public string Token { get; } = token;

    public IReadOnlyCollection<Ack> Acks => _acks;

    public IReadOnlyCollection<Pending> Pending => _pending;

    /// <summary>Failed attempts by kind: "unavailable" (a 503 problem as the contract has it), "changed-elsewhere",
    /// "connection", "timeout", or "HTTP status code" for anything else.</summary>
    public IReadOnlyDictionary<string, int> Errors => _errors;

    /// <summary>The longest any attempt took to be answered (or to fail).</summary>
    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    /// <summary>When the first batch sent at or after <paramref name="moment"/> was acknowledged.</summary>
    public TimeSpan? FirstAckSentAfter(TimeSpan moment) => _acks.Where(a => a.Sent >= moment).Select(a => (TimeSpan?)a.At).Min();

    /// <summary>The position of the session's k-th dot.</summary>
    public static (double X, double Y) Position(int k) => (1 + (k % 98), 1 + (k / 98 % 98));

    /// <summary>The index of the dot at a position (see <see cref="Position"/>).</summary>
    public static int IndexAt(double x, double y) => ((int)Math.Round(y) - 1) * 98 + ((int)Math.Round(x) - 1);

    /// <summary>Batches one after another, a pause after each acknowledgement, until <paramref name="stop"/>; a batch
    /// under way when it comes is still retried to its acknowledgement, unless <paramref name="giveUp"/> comes first.</summary>
    public async Task RunAsync(TimeSpan pause, CancellationToken stop, CancellationToken giveUp)
    {
        while (!stop.IsCancellationRequested && !giveUp.IsCancellationRequested)
        {
            await PlaceAsync(BatchSize, giveUp);
            try
            {
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException)
            {
                // stopped
            }
        }
    }

    /// <summary>One batch under a new key, retried until acknowledged (null: <paramref name="giveUp"/> came first).</summary>
    public async Task<Ack?> PlaceAsync(int count, CancellationToken giveUp)
    {
        var first = Interlocked.Add(ref _nextDot, count) - count;
        var key = string.Create(CultureInfo.InvariantCulture, $"{TraineeId}-{first}-{Guid.NewGuid():N}");
        var body = JsonSerializer.Serialize(Enumerable.Range(first, count).Select(k => Position(k)).Select(p => Api.Dot(p.X, p.Y)));
        var sent = clock.Elapsed;
        var (sequences, attempts) = await SendAsync(key, body, giveUp);
        if (sequences is null)
        {
            _pending.Enqueue(new Pending(key, first, count, attempts));
            return null;
        }

        var ack = new Ack(key, body, first, count, sequences, attempts, sent, clock.Elapsed);
        _acks.Enqueue(ack);
        return ack;
    }

    /// <summary>An acknowledged batch sent again with its key: the sequences answered (null: never acknowledged).</summary>
    public async Task<IReadOnlyList<long>?> ReplayAsync(Ack ack, CancellationToken giveUp) => (await SendAsync(ack.Key, ack.Body, giveUp)).Sequences;

    private async Task<(IReadOnlyList<long>? Sequences, int Attempts)> SendAsync(string key, string body, CancellationToken giveUp)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (giveUp.IsCancellationRequested)
                return (null, attempt - 1);
            var wait = TimeSpan.FromMilliseconds(500);
            var began = clock.Elapsed;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{SessionId}/dots/batch") { Content = Api.RawJson(body) };
                request.Headers.Authorization = new("Bearer", Token);
                request.Headers.Add("Idempotency-Key", key);
                using var response = await _http.SendAsync(request, giveUp);
                var text = await response.Content.ReadAsStringAsync(giveUp);
                if (response.StatusCode == HttpStatusCode.OK && Sequences(text) is { } sequences)
                    return (sequences, attempt);
                var (kind, retryAfter) = Classify(response, text);
                Count(kind);
                wait = retryAfter ?? (kind == "changed-elsewhere" ? TimeSpan.FromMilliseconds(100) : wait);
            }
            catch (HttpRequestException)
            {
                Count("connection");
            }
            catch (TaskCanceledException) when (!giveUp.IsCancellationRequested)
            {
                Count("timeout");
                wait = TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
            {
                return (null, attempt);
            }
            finally
            {
                var took = (clock.Elapsed - began).Ticks;
                for (var slowest = Interlocked.Read(ref _slowestTicks); took > slowest; slowest = Interlocked.Read(ref _slowestTicks))
                    Interlocked.CompareExchange(ref _slowestTicks, took, slowest);
            }

            try
            {
                await Task.Delay(wait, giveUp);
            }
            catch (OperationCanceledException)
            {
                return (null, attempt);
            }
        }
    }

    /// <summary>The sequences of a 200's feedback array (null: not such an array).</summary>
    private static long[]? Sequences(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonArray feedback && feedback.All(f => f?["sequence"] is JsonValue)
                ? [.. feedback.Select(f => (long)f!["sequence"]!)]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What a refusal was, and how long it asked to wait (Retry-After, at most 2 s).</summary>
    private static (string Kind, TimeSpan? RetryAfter) Classify(HttpResponseMessage response, string text)
    {
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            try
            {
                code = (string?)JsonNode.Parse(text)?["code"];
            }
            catch (JsonException)
            {
                // not a problem after all
            }
        }

        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? TimeSpan.FromTicks(Math.Min(delta.Ticks, TimeSpan.FromSeconds(2).Ticks)) : (TimeSpan?)null;
        return ((int)response.StatusCode, code) switch
        {
            (503, "unavailable") when retryAfter is not null => ("unavailable", retryAfter),
            (409, "changed-elsewhere") => ("changed-elsewhere", null),
            (200, _) => ("HTTP 200 without an array of sequences", null),
            var (status, c) => (FormattableString.Invariant($"HTTP {status} {c ?? "(no problem code)"}{(status == 503 && retryAfter is null ? " without Retry-After" : "")}"), retryAfter),
        };
    }

    private void Count(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Dispose() => _http.Dispose();
}
