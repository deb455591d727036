using System.Net.Http.Headers;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests;

/// <summary>A test fixture with one real host on a fresh schema of the test database.</summary>
public abstract class HostFixture
{
    private TestHost _host = null!;
    private string _dataDirectory = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "smp-host-test-" + Guid.NewGuid().ToString("N")[..8]);
        Schema = TestDatabase.NewSchema();
        _host = TestHost.Start(Schema, _dataDirectory, TestDatabase.ConnectionString, CurriculumDirectory, OnKestrel, demoSignIn: DemoSignIn, rateLimitScale: RateLimitScale, extra: ExtraSettings, logs: Logs);
    }

    /// <summary>Whether the host runs the demo issuer the tests sign in through (on loopback, as demo mode requires).</summary>
    protected virtual bool DemoSignIn => true;

    /// <summary>Another place the host's logs go, for a test that reads them; null for none.</summary>
    protected virtual Microsoft.Extensions.Logging.ILoggerProvider? Logs => null;

    /// <summary>More settings for this fixture's host, as environment variables (an identity provider's, say).</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    /// <summary>What the host multiplies every abuse allowance by (see <see cref="TestHost.Start"/>); 1 to test the limits themselves.</summary>
    protected virtual double RateLimitScale => 1000;

    /// <summary>The host's data folder (its keys live there).</summary>
    protected string DataDirectory => _dataDirectory;

    /// <summary>Stops the host and starts it again on the same schema and data folder (so the same keys), as a restart would.</summary>
    protected async Task RestartHostAsync()
    {
        await _host.DisposeAsync();
        _host = TestHost.Start(Schema, _dataDirectory, TestDatabase.ConnectionString, CurriculumDirectory, OnKestrel, demoSignIn: DemoSignIn, rateLimitScale: RateLimitScale, extra: ExtraSettings, logs: Logs);
    }

    /// <summary>The settings a host process of this fixture's own would run with (schema, data folder, curriculum, database).</summary>
    protected IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["ConnectionStrings__Postgres"] = TestDatabase.ConnectionString,
        ["Smp__Schema"] = Schema,
        ["Smp__DataDirectory"] = _dataDirectory,
        ["Smp__Curriculum"] = CurriculumDirectory,
    };

    /// <summary>The host's schema in the test database, for tests that edit rows as a database administrator could.</summary>
    protected string Schema { get; private set; } = "";

    [OneTimeTearDown]
    public async Task StopHost()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>The curriculum the host loads; the repository's unless a fixture needs its own.</summary>
    protected virtual string CurriculumDirectory => RepoPaths.Curriculum;

    /// <summary>True to serve over real Kestrel sockets on loopback (live tests), false for the in-memory test server.</summary>
    protected virtual bool OnKestrel => false;

    protected Uri BaseAddress => _host.BaseAddress;

    protected HttpClient Anonymous() => _host.CreateClient();

    protected Task<string> TokenAsync(string userId, string role, string? body = null) => _host.TokenAsync(userId, role, body);

    /// <summary>Runs SQL on the test database as its administrator could (tamper tests); the number of rows it changed.</summary>
    protected static async Task<int> SqlAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>A client signed in through the development issuer as this user and role (and, for auditors, body).</summary>
    protected async Task<HttpClient> SignInAsync(string userId, string role, string? body = null)
    {
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(userId, role, body));
        return client;
    }
}
