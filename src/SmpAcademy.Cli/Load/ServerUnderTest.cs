using System.Diagnostics;
using SmpAcademy.LocalServers.Hosts;
using SmpAcademy.LocalServers.Postgres;

namespace SmpAcademy.Cli.Load;

/// <summary>
/// The server as a newcomer runs it, started for the load: a private PostgreSQL (default durable
/// settings) and the Release build of the host as its own process, on free loopback ports. The load
/// generator keeps the database so the baselines run against the same PostgreSQL in the same run.
/// </summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly HostProcess _host;
    private readonly string _data;

    private ServerUnderTest(PrivatePostgres postgres, HostProcess host, string data) => (Postgres, _host, _data) = (postgres, host, data);

    public PrivatePostgres Postgres { get; }

    public Uri Url => _host.Url;

    public int HostProcessId => _host.ProcessId;

    public static async Task<ServerUnderTest> StartAsync(TextWriter output, bool durable = true)
    {
        var root = RepoRoot();
        output.WriteLine("building the host (Release) …");
        await RunAsync("dotnet", $"build {Path.Combine(root, "src", "SmpAcademy.Host")} -c Release -v quiet --nologo");
        var data = Path.Combine(Path.GetTempPath(), "smp-load-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(data);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101); // the private cluster runs as postgres when we are root
        var postgresSettings = new Dictionary<string, string> { ["max_connections"] = "300" };
        if (durable)
        {
            output.WriteLine("starting a private PostgreSQL (durable defaults) …");
        }
        else
        {
            // Only to split a run's time into CPU and waiting for the disk: an acknowledged dot could be lost in a crash.
            postgresSettings["synchronous_commit"] = "off";
            output.WriteLine("starting a private PostgreSQL with synchronous_commit=off: NOT durable, for measuring the commit wait only …");
        }

        var postgres = await PrivatePostgres.StartAsync(Path.Combine(data, "postgres"), settings: postgresSettings);
        var hostSettings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = postgres.ConnectionString,
            ["Smp__DataDirectory"] = data,
            ["Smp__DemoSignIn"] = "true", // on loopback: load trainees sign in through the demo issuer
            ["Smp__RateLimits__Scale"] = "1000", // hundreds of trainees from one address: measure the host, not its abuse limits
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var host = HostProcess.Start(Path.Combine(root, "src", "SmpAcademy.Host", "bin", "Release", "net10.0", "SmpAcademy.Host.dll"), hostSettings,
            onError: line => Console.Error.WriteLine($"  host: {line}"));
        output.WriteLine($"starting the host at {host.Url} …");
        await host.WaitReadyAsync(TimeSpan.FromMinutes(2));
        return new ServerUnderTest(postgres, host, data);
    }

    /// <summary>CPU seconds so far of the host and of every PostgreSQL process (Linux /proc), and the host's resident memory.</summary>
    public ResourceSample Sample() =>
        new(Stopwatch.GetTimestamp(), _host.ProcessorTime.TotalSeconds, ProcessCpu.Postgres().TotalSeconds, _host.ResidentBytes);

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
        await _host.DisposeAsync();
        await Postgres.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}

/// <param name="Timestamp">Stopwatch ticks when sampled.</param>
public sealed record ResourceSample(long Timestamp, double HostCpuSeconds, double PostgresCpuSeconds, long HostResidentBytes);
