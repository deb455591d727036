using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Sessions;
using SmpAcademy.Host.Tests.Live;

namespace SmpAcademy.Host.Tests.Cluster;

/// <summary>
/// A trainee placing batches of dots over the trainee hub as fast as they are acknowledged, keeping every
/// acknowledgement (sequence, scores, when). When its host goes away it connects to the next host that
/// answers, as a browser with a list of hosts would; a failed call is counted and the next batch goes out.
/// </summary>
internal sealed class TraineeClient(string traineeId, Guid sessionId, string token, IReadOnlyList<Uri> hosts, int firstHost, int batch)
{
    private readonly ConcurrentDictionary<long, (ScoredDot Feedback, DotPlacement Dot, TimeSpan Sent, TimeSpan At)> _acks = new();
    private readonly ConcurrentQueue<TimeSpan> _failures = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<double> _latencies = new();
    private readonly ConcurrentQueue<long> _acknowledgedTwice = new();
    private int _host = firstHost;
    private int _placed;

    public string TraineeId { get; } = traineeId;

    public Guid SessionId { get; } = sessionId;

    public IReadOnlyDictionary<long, (ScoredDot Feedback, DotPlacement Dot, TimeSpan Sent, TimeSpan At)> Acks => _acks;

    public IReadOnlyCollection<TimeSpan> Failures => _failures;

    /// <summary>What failed calls said: a refusal's "code: reason", or how the connection ended.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Sequences the session acknowledged to two different dots: must stay empty.</summary>
    public IReadOnlyCollection<long> AcknowledgedTwice => _acknowledgedTwice;

    /// <summary>Round trip of each acknowledged call, in milliseconds.</summary>
    public IReadOnlyCollection<double> Latencies => _latencies;

    /// <summary>Hosts it had to leave because they stopped answering.</summary>
    public int Reconnects { get; private set; }

    /// <summary>When the first call sent after <paramref name="moment"/> was acknowledged (a reply already on its way
    /// at that moment does not count).</summary>
    public TimeSpan? FirstAckAfter(TimeSpan moment) =>
        _acks.Values.Where(a => a.Sent > moment).Select(a => (TimeSpan?)a.At).Min();

    public async Task RunAsync(Stopwatch clock, CancellationToken stop)
    {
        HubConnection? connection = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                connection ??= await ConnectAsync(stop);
                if (connection is null)
                    break;
                var dots = Enumerable.Range(0, batch).Select(_ => NextDot()).ToArray();
                var sent = clock.Elapsed;
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    timeout.CancelAfter(TimeSpan.FromSeconds(20));
                    var feedback = await connection.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", SessionId, dots, null, timeout.Token);
                    var at = clock.Elapsed;
                    _latencies.Enqueue((at - sent).TotalMilliseconds);
                    for (var i = 0; i < feedback.Count; i++)
                    {
                        if (!_acks.TryAdd(feedback[i].Sequence, (feedback[i], dots[i], sent, at)))
                            _acknowledgedTwice.Enqueue(feedback[i].Sequence);
                    }
                }
                catch (Exception e)
                {
                    if (stop.IsCancellationRequested)
                        break;
                    _failures.Enqueue(clock.Elapsed);
                    _errors.Enqueue(e is HubException && e.Message.Split("HubException: ") is [_, var refusal]
                        ? refusal
                        : $"{e.GetType().Name} (connection {connection.State})");
                    if (connection.State != HubConnectionState.Connected)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                        Reconnects++;
                        _host++;
                    }

                    await Task.Delay(100, CancellationToken.None);
                }
            }
        }
        finally
        {
            if (connection is not null)
                await connection.DisposeAsync();
        }
    }

    /// <summary>Its host, else the next one that accepts a connection.</summary>
    private async Task<HubConnection?> ConnectAsync(CancellationToken stop)
    {
        for (var tries = 0; !stop.IsCancellationRequested; tries++)
        {
            var connection = Watcher.Connect(hosts[_host % hosts.Count], "/hubs/trainee", token);
            try
            {
                await connection.StartAsync(stop);
                return connection;
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                _host++;
                if (tries % hosts.Count == hosts.Count - 1)
                    await Task.Delay(200, CancellationToken.None);
            }
        }

        return null;
    }

    /// <summary>Dots 1 mm apart, row by row over the 100 × 100 mm practice pad.</summary>
    private DotPlacement NextDot()
    {
        var k = _placed++;
        return new DotPlacement(1 + (k % 98), 1 + (k / 98 % 98), "1RL-0.25", 0.5, 0.6);
    }
}
