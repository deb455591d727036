using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SmpAcademy.EventStore.LocalDatabase;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Faults;

/// <summary>
/// One host as a process of its own, as <see cref="Cluster.SiloProcess"/> runs it (the SmpAcademy.Host.dll built with
/// this project, settings in its environment, localhost clustering), on ports chosen once: after a SIGKILL it starts
/// again on the same ports, the same database and the same data folder (so the same signing keys), and clients
/// simply retry the same address.
/// </summary>
internal sealed class FaultHost : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Dictionary<string, string> _settings;
    private readonly string _dataDirectory;
    private Process _process;

    private FaultHost(string connectionString, string dataDirectory)
    {
        _dataDirectory = dataDirectory;
        var (http, silo, gateway) = (LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());
        Url = new Uri($"http://127.0.0.1:{http}");
        _settings = new()
        {
            ["ConnectionStrings__Postgres"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "smp-fault-host" }.ConnectionString,
            ["Smp__DataDirectory"] = dataDirectory,
            ["Smp__Schema"] = "smp",
            ["Smp__Curriculum"] = RepoPaths.Curriculum,
            ["Smp__DemoSignIn"] = "true",
            ["Smp__RateLimits__Scale"] = "1000", // writers hammer one host from one address; the limits have their own tests
            ["Orleans__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__SmpAcademy"] = "Information",
        };
        _process = Launch();
    }

    public Uri Url { get; }

    /// <summary>How many times it was started again after a kill.</summary>
    public int Restarts { get; private set; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the host wrote (over all its lives), for a failure message.</summary>
    public string Output => string.Join('\n', _output);

    public static FaultHost Start(string connectionString) =>
        new(connectionString, Path.Combine(Path.GetTempPath(), "smp-faults-" + Guid.NewGuid().ToString("N")[..10]));

    private Process Launch()
    {
        var host = Path.Combine(AppContext.BaseDirectory, "SmpAcademy.Host.dll");
        if (!File.Exists(host))
            throw new InvalidOperationException($"{host} is missing: the host is built with this test project");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            ArgumentList = { host, "--urls", Url.ToString() },
        };
        // Other fixtures in this test process set host settings in its environment (TestHost): none of them is this host's.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Smp__", StringComparison.Ordinal) || k.StartsWith("Orleans__", StringComparison.Ordinal)
                     || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("Auth__", StringComparison.Ordinal)).ToArray())
            start.Environment.Remove(inherited);
        foreach (var (name, value) in _settings)
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        var life = Restarts;
        process.OutputDataReceived += (_, e) => Keep(life, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(life, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls /health/ready until it answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the host exited with {_process.ExitCode}:\n{Output}");
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

        throw new TimeoutException($"the host was not ready in {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown of any kind, sockets reset, nothing flushed.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>A new process on the same ports, database and data folder.</summary>
    public void StartAgain()
    {
        if (!_process.HasExited)
            throw new InvalidOperationException("the host is still running");
        _process.Dispose();
        Restarts++;
        _process = Launch();
    }

    private void Keep(int life, string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(life == 0 ? line : $"[life {life}] {line}");
        while (_output.Count > 5000)
            _output.TryDequeue(out _);
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod: how long the host took to exit, or null if it was still running after <paramref name="grace"/>.</summary>
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited && await StopAsync(TimeSpan.FromSeconds(10)) is null)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            if (Directory.Exists(_dataDirectory))
                Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
