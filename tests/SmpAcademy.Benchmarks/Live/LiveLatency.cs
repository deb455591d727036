using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.EventStore.LocalDatabase;
using SmpAcademy.Testing;

namespace SmpAcademy.Benchmarks.Live;

/// <summary>
/// Dot → instructor latency over real sockets: the server runs as its own process (private PostgreSQL,
/// default durable settings); N trainees each place dots over the trainee hub at a steady rate while
/// one instructor per trainee watches over the instructor hub. Both ends are timed on this process's
/// clock: from just before the trainee's call to the instructor receiving that dot.
///   dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- live [--trainees 1,10,100] [--seconds 10] [--rate 5]
/// </summary>
public static class LiveLatency
{
    private sealed record LiveDot(long Sequence);

    private sealed record Update(Guid SessionId, List<LiveDot> Dots);

    public static async Task RunAsync(string[] args)
    {
        string Option(string name, string fallback) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var counts = Option("trainees", "1,10,100").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var seconds = double.Parse(Option("seconds", "10"), CultureInfo.InvariantCulture);
        var rate = double.Parse(Option("rate", "5"), CultureInfo.InvariantCulture);

        await using var server = await ServerProcess.StartAsync();
        Console.WriteLine($"server at {server.Url} ({Environment.ProcessorCount} cores); each trainee places {rate} dots/s for {seconds} s");
        await RoundAsync(server.Url, 5, 3, rate); // warm-up (JIT, connection pools, grain activation paths): not reported
        Console.WriteLine($"{"trainees",8} {"dots",7} {"errors",6} {"ack p50",9} {"ack p99",9} {"→instr p50",11} {"→instr p99",11} {"→instr max",11}");
        foreach (var n in counts)
        {
            var r = await RoundAsync(server.Url, n, seconds, rate);
            Console.WriteLine(FormattableString.Invariant(
                $"{n,8} {r.Dots,7} {r.Errors,6} {P(r.Acks, 0.5),7:0.0}ms {P(r.Acks, 0.99),7:0.0}ms {P(r.Seen, 0.5),9:0.0}ms {P(r.Seen, 0.99),9:0.0}ms {P(r.Seen, 1),9:0.0}ms"));
        }
    }

    private static double P(List<double> xs, double q) => xs.Count == 0 ? double.NaN : xs.Order().ElementAt((int)Math.Min(xs.Count - 1, Math.Ceiling(q * xs.Count) - 1));

    private sealed record Round(int Dots, int Errors, List<double> Acks, List<double> Seen);

    private static async Task<Round> RoundAsync(Uri url, int trainees, double seconds, double rate)
    {
        using var http = new HttpClient { BaseAddress = url };
        var run = Guid.NewGuid().ToString("N")[..6];
        var admin = await TokenAsync(http, "root", "admin");
        var pairs = await Task.WhenAll(Enumerable.Range(0, trainees).Select(i => PairAsync(http, url, admin, $"t{run}-{i}", $"i{run}-{i}")));
        var clock = Stopwatch.StartNew();
        var sent = new ConcurrentDictionary<(Guid, long), double>();
        var acks = new ConcurrentBag<double>();
        var seen = new ConcurrentBag<double>();
        var errors = 0;
        foreach (var p in pairs)
        {
            p.Instructor.On<Update>("updated", u =>
            {
                var now = clock.Elapsed.TotalMilliseconds;
                foreach (var d in u.Dots)
                {
                    if (sent.TryGetValue((u.SessionId, d.Sequence), out var at))
                        seen.Add(now - at);
                }
            });
        }

        var random = new Random(1);
        await Task.WhenAll(pairs.Select((p, i) => Task.Run(async () =>
        {
            var interval = TimeSpan.FromSeconds(1 / rate);
            var next = clock.Elapsed + TimeSpan.FromMilliseconds(random.Next(0, (int)interval.TotalMilliseconds + 1));
            for (long sequence = 1; clock.Elapsed.TotalSeconds < seconds; sequence++)
            {
                if (next > clock.Elapsed)
                    await Task.Delay(next - clock.Elapsed);
                next += interval;
                var start = clock.Elapsed.TotalMilliseconds;
                sent[(p.Session, sequence)] = start;
                try
                {
                    await p.Trainee.InvokeAsync<JsonElement>("PlaceDot", p.Session, new { x = 1 + (sequence % 97), y = 1 + (sequence / 97 % 97), needle = "1RL-0.25", depthMm = 0.5, shade = 0.6 });
                    acks.Add(clock.Elapsed.TotalMilliseconds - start);
                }
                catch (Microsoft.AspNetCore.SignalR.HubException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        await Task.Delay(1000); // let the last updates arrive
        foreach (var p in pairs)
        {
            await p.Trainee.DisposeAsync();
            await p.Instructor.DisposeAsync();
        }

        return new Round(acks.Count, errors + (acks.Count - seen.Count), [.. acks], [.. seen]);
    }

    private sealed record Pair(Guid Session, HubConnection Trainee, HubConnection Instructor);

    private static async Task<Pair> PairAsync(HttpClient http, Uri url, string adminToken, string trainee, string instructor)
    {
        var traineeToken = await TokenAsync(http, trainee, "trainee");
        await SendAsync(http, traineeToken, $"/api/trainees/{trainee}/enrollment", new { programId = "smp-practitioner" });
        await SendAsync(http, adminToken, $"/api/trainees/{trainee}/instructors", new { instructorId = instructor });
        var started = await SendAsync(http, traineeToken, $"/api/trainees/{trainee}/sessions", new { exerciseId = "random-fill" });
        var session = started.GetProperty("sessionId").GetGuid();
        var hand = await ConnectAsync(url, "/hubs/trainee", traineeToken);
        var eyes = await ConnectAsync(url, "/hubs/instructor", await TokenAsync(http, instructor, "instructor"));
        await eyes.InvokeAsync<JsonElement>("Watch", session, 1L);
        return new Pair(session, hand, eyes);
    }

    private static async Task<HubConnection> ConnectAsync(Uri url, string hub, string token)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(url, hub), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        await connection.StartAsync();
        return connection;
    }

    private static async Task<string> TokenAsync(HttpClient http, string user, string role) =>
        (await SendAsync(http, null, "/api/dev/tokens", new { userId = user, role })).GetProperty("token").GetString()!;

    private static async Task<JsonElement> SendAsync(HttpClient http, string? token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The Release build of the host, started as its own process on free loopback ports with a throwaway data folder.</summary>
    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _data;

        private ServerProcess(Process process, string data, Uri url) => (_process, _data, Url) = (process, data, url);

        public Uri Url { get; }

        public static async Task<ServerProcess> StartAsync()
        {
            Run("dotnet", $"build {Path.Combine(RepoPaths.Root, "src", "SmpAcademy.Host")} -c Release -v quiet --nologo");
            var data = Path.Combine(Path.GetTempPath(), "smp-live-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(data);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101); // the private cluster runs as postgres when we are root
            var url = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
            var start = new ProcessStartInfo("dotnet", $"{Path.Combine(RepoPaths.Root, "src", "SmpAcademy.Host", "bin", "Release", "net10.0", "SmpAcademy.Host.dll")} --urls {url}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RepoPaths.Root,
                Environment =
                {
                    ["Smp__DataDirectory"] = data,
                    ["Orleans__SiloPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
                    ["Orleans__GatewayPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
                    ["Logging__LogLevel__Default"] = "Warning",
                },
            };
            var process = Process.Start(start)!;
            var ready = new TaskCompletionSource();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("SmpAcademy is running", StringComparison.Ordinal) == true)
                    ready.TrySetResult();
            };
            process.ErrorDataReceived += (_, e) => Console.Error.WriteLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return new ServerProcess(process, data, url);
        }

        private static void Run(string file, string arguments)
        {
            using var p = Process.Start(file, arguments);
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new InvalidOperationException($"{file} {arguments} failed");
        }

        public async ValueTask DisposeAsync()
        {
            Run("kill", $"-TERM {_process.Id}");
            await _process.WaitForExitAsync();
            _process.Dispose();
            Directory.Delete(_data, recursive: true);
        }
    }
}
