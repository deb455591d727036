using System.Diagnostics;
using System.Net;

namespace SmpAcademy.Host.Tests.Faults;

public enum Fault
{
    /// <summary>SIGKILL of the postmaster (and of the backends it leaves), then a start on the same folder: crash recovery.</summary>
    PostgresKilled,

    /// <summary>pg_ctl restart -m fast: every connection ends, the server is back within a second or so.</summary>
    PostgresRestartedFast,

    /// <summary>pg_terminate_backend on every session of the database, three times, a second apart.</summary>
    BackendsTerminated,

    /// <summary>pg_ctl stop -m fast, the outage, pg_ctl start.</summary>
    PostgresDown,

    /// <summary>default_transaction_read_only on for the whole cluster (ALTER SYSTEM and a reload) for the outage, then off.</summary>
    ReadOnly,

    /// <summary>default_transaction_read_only on as the database's setting, every backend ended so the host's pool reconnects
    /// read-only (as onto a standby after a failover), then reset: connections opened meanwhile stay read-only.</summary>
    ReadOnlyNewSessions,

    /// <summary>SIGSTOP of the postmaster and all its backends for the outage, then SIGCONT.</summary>
    PostgresFrozen,

    /// <summary>SIGKILL of the host process, then the host started again on the same database and data folder.</summary>
    HostKilled,
}

/// <summary>How long the database was out (or how long the recovery took to start), as it was applied.</summary>
/// <param name="InEffect">When the outage had fully taken hold (the server stopped, read-only set, frozen): before it, commits may still land.</param>
internal sealed record Injected(TimeSpan Start, TimeSpan End, string Detail, TimeSpan? InEffect = null);

/// <summary>Time from the end of a fault to /health/ready answering 200 and to the first new write being acknowledged.</summary>
internal sealed record Recovery(TimeSpan? Ready, TimeSpan? Write)
{
    public TimeSpan? Both => Ready is { } r && Write is { } w ? (r > w ? r : w) : null;
}

internal static class FaultInjection
{
    public static async Task<Injected> InjectAsync(FaultRig rig, Fault fault, TimeSpan outage)
    {
        var database = rig.Database;
        var start = rig.Clock.Elapsed;
        TimeSpan? inEffect = null;
        var detail = "";
        switch (fault)
        {
            case Fault.PostgresKilled:
                await database.KillAndStartAsync();
                break;
            case Fault.PostgresRestartedFast:
                await database.RestartFastAsync();
                break;
            case Fault.BackendsTerminated:
                var ended = new List<int>();
                for (var i = 0; i < 3; i++)
                {
                    if (i > 0)
                        await Task.Delay(TimeSpan.FromSeconds(1));
                    ended.Add(await database.TerminateBackendsAsync());
                }

                detail = $"backends ended: {string.Join(", ", ended)}";
                break;
            case Fault.PostgresDown:
                await database.StopAsync();
                inEffect = rig.Clock.Elapsed;
                await Task.Delay(outage);
                await database.StartServerAsync();
                break;
            case Fault.ReadOnly:
                await database.SetReadOnlyAsync(true);
                inEffect = rig.Clock.Elapsed;
                await Task.Delay(outage);
                await database.SetReadOnlyAsync(false);
                break;
            case Fault.ReadOnlyNewSessions:
                await database.SetReadOnlyForNewSessionsAsync(true);
                inEffect = rig.Clock.Elapsed;
                await Task.Delay(outage);
                await database.SetReadOnlyForNewSessionsAsync(false);
                break;
            case Fault.PostgresFrozen:
                await database.FreezeAsync();
                inEffect = rig.Clock.Elapsed;
                try
                {
                    await Task.Delay(outage);
                }
                finally
                {
                    await database.ThawAsync();
                }

                break;
            case Fault.HostKilled:
                rig.Host.Kill();
                rig.Host.StartAgain();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }

        return new Injected(start, rig.Clock.Elapsed, detail, inEffect);
    }

    /// <summary>From now: until /health/ready answers 200, and until the probe's new write is acknowledged (it goes on
    /// retrying past <paramref name="limit"/>, until the rig gives up, so that its outcome is known).</summary>
    public static async Task<(Recovery Recovery, Task<Ack?> Probe)> MeasureRecoveryAsync(FaultRig rig, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(limit);
        var probe = Task.Run(() => rig.Probe.PlaceAsync(1, rig.GiveUp));
        var ready = ReadyAsync(rig.Host.Url, clock, deadline.Token);
        var written = await Task.WhenAny(probe, Task.Delay(limit)) == probe && await probe is not null ? clock.Elapsed : (TimeSpan?)null;
        return (new Recovery(await ready, written), probe);
    }

    private static async Task<TimeSpan?> ReadyAsync(Uri host, Stopwatch clock, CancellationToken deadline)
    {
        using var http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(5) };
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready", deadline);
                if (response.StatusCode == HttpStatusCode.OK)
                    return clock.Elapsed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // down, or not answering in time
            }

            try
            {
                await Task.Delay(250, deadline);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }
}
