using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Tests.Cluster;
using SmpAcademy.LocalServers.Hosts;

namespace SmpAcademy.Host.Tests.Faults;

/// <summary>
/// What one fault test runs against: a PostgreSQL of its own, one host process on it, and per writer a trainee
/// (enrolled, one practice session) with an instructor watching the session live. One more trainee is the probe
/// that measures recovery. Disposing stops everything it started, whatever state the faults left it in.
/// </summary>
internal sealed class FaultRig : IAsyncDisposable
{
    private readonly List<FaultWriter> _writers = [];
    private readonly List<InstructorClient> _instructors = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _giveUp = new();
    private Task[] _load = [];

    private readonly string _hostData;

    private FaultRig(FaultDatabase database, (HostProcess Host, string DataDirectory) host) => (Database, Host, _hostData) = (database, host.Host, host.DataDirectory);

    public FaultDatabase Database { get; }

    public HostProcess Host { get; }

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public IReadOnlyList<FaultWriter> Writers => _writers;

    public IReadOnlyList<InstructorClient> Instructors => _instructors;

    /// <summary>Places single dots in a session of its own, only to see when a new write goes through again.</summary>
    public FaultWriter Probe { get; private set; } = null!;

    /// <summary>Every session: the writers' and the probe's.</summary>
    public IEnumerable<FaultWriter> Sessions => [.. _writers, Probe];

    public static async Task<FaultRig> StartAsync(int writers)
    {
        var database = await FaultDatabase.StartAsync();
        FaultRig rig;
        try
        {
            rig = new FaultRig(database, FaultHost.Start(database.ConnectionString));
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        try
        {
            await rig.Host.WaitReadyAsync(TimeSpan.FromSeconds(120));
            await rig.PrepareAsync(writers);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private async Task PrepareAsync(int writers)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var http = new HttpClient { BaseAddress = Host.Url, Timeout = TimeSpan.FromSeconds(30) };
        var admin = await TokenAsync(http, "root", Roles.Admin);
        for (var i = 0; i <= writers; i++)
        {
            var trainee = i < writers ? $"f{run}-{i}" : $"f{run}-probe";
            var token = await TokenAsync(http, trainee, Roles.Trainee);
            using var client = new HttpClient { BaseAddress = Host.Url, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            await client.EnrollAsync(trainee);
            var session = Guid.Parse(await client.StartSessionAsync(trainee));
            var writer = new FaultWriter(trainee, session, token, Host.Url, Clock);
            if (i == writers)
            {
                Probe = writer;
                break;
            }

            _writers.Add(writer);
            var instructor = $"i{run}-{i}";
            using var assign = new HttpRequestMessage(HttpMethod.Post, $"/api/trainees/{trainee}/instructors") { Content = JsonContent.Create(new { instructorId = instructor }) };
            assign.Headers.Authorization = new("Bearer", admin);
            await (await http.SendAsync(assign)).JsonAsync(HttpStatusCode.NoContent);
            var eyes = new InstructorClient(session, await TokenAsync(http, instructor, Roles.Instructor), [Host.Url], 0, Clock);
            _instructors.Add(eyes);
            await eyes.StartAsync();
        }
    }

    private static async Task<string> TokenAsync(HttpClient http, string userId, string role)
    {
        using var response = await http.PostAsJsonAsync("/api/dev/tokens", new TokenRequest(userId, role));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.Token;
    }

    /// <summary>Every writer places batches, pausing <paramref name="pause"/> after each acknowledgement.</summary>
    public void StartLoad(TimeSpan pause) =>
        _load = [.. _writers.Select(w => Task.Run(() => w.RunAsync(pause, _stop.Token, _giveUp.Token)))];

    /// <summary>No new batch; those under way are retried until acknowledged, for at most <paramref name="drain"/>.</summary>
    public async Task StopLoadAsync(TimeSpan drain)
    {
        await _stop.CancelAsync();
        _giveUp.CancelAfter(drain);
        await Task.WhenAll(_load);
    }

    /// <summary>A token cancelled when the writers give up (after <see cref="StopLoadAsync"/>'s drain).</summary>
    public CancellationToken GiveUp => _giveUp.Token;

    public string Diagnostics() =>
        $"--- host (pid {Host.ProcessId}, restarts {Host.Restarts}) ---\n{string.Join('\n', Host.Output.Split('\n').TakeLast(80))}\n--- postgres ---\n{Database.LogTail()}";

    /// <summary>Whatever fails on the way, the host and then the database are stopped and their folders deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stop.CancelAsync();
            await _giveUp.CancelAsync();
            await Database.ThawAsync(); // before anything waits on the database
            await Task.WhenAll(_load).ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var eyes in _instructors)
                await eyes.DisposeAsync();
            foreach (var writer in Sessions.Where(w => w is not null))
                writer.Dispose();
        }
        finally
        {
            try
            {
                await Host.DisposeAsync();
                if (Directory.Exists(_hostData))
                    Directory.Delete(_hostData, recursive: true);
            }
            finally
            {
                await Database.DisposeAsync();
                _stop.Dispose();
                _giveUp.Dispose();
            }
        }
    }
}
