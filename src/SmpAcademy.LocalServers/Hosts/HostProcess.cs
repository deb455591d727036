using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace SmpAcademy.LocalServers.Hosts;

/// <summary>
/// One SmpAcademy host (HTTP, SignalR, an Orleans silo) as a process of its own, as a newcomer runs it: the built
/// SmpAcademy.Host.dll with its settings in the environment, on loopback ports. <c>smp load</c>, the cluster tests
/// and the fault tests all start hosts through this. Only a separate process can be lost abruptly:
/// <see cref="Kill"/> is SIGKILL, with no shutdown of any kind; <see cref="StartAgain"/> comes back on the same ports.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _hostDll;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<string>? _onError;
    private Process _process;
    private int _life;

    private HostProcess(string name, string hostDll, IReadOnlyDictionary<string, string> settings, HostPorts ports, Action<string>? onError)
    {
        (Name, _hostDll, _settings, Ports, _onError) = (name, hostDll, settings, ports, onError);
        _process = Launch();
    }

    /// <summary>How failure messages name it, e.g. "silo 2".</summary>
    public string Name { get; }

    public HostPorts Ports { get; }

    public Uri Url => Ports.Url;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Whether <see cref="Kill"/> ended its current life.</summary>
    public bool Killed { get; private set; }

    /// <summary>How many times it was started again after a kill.</summary>
    public int Restarts => _life;

    /// <summary>CPU time of its current life so far (user + system); zero once it exited.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.WorkingSet64;
        }
    }

    /// <summary>The last lines it wrote (over all its lives), for a failure message.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts <paramref name="hostDll"/> with <paramref name="settings"/> as its whole configuration: the parent's own
    /// host settings are not inherited, and the ports are set here. <paramref name="onError"/> sees each line it
    /// writes to standard error as it comes.
    /// </summary>
    public static HostProcess Start(string hostDll, IReadOnlyDictionary<string, string> settings, HostPorts? ports = null, string name = "host", Action<string>? onError = null)
    {
        if (!File.Exists(hostDll))
            throw new InvalidOperationException($"{hostDll} is missing: build src/SmpAcademy.Host first");
        return new HostProcess(name, hostDll, settings, ports ?? HostPorts.Free(), onError);
    }

    private Process Launch()
    {
        var start = HostStartInfo.For(_hostDll, _settings, Ports, ["--urls", Url.ToString()]);
        var process = Process.Start(start)!;
        var life = _life;
        process.OutputDataReceived += (_, e) => Keep(life, e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            Keep(life, e.Data);
            if (!string.IsNullOrWhiteSpace(e.Data))
                _onError?.Invoke(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls /health/ready (database reachable, silo active in its cluster) until it answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or busy starting
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not ready in {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>SIGKILL: sockets reset, nothing flushed, no silo says goodbye.</summary>
    public void Kill()
    {
        Killed = true;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>A new process on the same ports and settings (so the same database and data folder).</summary>
    public void StartAgain()
    {
        if (!_process.HasExited)
            throw new InvalidOperationException($"{Name} is still running");
        _process.Dispose();
        _life++;
        Killed = false;
        _process = Launch();
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod: how long it took to exit, or null if it still ran after <paramref name="grace"/>.</summary>
    public async Task<TimeSpan?> StopAsync(TimeSpan grace)
    {
        var clock = Stopwatch.StartNew();
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        using var limit = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private void Keep(int life, string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(life == 0 ? line : $"[life {life}] {line}");
        while (_output.Count > 5000)
            _output.TryDequeue(out _);
    }

    /// <summary>SIGTERM with 20 s to finish, then SIGKILL.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited && await StopAsync(TimeSpan.FromSeconds(20)) is null)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
