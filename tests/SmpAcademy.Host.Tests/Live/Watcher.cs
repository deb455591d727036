using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Live;

namespace SmpAcademy.Host.Tests.Live;

/// <summary>
/// A real SignalR client over WebSockets: an instructor's (or trainee's) view of live sessions. Keeps
/// every dot received by sequence, counts repeats, and records the order in which live dots arrived.
/// </summary>
internal sealed class Watcher : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, ScoredDot> _dots = new();
    private readonly ConcurrentQueue<long> _liveArrivals = new();
    private readonly ConcurrentQueue<Domain.Grading.AnnotationAdded> _annotations = new();
    private int _repeats;

    private Watcher(HubConnection connection)
    {
        Connection = connection;
        connection.On<LiveUpdate>("updated", update =>
        {
            foreach (var dot in update.Dots)
            {
                _liveArrivals.Enqueue(dot.Sequence);
                Keep(dot);
            }

            foreach (var annotation in update.Annotations)
                _annotations.Enqueue(annotation);
            LastStats = update.Stats;
        });
    }

    public HubConnection Connection { get; }

    public LiveStats? LastStats { get; private set; }

    public IReadOnlyList<Domain.Grading.AnnotationAdded> Annotations => [.. _annotations];

    public IReadOnlyCollection<long> Sequences => [.. _dots.Keys.Order()];

    public IReadOnlyList<long> LiveArrivals => [.. _liveArrivals];

    /// <summary>Dots received more than once (around a join); the sequence number lets the client drop them.</summary>
    public int Repeats => _repeats;

    public static async Task<Watcher> ConnectAsync(Uri baseAddress, string hub, string token, bool messagePack = false)
    {
        var connection = Connect(baseAddress, hub, token, messagePack);
        await connection.StartAsync();
        return new Watcher(connection);
    }

    public static HubConnection Connect(Uri baseAddress, string hub, string token, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, hub), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        if (messagePack)
            builder.AddMessagePackProtocol(o => o.SerializerOptions = LiveProtocols.MessagePack);
        else
            builder.AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        return builder.Build();
    }

    public async Task<WatchStart> WatchAsync(Guid sessionId, long fromSequence = 1)
    {
        var start = await Connection.InvokeAsync<WatchStart>("Watch", sessionId, fromSequence);
        foreach (var dot in start.Dots)
            Keep(dot);
        return start;
    }

    /// <summary>Waits until every sequence from <paramref name="from"/> to <paramref name="last"/> has arrived, or fails after 20 s.</summary>
    public async Task WaitForAsync(long last, long from = 1)
    {
        var expected = Enumerable.Range((int)from, (int)(last - from + 1)).Select(s => (long)s).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (expected.Any(s => !_dots.ContainsKey(s)))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"dots {from}–{last} did not all arrive in 20 s; missing {string.Join(",", expected.Where(s => !_dots.ContainsKey(s)).Take(20))}");
            await Task.Delay(20);
        }
    }

    private void Keep(ScoredDot dot)
    {
        if (!_dots.TryAdd(dot.Sequence, dot))
            Interlocked.Increment(ref _repeats);
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
