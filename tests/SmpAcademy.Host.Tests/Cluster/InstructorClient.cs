using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Live;
using SmpAcademy.Host.Tests.Live;

namespace SmpAcademy.Host.Tests.Cluster;

/// <summary>
/// An instructor watching one session over the instructor hub, as the README tells clients to: keep the
/// dots by sequence, and when the connection drops, connect to the next host that answers and Watch again
/// from the first sequence still missing. Records when each dot first arrived and which came live.
/// </summary>
internal sealed class InstructorClient(Guid sessionId, string token, IReadOnlyList<Uri> hosts, int firstHost, Stopwatch clock) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, TimeSpan> _seen = new();
    private readonly ConcurrentQueue<(long Sequence, TimeSpan At)> _live = new();
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private HubConnection? _connection;
    private int _host = firstHost;
    private int _repeats;
    private volatile bool _stopping;

    public Guid SessionId { get; } = sessionId;

    public int Reconnects { get; private set; }

    /// <summary>Dots that arrived again (around a join, or the backlog overlapping the live tail): dropped by sequence.</summary>
    public int Repeats => _repeats;

    public IReadOnlyCollection<long> Sequences => [.. _seen.Keys.Order()];

    /// <summary>Live ("updated") arrivals, in arrival order.</summary>
    public IReadOnlyList<(long Sequence, TimeSpan At)> Live => [.. _live];

    public Task StartAsync() => ConnectAndWatchAsync();

    /// <summary>When the dot first arrived, live or in a backlog.</summary>
    public TimeSpan? ArrivedAt(long sequence) => _seen.TryGetValue(sequence, out var at) ? at : null;

    private long FirstMissing()
    {
        var next = 1L;
        while (_seen.ContainsKey(next))
            next++;
        return next;
    }

    private async Task ConnectAndWatchAsync()
    {
        await _connecting.WaitAsync();
        try
        {
            for (var tries = 0; !_stopping; tries++)
            {
                var connection = Watcher.Connect(hosts[_host % hosts.Count], "/hubs/instructor", token);
                connection.On<LiveUpdate>("updated", update =>
                {
                    foreach (var dot in update.Dots)
                    {
                        if (Keep(dot.Sequence))
                            _live.Enqueue((dot.Sequence, clock.Elapsed));
                    }
                });
                try
                {
                    await connection.StartAsync();
                    var start = await connection.InvokeAsync<WatchStart>("Watch", SessionId, FirstMissing());
                    foreach (var dot in start.Dots)
                        Keep(dot.Sequence);
                    connection.Closed += OnClosedAsync;
                    _connection = connection;
                    return;
                }
                catch (Exception) when (!_stopping)
                {
                    await connection.DisposeAsync();
                    _host++;
                    if (tries % hosts.Count == hosts.Count - 1)
                        await Task.Delay(200);
                }
            }
        }
        finally
        {
            _connecting.Release();
        }
    }

    private async Task OnClosedAsync(Exception? error)
    {
        if (_stopping)
            return;
        Reconnects++;
        _host++;
        await ConnectAndWatchAsync();
    }

    private bool Keep(long sequence)
    {
        if (_seen.TryAdd(sequence, clock.Elapsed))
            return true;
        Interlocked.Increment(ref _repeats);
        return false;
    }

    /// <summary>Waits until every sequence 1..<paramref name="last"/> has arrived; false on timeout.</summary>
    public async Task<bool> WaitForAsync(long last, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (FirstMissing() <= last)
        {
            if (deadline.Elapsed > timeout)
                return false;
            await Task.Delay(50);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _connecting.WaitAsync();
        if (_connection is not null)
            await _connection.DisposeAsync();
        _connecting.Dispose();
    }
}
