using Npgsql;

namespace SmpAcademy.LocalServers.Postgres;

/// <summary>
/// A PostgreSQL cluster of our own, started from the machine's server programs under a data folder,
/// listening on loopback only, and stopped on dispose. Used when no connection string is given.
/// Run as root, the cluster belongs to the postgres user, because initdb refuses to run as root.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private readonly bool _deleteOnDispose;

    private PrivatePostgres(string bin, string dataDirectory, int port, string database, bool deleteOnDispose)
    {
        _bin = bin;
        DataDirectory = dataDirectory;
        Port = port;
        _asPostgresUser = ProcessRunner.IsRoot;
        _deleteOnDispose = deleteOnDispose;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = database,
        }.ConnectionString;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// Starts (creating it first if new) the cluster in <paramref name="dataDirectory"/>, or in a
    /// temporary folder deleted on dispose when null. Port 0 picks a free one.
    /// </summary>
    /// <param name="settings">Extra server settings, e.g. fsync=off for throwaway test clusters.</param>
    public static async Task<PrivatePostgres> StartAsync(
        string? dataDirectory = null,
        int port = 0,
        string database = "smp",
        IReadOnlyDictionary<string, string>? settings = null,
        TextWriter? log = null,
        CancellationToken cancellationToken = default)
    {
        var bin = PostgresBinaries.Find();
        var temporary = dataDirectory is null;
        dataDirectory = Path.GetFullPath(dataDirectory ?? Path.Combine(Path.GetTempPath(), "smp-pg-" + Guid.NewGuid().ToString("N")[..12]));
        var server = new PrivatePostgres(bin, dataDirectory, port == 0 ? LoopbackPorts.Free() : port, database, temporary);
        await server.StartAsync(settings ?? new Dictionary<string, string>(), log ?? TextWriter.Null, cancellationToken);
        return server;
    }

    private string SocketDirectory => Path.Combine(Path.GetTempPath(), $"smp-pg-sock-{Port}");

    private string LogFile => Path.Combine(DataDirectory, "server.log");

    private async Task StartAsync(IReadOnlyDictionary<string, string> settings, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(SocketDirectory);
        if (_asPostgresUser)
        {
            await ProcessRunner.RunAsync("chown", ["-R", "postgres:", DataDirectory, SocketDirectory], false, cancellationToken);
            try
            {
                await ProcessRunner.RunAsync("test", ["-w", DataDirectory], true, cancellationToken);
            }
            catch (PostgresUnavailableException)
            {
                throw new PostgresUnavailableException(
                    $"the postgres user cannot reach {DataDirectory} (initdb refuses root, so the cluster runs as postgres): "
                    + "let it through the folders above (chmod o+x on each) or choose a data folder elsewhere (Smp:DataDirectory).");
            }
        }

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            log.WriteLine($"Creating a PostgreSQL cluster in {DataDirectory} …");
            await RunAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], cancellationToken);
        }
        else if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            // Left running by a run that did not stop cleanly: stop it, then start it on our port.
            log.WriteLine("Stopping a PostgreSQL server left running in that folder …");
            try
            {
                await StopServerAsync(cancellationToken);
            }
            catch (PostgresUnavailableException)
            {
                // pg_ctl says no server is running there: the pid file is stale, and start will say so if not.
            }
        }

        var options = $"-p {Port} -k {SocketDirectory} -c listen_addresses=127.0.0.1"
            + string.Concat(settings.Select(s => $" -c {s.Key}={s.Value}"));
        log.WriteLine($"Starting PostgreSQL on 127.0.0.1:{Port} (log: {LogFile}) …");
        await RunAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-o", options, "-w", "-t", "60", "start"], cancellationToken);
        await CreateDatabaseAsync(cancellationToken);
    }

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task StopServerAsync(CancellationToken cancellationToken) =>
        await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);

    private Task<string> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(Path.Combine(_bin, program), arguments, _asPostgresUser, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopServerAsync(CancellationToken.None);
        Directory.Delete(SocketDirectory, recursive: true);
        if (_deleteOnDispose)
            Directory.Delete(DataDirectory, recursive: true);
    }
}
