using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Audit.Keys;
using SmpAcademy.EventStore;
using SmpAcademy.EventStore.Projections;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Auth;
using SmpAcademy.LocalServers.Hosts;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Cluster;

/// <summary>
/// N hosts as separate processes on loopback, one Orleans cluster through ADO.NET clustering on the test
/// PostgreSQL, one event store schema, one data folder (so one development signing key). Membership is
/// tuned to declare a lost silo dead within seconds. Each silo names its database sessions
/// "smp-{cluster}-{index}", so what each holds in PostgreSQL can be told apart.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private const string ServiceId = "smp-test";
    private readonly List<HostProcess> _silos;
    private readonly string _dataDirectory;
    private IHost? _client;

    private LocalCluster(string clusterId, string schema, string dataDirectory, List<HostProcess> silos) =>
        (ClusterId, Schema, _dataDirectory, _silos) = (clusterId, schema, dataDirectory, silos);

    public string ClusterId { get; }

    public string Schema { get; }

    public IReadOnlyList<HostProcess> Silos => _silos;

    public static async Task<LocalCluster> StartAsync(int silos)
    {
        var clusterId = "c" + Guid.NewGuid().ToString("N")[..10];
        var schema = TestDatabase.NewSchema();
        var data = Path.Combine(Path.GetTempPath(), "smp-cluster-" + clusterId);

        // The keys first: silos starting together would each create their own.
        DevIssuer.Load(data);
        CheckpointSigner.Load(data);
        CredentialSigner.Load(data);

        var processes = Enumerable.Range(0, silos).Select(i => HostProcess.Start(Path.Combine(AppContext.BaseDirectory, "SmpAcademy.Host.dll"), Settings(clusterId, schema, data, i), name: $"silo {i}")).ToList();
        var cluster = new LocalCluster(clusterId, schema, data, processes);
        try
        {
            await Task.WhenAll(processes.Select(p => p.WaitReadyAsync(TimeSpan.FromSeconds(120))));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    private static Dictionary<string, string> Settings(string clusterId, string schema, string data, int index) => new()
    {
        ["ConnectionStrings__Postgres"] = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { ApplicationName = $"smp-{clusterId}-{index}" }.ConnectionString,
        ["Smp__Schema"] = schema,
        ["Smp__DataDirectory"] = data,
        ["Smp__Curriculum"] = RepoPaths.Curriculum,
        ["Smp__DemoSignIn"] = "true",
        ["Smp__RateLimits__Scale"] = "1000", // many trainees from one address; the limits have their own tests
        ["Orleans__ClusteringMode"] = "AdoNet",
        ["Orleans__ClusterId"] = clusterId,
        ["Orleans__ServiceId"] = ServiceId,
        ["Orleans__AdvertisedIP"] = "127.0.0.1",

        // Probe every second, suspect after 2 misses; the 2 votes needed come from the 2 survivors.
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
        ["Logging__LogLevel__SmpAcademy"] = "Information",
    };

    public HostProcess Silo(int index) => _silos[index];

    public int IndexOf(HostProcess silo) => _silos.IndexOf(silo);

    public IEnumerable<HostProcess> Survivors => _silos.Where(s => !s.Killed);

    public async Task<string> TokenAsync(string userId, string role)
    {
        using var http = new HttpClient { BaseAddress = Survivors.First().Url };
        var response = await http.PostAsJsonAsync("/api/dev/tokens", new TokenRequest(userId, role));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.Token;
    }

    public async Task<HttpClient> SignInAsync(HostProcess silo, string userId, string role)
    {
        var http = new HttpClient { BaseAddress = silo.Url };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(userId, role));
        return http;
    }

    /// <summary>The silo the session's grain is active on now, as the cluster's directory says (null: not active).</summary>
    public async Task<HostProcess?> LocateAsync(Guid sessionId)
    {
        var client = (await ClientAsync()).Services.GetRequiredService<IClusterClient>();
        var address = await client.GetGrain<IManagementGrain>(0).GetActivationAddress(client.GetGrain<IPracticeSessionGrain>(sessionId));
        return address is null ? null : _silos.Single(s => s.Ports.Silo == address.Endpoint.Port);
    }

    /// <summary>An Orleans client of the cluster (through the silos' gateways), to ask where grains live.</summary>
    private async Task<IHost> ClientAsync()
    {
        if (_client is not null)
            return _client;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error); // its gateway to the killed silo resets: expected
        builder.UseOrleansClient(client => client
            .UseStaticClustering(_silos.Select(s => new IPEndPoint(IPAddress.Loopback, s.Ports.Gateway)).ToArray())
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId)));
        _client = builder.Build();
        await _client.StartAsync();
        return _client;
    }

    /// <summary>A Marten store on the cluster's schema, to read the streams as recorded (no projections, no daemon of its own).</summary>
    public DocumentStore Store() => EventStoreSetup.CreateStore(TestDatabase.ConnectionString, Schema);

    /// <summary>A session's summary row as its grain stored it.</summary>
    public async Task<SessionSummaryView?> SummaryAsync(Guid sessionId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT data FROM \"{Schema}\".mt_doc_sessionsummaryview WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = StreamKeys.Session(sessionId) });
        return await command.ExecuteScalarAsync() is string json ? JsonSerializer.Deserialize<SessionSummaryView>(json, Api.Web) : null;
    }

    public string Diagnostics() => string.Join("\n\n", _silos.Select(s => $"--- {s.Name} (killed: {s.Killed}) ---\n{s.Output}"));

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
