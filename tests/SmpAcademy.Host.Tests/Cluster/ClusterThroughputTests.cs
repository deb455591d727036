using System.Diagnostics;
using System.Globalization;
using SmpAcademy.LocalServers.Hosts;

namespace SmpAcademy.Host.Tests.Cluster;

/// <summary>
/// A measurement, not a check of behaviour, so it runs only when asked for:
///   dotnet test tests/SmpAcademy.Host.Tests -c Release --filter "FullyQualifiedName~ClusterThroughput" --logger "console;verbosity=normal"
/// The same closed-loop load (trainees each placing batches over the trainee hub as fast as they are acknowledged,
/// spread over the hosts) against 1 silo and then 3 silos (processes, ADO.NET clustering, one PostgreSQL), printing
/// acknowledged dots/s, call latency and how busy the machine's cores were. Set SMP_MEASURE_SECONDS, SMP_MEASURE_TRAINEES,
/// SMP_MEASURE_BATCH to change the load.
/// </summary>
[Explicit("a measurement: run it by name")]
[Category("Measurement")]
public class ClusterThroughputTests
{
    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [Test]
    public async Task Acknowledged_dots_per_second_with_one_and_with_three_silos()
    {
        var (seconds, trainees, batch) = (Setting("SMP_MEASURE_SECONDS", 15), Setting("SMP_MEASURE_TRAINEES", 12), Setting("SMP_MEASURE_BATCH", 10));
        TestContext.Progress.WriteLine($"{Environment.ProcessorCount} cores; {trainees} trainees, batches of {batch} dots over the trainee hub, {seconds} s measured after 3 s of warm-up");
        var results = new List<string>();
        foreach (var silos in new[] { 1, 3 })
        {
            await using var cluster = await LocalCluster.StartAsync(silos);
            var round = await MeasureAsync(cluster, trainees, batch, TimeSpan.FromSeconds(seconds));
            results.Add(FormattableString.Invariant(
                $"{silos} silo(s): {round.DotsPerSecond,7:0} acknowledged dots/s; call p50 {round.P50,6:0.0} ms, p99 {round.P99,6:0.0} ms; failed calls {round.Failures}; cores busy {round.Cpu.Machine:P0}: silos {round.Cpu.Silos:P0}, PostgreSQL {round.Cpu.Postgres:P0}, load generator {round.Cpu.Clients:P0}, rest {round.Cpu.Machine - round.Cpu.Silos - round.Cpu.Postgres - round.Cpu.Clients:P0}"));
            TestContext.Progress.WriteLine(results[^1]);
            Assert.That(round.DotsPerSecond, Is.Positive);
            Assert.That(round.Failures, Is.Zero);
        }

        TestContext.Out.WriteLine(string.Join('\n', results));
    }

    private sealed record Round(double DotsPerSecond, double P50, double P99, int Failures, CpuShares Cpu);

    /// <summary>Fractions of all the machine's cores over the window.</summary>
    private sealed record CpuShares(double Machine, double Silos, double Postgres, double Clients);

    private sealed record CpuSample(long MachineBusy, long MachineTotal, TimeSpan Silos, TimeSpan Postgres, TimeSpan Clients)
    {
        public static CpuSample Take(LocalCluster cluster)
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(long.Parse).ToArray();
            return new CpuSample(fields.Sum() - fields[3] - fields[4], fields.Sum(),
                cluster.Silos.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ProcessorTime), ProcessCpu.Postgres(), Process.GetCurrentProcess().TotalProcessorTime);
        }

        public CpuShares Since(CpuSample start, TimeSpan window)
        {
            var cores = Environment.ProcessorCount * window.TotalSeconds;
            return new CpuShares((MachineBusy - start.MachineBusy) / (double)(MachineTotal - start.MachineTotal),
                (Silos - start.Silos).TotalSeconds / cores, (Postgres - start.Postgres).TotalSeconds / cores, (Clients - start.Clients).TotalSeconds / cores);
        }
    }

    private static async Task<Round> MeasureAsync(LocalCluster cluster, int count, int batch, TimeSpan window)
    {
        var hosts = cluster.Silos.Select(s => s.Url).ToArray();
        var run = Guid.NewGuid().ToString("N")[..6];
        var clients = new List<TraineeClient>();
        for (var i = 0; i < count; i++)
        {
            var trainee = $"m{run}-{i}";
            using var http = await cluster.SignInAsync(cluster.Silo(i % hosts.Length), trainee, "trainee");
            await http.EnrollAsync(trainee);
            var session = Guid.Parse(await http.StartSessionAsync(trainee));
            clients.Add(new TraineeClient(trainee, session, await cluster.TokenAsync(trainee, "trainee"), hosts, i % hosts.Length, batch));
        }

        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var load = clients.Select(c => Task.Run(() => c.RunAsync(clock, stop.Token))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var (from, cpuFrom) = (clock.Elapsed, CpuSample.Take(cluster));
        await Task.Delay(window);
        var (to, cpuTo) = (clock.Elapsed, CpuSample.Take(cluster));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var acked = clients.Sum(c => c.Acks.Values.Count(a => a.At > from && a.At <= to));
        var latencies = clients.SelectMany(c => c.Latencies).Order().ToList();
        return new Round(
            acked / (to - from).TotalSeconds,
            latencies[latencies.Count / 2],
            latencies[(int)(latencies.Count * 0.99)],
            clients.Sum(c => c.Failures.Count),
            cpuTo.Since(cpuFrom, to - from));
    }
}
