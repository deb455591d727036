using NUnit.Framework;
using SmpAcademy.LocalServers.Postgres;

namespace SmpAcademy.Testing;

/// <summary>
/// The PostgreSQL these tests run against (linked into each test project that needs a database; the
/// project's own <c>[SetUpFixture]</c> derives from this): $SMP_TEST_POSTGRES when set, else a throwaway private
/// cluster started here from the machine's PostgreSQL programs. If neither works the tests fail;
/// they never pass without a database.
/// </summary>
public abstract class TestDatabase
{
    private static PrivatePostgres? _private;
    private static string? _connectionString;

    public static string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("the test database was not started");

    /// <summary>Settings for throwaway clusters: durability is not what these tests check.</summary>
    public static readonly IReadOnlyDictionary<string, string> FastSettings = new Dictionary<string, string>
    {
        ["fsync"] = "off",
        ["synchronous_commit"] = "off",
        ["full_page_writes"] = "off",
    };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var given = Environment.GetEnvironmentVariable("SMP_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
        {
            _connectionString = given;
            TestContext.Progress.WriteLine("Using the PostgreSQL given in SMP_TEST_POSTGRES");
            return;
        }

        _private = await PrivatePostgres.StartAsync(settings: FastSettings, log: TestContext.Progress);
        _connectionString = _private.ConnectionString;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_private is not null)
            await _private.DisposeAsync();
    }

    /// <summary>A fresh schema name, so each fixture starts from an empty event store.</summary>
    public static string NewSchema() => "test_" + Guid.NewGuid().ToString("N")[..12];
}
