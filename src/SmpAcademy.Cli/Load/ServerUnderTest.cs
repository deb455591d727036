using System.Diagnostics;
using System.Globalization;
using SmpAcademy.EventStore.LocalDatabase;

namespace SmpAcademy.Cli.Load;

/// <summary>
/// The server as a newcomer runs it, started for the load: a private PostgreSQL (default durable
/// settings) and the Release build of the host as its own process, on free loopback ports. The load
/// generator keeps the database so the baselines run against the same PostgreSQL in the same run.
/// </summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly Process _host;
    private readonly string _data;

    private ServerUnderTest(PrivatePostgres postgres, Process host, string data, Uri url) => (Postgres, _host, _data, Url) = (postgres, host, data, url);

    public PrivatePostgres Postgres { get; }

    public Uri Url { get; }

    public int HostProcessId => _host.Id;

    public static async Task<ServerUnderTest> StartAsync(TextWriter output, bool durable = true)
    {
        var root = RepoRoot();
        output.WriteLine("building the host (Release) …");
        await RunAsync("dotnet", $"build {Path.Combine(root, "src", "SmpAcademy.Host")} -c Release -v quiet --nologo");
        var data = Path.Combine(Path.GetTempPath(), "smp-load-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(data);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101); // the private cluster runs as postgres when we are root
        var settings = new Dictionary<string, string> { ["max_connections"] = "300" };
        if (durable)
        {
            output.WriteLine("starting a private PostgreSQL (durable defaults) …");
        }
        else
        {
            // Only to split a run's time into CPU and waiting for the disk: an acknowledged dot could be lost in a crash.
            settings["synchronous_commit"] = "off";
            output.WriteLine("starting a private PostgreSQL with synchronous_commit=off: NOT durable, for measuring the commit wait only …");
        }

        var postgres = await PrivatePostgres.StartAsync(Path.Combine(data, "postgres"), settings: settings);
        var url = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var start = new ProcessStartInfo("dotnet", $"{Path.Combine(root, "src", "SmpAcademy.Host", "bin", "Release", "net10.0", "SmpAcademy.Host.dll")} --urls {url}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
            Environment =
            {
                ["ConnectionStrings__Postgres"] = postgres.ConnectionString,
                ["Smp__DataDirectory"] = data,
                ["Smp__DemoSignIn"] = "true", // on loopback: load trainees sign in through the demo issuer
                ["Smp__RateLimits__Scale"] = "1000", // hundreds of trainees from one address: measure the host, not its abuse limits
                ["Orleans__SiloPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        output.WriteLine($"starting the host at {url} …");
        var host = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        host.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("SmpAcademy is running", StringComparison.Ordinal) == true)
                ready.TrySetResult();
        };
        host.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
                Console.Error.WriteLine($"  host: {e.Data}");
        };
        host.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"the host exited with code {host.ExitCode} before it was ready"));
        host.EnableRaisingEvents = true;
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return new ServerUnderTest(postgres, host, data, url);
    }

    /// <summary>CPU seconds so far of the host and of every PostgreSQL process (Linux /proc), and the host's resident memory.</summary>
    public ResourceSample Sample()
    {
        _host.Refresh();
        return new ResourceSample(Stopwatch.GetTimestamp(), _host.TotalProcessorTime.TotalSeconds, PostgresCpuSeconds(), _host.WorkingSet64);
    }

    private static double PostgresCpuSeconds()
    {
        if (!OperatingSystem.IsLinux())
            return double.NaN;
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => char.IsDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
                if (name != "postgres")
                    continue;
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // a process that ended while we looked
            }
        }

        return ticks / 100.0; // USER_HZ
    }

    public static string RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SmpAcademy.sln")))
                    return dir.FullName;
            }
        }

        throw new Commands.UsageException("run smp load inside the repository (it builds and starts the host), or pass --url of a running server");
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(file, arguments);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed with exit code {process.ExitCode}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_host.HasExited)
        {
            using (var kill = Process.Start("kill", $"-TERM {_host.Id}"))
                await kill.WaitForExitAsync();
            await _host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _host.Dispose();
        await Postgres.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}

/// <param name="Timestamp">Stopwatch ticks when sampled.</param>
public sealed record ResourceSample(long Timestamp, double HostCpuSeconds, double PostgresCpuSeconds, long HostResidentBytes);
