using SmpAcademy.LocalServers.Postgres;

namespace SmpAcademy.Host.Hosting;

/// <summary>
/// The PostgreSQL the host uses: the configured connection string (ConnectionStrings:Postgres or
/// SMP_POSTGRES), else a private cluster of our own under the data folder, stopped on shutdown.
/// </summary>
public sealed class HostDatabase : IAsyncDisposable
{
    private readonly PrivatePostgres? _private;

    private HostDatabase(string connectionString, PrivatePostgres? privateCluster)
    {
        ConnectionString = connectionString;
        _private = privateCluster;
    }

    public string ConnectionString { get; }

    public string? PrivateDataDirectory => _private?.DataDirectory;

    public static async Task<HostDatabase> StartAsync(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var given = configuration.GetConnectionString("Postgres") ?? configuration["SMP_POSTGRES"];
        if (!string.IsNullOrWhiteSpace(given))
            return new HostDatabase(given, null);

        var folder = Path.Combine(DataDirectory(configuration), "postgres");
        var cluster = await PrivatePostgres.StartAsync(folder, configuration.GetValue("Smp:PostgresPort", 0), log: Console.Out);
        return new HostDatabase(cluster.ConnectionString, cluster);
    }

    /// <summary>Smp:DataDirectory, else .data/ at the repository root (or beside the app).</summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Smp:DataDirectory"] is { Length: > 0 } configured)
            return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmpAcademy.sln")))
                return Path.Combine(dir.FullName, ".data");
        }

        return Path.Combine(AppContext.BaseDirectory, ".data");
    }

    public async ValueTask DisposeAsync()
    {
        if (_private is not null)
            await _private.DisposeAsync();
    }
}
