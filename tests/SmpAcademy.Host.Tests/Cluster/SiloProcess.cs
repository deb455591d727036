using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SmpAcademy.EventStore.LocalDatabase;

namespace SmpAcademy.Host.Tests.Cluster;

/// <summary>
/// One host (HTTP, SignalR, Orleans silo) as a process of its own: the same SmpAcademy.Host.dll this test
/// project was built with, started with settings in its environment. Only a separate process can be lost
/// abruptly: <see cref="Kill"/> is SIGKILL, with no shutdown of any kind.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(int index, Process process, Uri url, int siloPort, int gatewayPort)
    {
        (Index, _process, Url, SiloPort, GatewayPort) = (index, process, url, siloPort, gatewayPort);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Index { get; }

    public Uri Url { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public bool Killed { get; private set; }

    /// <summary>CPU time the process has used so far (user + system).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string Output => string.Join('\n', _output);

    public static SiloProcess Start(int index, IReadOnlyDictionary<string, string> settings)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "SmpAcademy.Host.dll");
        if (!File.Exists(host))
            throw new InvalidOperationException($"{host} is missing: the host is built with this test project");
        var (http, silo, gateway) = (LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());
        var url = new Uri($"http://127.0.0.1:{http}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            ArgumentList = { host, "--urls", url.ToString() },
        };
        foreach (var (name, value) in settings)
            start.Environment[name] = value;
        start.Environment["Orleans__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture);
        return new SiloProcess(index, Process.Start(start)!, url, silo, gateway);
    }

    /// <summary>Polls /health/ready (database reachable, silo active in the cluster) until it answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"silo {Index} exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"silo {Index} was not ready in {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>SIGKILL: sockets close, nothing is flushed, no silo says goodbye.</summary>
    public void Kill()
    {
        Killed = true;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 5000)
            _output.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
