using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Cli.Simulation;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Cli.Load;

/// <summary>What one step measured: client-side latencies from each call's intended start, and the server's CPU over the step.</summary>
public sealed record LoadResult(
    double OfferedPerSecond, long Acked, long Errors, long NotSent, double Seconds, LatencySummary Ack, LatencySummary ToInstructor, long NotSeenByInstructor,
    IReadOnlyList<string> FirstErrors, ServerResources? Server)
{
    public double AckedPerSecond => Acked / Seconds;
}

/// <param name="CpuMicrosPerDot">Host and PostgreSQL CPU over the step (its tail included) per acknowledged dot.</param>
public sealed record ServerResources(double HostCpuPercent, double PostgresCpuPercent, double HostPeakResidentMb, double LoadGeneratorCpuPercent, double CpuMicrosPerDot);

/// <summary>
/// Trainees place simulated dots through the public interfaces (the trainee hub over SignalR, or HTTP batches) on an
/// open-loop schedule: each trainee's calls are due at fixed intervals whatever the server does, with at most
/// <see cref="LoadOptions.InFlight"/> in flight. A call is timed from when it was due, not from when it could be sent, so a
/// trainee that falls behind shows as latency (coordinated omission corrected), and calls still unsent at the end are counted.
/// Instructors watch over the instructor hub; a dot's time to them is measured from the same intended start, on this process's clock.
/// </summary>
public sealed class LoadRun(LoadOptions options, Uri url, PracticeSkin skin, TextWriter output, Func<ResourceSample?> sample) : IAsyncDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<LoadTrainee> _trainees = [];
    private readonly List<HubConnection> _instructors = [];
    private readonly HttpClient _http = new() { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    private long _peakResident;

    private sealed class Step(double startMs, double endMs, long? dots)
    {
        public readonly HdrHistogram.LongConcurrentHistogram Ack = LatencySummary.NewHistogram();
        public readonly List<string> FirstErrors = [];
        public long Acked, Errors, NotSent, Sent;

        public double EndMs => endMs;

        public double StartMs => startMs;

        public bool Enough => dots is { } d && Interlocked.Read(ref Sent) >= d;
    }

    private double Now => _clock.Elapsed.TotalMilliseconds;

    public async Task SetUpAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        output.WriteLine($"setting up {options.Trainees} trainees and {options.Instructors} instructors …");
        var admin = await LoadClients.TokenAsync(_http, $"load-admin-{run}", "admin");
        foreach (var chunk in Enumerable.Range(0, options.Trainees).Chunk(20))
            _trainees.AddRange(await Task.WhenAll(chunk.Select(i => SetUpTraineeAsync(admin, run, i))));
        _instructors.AddRange(await Task.WhenAll(Enumerable.Range(0, options.Instructors).Select(j => WatchAsync(run, j, _trainees.Where((_, i) => i % options.Instructors == j).ToArray()))));
    }

    /// <summary>One step at <paramref name="offeredPerSecond"/> dots/s in all, for the options' seconds (or dots), or for <paramref name="warmUpSeconds"/> unmeasured.</summary>
    public async Task<LoadResult> RunStepAsync(double offeredPerSecond, double? warmUpSeconds = null)
    {
        var perTrainee = offeredPerSecond / options.Trainees;
        var dots = warmUpSeconds is null ? options.Dots : null;
        var length = dots is { } d ? $"{d:N0} dots" : $"{warmUpSeconds ?? options.Seconds} s";
        output.WriteLine(FormattableString.Invariant($"{(warmUpSeconds is null ? "running" : "warming up (not measured)")}: {options.Trainees} × {perTrainee:0.##} dots/s in batches of {options.Batch}, up to {options.InFlight} call(s) in flight each ({offeredPerSecond:N0} dots/s offered), {options.Transport}, for {length}"));
        var before = sample();
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var step = new Step(Now, dots is null ? Now + (warmUpSeconds ?? options.Seconds) * 1000 : double.PositiveInfinity, dots);
        using var stop = new CancellationTokenSource();
        var progress = ReportProgressAsync(step, stop.Token);
        await Task.WhenAll(_trainees.Select((t, i) => Task.Run(() => DriveAsync(t, i, perTrainee, step))));
        var seconds = (Now - step.StartMs) / 1000;
        await Task.Delay(1000); // the last live updates
        await stop.CancelAsync();
        await progress;

        var toInstructor = new HdrHistogram.LongHistogram(LatencySummary.HighestMicros, 3);
        var seen = _trainees.Sum(t => t.TakeSeen(toInstructor));
        var after = sample();
        var elapsed = before is not null && after is not null ? Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds : 0;
        var server = before is not null && after is not null
            ? new ServerResources(
                (after.HostCpuSeconds - before.HostCpuSeconds) / elapsed * 100,
                (after.PostgresCpuSeconds - before.PostgresCpuSeconds) / elapsed * 100,
                Math.Max(_peakResident, after.HostResidentBytes) / 1e6,
                (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds / elapsed * 100,
                step.Acked == 0 ? double.NaN : (after.HostCpuSeconds - before.HostCpuSeconds + after.PostgresCpuSeconds - before.PostgresCpuSeconds) / step.Acked * 1e6)
            : null;
        return new LoadResult(offeredPerSecond, step.Acked, step.Errors, step.NotSent, seconds, LatencySummary.Of(step.Ack), LatencySummary.Of(toInstructor),
            Math.Max(0, step.Acked - seen), step.FirstErrors, server);
    }

    private async Task DriveAsync(LoadTrainee trainee, int index, double perTrainee, Step step)
    {
        var interval = options.Batch / perTrainee * 1000;
        var first = step.StartMs + interval * index / options.Trainees; // spread the first calls over one interval
        using var slots = new SemaphoreSlim(options.InFlight, options.InFlight);
        for (long n = 0; ; n++)
        {
            var due = first + n * interval;
            if (due >= step.EndMs || step.Enough)
                break;
            if (due > Now)
                await Task.Delay(TimeSpan.FromMilliseconds(due - Now));
            var behind = slots.CurrentCount == 0;
            await slots.WaitAsync(); // open loop: a slow ack delays this call, and the delay counts from when it was due
            if (behind && Now >= step.EndMs)
            {
                slots.Release();
                Interlocked.Add(ref step.NotSent, (long)Math.Ceiling((step.EndMs - due) / interval) * options.Batch);
                break;
            }

            Interlocked.Add(ref step.Sent, options.Batch);
            _ = CallAsync(trainee, trainee.NextBatch(skin, options.Batch), due, slots, step);
        }

        for (var i = 0; i < options.InFlight; i++)
            await slots.WaitAsync();
    }

    private async Task CallAsync(LoadTrainee trainee, object[] batch, double due, SemaphoreSlim slot, Step step)
    {
        try
        {
            var sequences = await LoadClients.PlaceWithRetriesAsync(trainee, batch, Guid.NewGuid().ToString("N"));
            step.Ack.RecordValueWithCount(LatencySummary.Micros(Now - due), sequences.Length);
            trainee.Acked(sequences, due);
            Interlocked.Add(ref step.Acked, sequences.Length);
        }
        catch (Exception e) when (e is Microsoft.AspNetCore.SignalR.HubException or HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            Interlocked.Increment(ref step.Errors);
            lock (step.FirstErrors)
            {
                if (step.FirstErrors.Count < 5)
                    step.FirstErrors.Add($"{trainee.Id}: {e.Message}");
            }
        }
        finally
        {
            slot.Release();
        }
    }

    private async Task<LoadTrainee> SetUpTraineeAsync(string admin, string run, int i)
    {
        var id = $"load-{run}-t{i}";
        var token = await LoadClients.TokenAsync(_http, id, "trainee");
        await LoadClients.SendAsync(_http, token, $"/api/trainees/{id}/enrollment", new { programId = "smp-practitioner" });
        if (options.Instructors > 0)
            await LoadClients.SendAsync(_http, admin, $"/api/trainees/{id}/instructors", new { instructorId = $"load-{run}-i{i % options.Instructors}" });
        var session = (await LoadClients.SendAsync(_http, token, $"/api/trainees/{id}/sessions", new { exerciseId = options.Exercise })).GetProperty("sessionId").GetGuid();
        var useHub = options.Transport == "signalr" || (options.Transport == "mixed" && i % 2 == 0);
        var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return new LoadTrainee(id, session, useHub ? await LoadClients.ConnectAsync(url, "/hubs/trainee", token) : null, client, new SimulatedTrainee(options.Skill, i + 1));
    }

    private sealed record LiveDot(long Sequence);

    private sealed record LiveUpdate(Guid SessionId, List<LiveDot> Dots);

    private async Task<HubConnection> WatchAsync(string run, int j, LoadTrainee[] watched)
    {
        var token = await LoadClients.TokenAsync(_http, $"load-{run}-i{j}", "instructor");
        var connection = await LoadClients.ConnectAsync(url, "/hubs/instructor", token);
        var bySession = watched.ToDictionary(t => t.Session);
        connection.On<LiveUpdate>("updated", update =>
        {
            if (bySession.TryGetValue(update.SessionId, out var trainee))
                trainee.Seen(update.Dots.Select(d => d.Sequence), Now);
        });
        foreach (var trainee in watched)
            await connection.InvokeAsync<System.Text.Json.JsonElement>("Watch", trainee.Session, 1L);
        return connection;
    }

    private async Task ReportProgressAsync(Step step, CancellationToken stop)
    {
        var last = (Acked: 0L, At: Now, Resources: sample());
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var (acked, at, resources) = (Interlocked.Read(ref step.Acked), Now, sample());
                _peakResident = Math.Max(_peakResident, resources?.HostResidentBytes ?? 0);
                var span = (at - last.At) / 1000;
                var cpu = resources is { } r && last.Resources is { } l
                    ? FormattableString.Invariant($", server CPU {(r.HostCpuSeconds - l.HostCpuSeconds) / span * 100:0}% host + {(r.PostgresCpuSeconds - l.PostgresCpuSeconds) / span * 100:0}% PostgreSQL, host RSS {r.HostResidentBytes / 1e6:0} MB")
                    : "";
                output.WriteLine(FormattableString.Invariant($"  {(at - step.StartMs) / 1000,5:0}s  {acked,10:N0} dots acked  {(acked - last.Acked) / span,8:N0} dots/s  errors {Interlocked.Read(ref step.Errors)}{cpu}"));
                last = (acked, at, resources);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _instructors.Concat(_trainees.Select(t => t.Hub)).OfType<HubConnection>())
            await connection.DisposeAsync();
        foreach (var trainee in _trainees)
            trainee.Http.Dispose();
        _http.Dispose();
    }
}
