using System.Diagnostics;
using Npgsql;
using SmpAcademy.LocalServers.Postgres;

namespace SmpAcademy.Host.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of the test's own (a <see cref="PrivatePostgres"/> in a temporary folder), so it can be
/// killed, stopped, frozen and made read-only under a running host. fsync and full-page writes are off (only a
/// machine crash would need them), but commits stay synchronous: an acknowledged commit must survive a SIGKILL.
/// Faults are applied with pg_ctl (as the postgres user when root), signals and SQL from non-pooled connections.
/// </summary>
internal sealed class FaultDatabase : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["fsync"] = "off",
        ["full_page_writes"] = "off",
    };

    private readonly PrivatePostgres _server;
    private readonly string _bin = PostgresBinaries.Find();
    private readonly List<int> _frozen = [];

    private FaultDatabase(PrivatePostgres server) => _server = server;

    public string DataDirectory => _server.DataDirectory;

    /// <summary>For the host: pooled, as the host would use it.</summary>
    public string ConnectionString => _server.ConnectionString;

    /// <summary>For the test: a connection of its own each time (a pool would hold connections the faults kill), writable
    /// even while the cluster's default is read-only.</summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder(_server.ConnectionString)
    {
        Pooling = false,
        Timeout = 5,
        CommandTimeout = 10,
        ApplicationName = "smp-fault-injector",
        Options = "-c default_transaction_read_only=off",
    }.ConnectionString;

    public string Database => new NpgsqlConnectionStringBuilder(_server.ConnectionString).Database!;

    private string SocketDirectory => Path.Combine(Path.GetTempPath(), $"smp-pg-sock-{_server.Port}");

    private string ServerOptions => $"-p {_server.Port} -k {SocketDirectory} -c listen_addresses=127.0.0.1"
        + string.Concat(Settings.Select(s => $" -c {s.Key}={s.Value}"));

    public static async Task<FaultDatabase> StartAsync() =>
        new(await PrivatePostgres.StartAsync(settings: Settings, log: TestContext.Progress));

    /// <summary>SIGKILL of the postmaster and of every process it had forked (left running, still attached to its shared
    /// memory, they would keep a new postmaster from starting on the same folder); then a start on the same folder.</summary>
    public async Task KillAndStartAsync()
    {
        var postmaster = RunningPostmaster();
        await PostgresProcesses.SignalAsync("STOP", postmaster); // forks no more while its children are listed
        int[] all = [postmaster, .. PostgresProcesses.ChildrenOf(postmaster)];
        await PostgresProcesses.SignalAsync("KILL", all);
        await PostgresProcesses.WaitDeadAsync(all, TimeSpan.FromSeconds(10));

        // Dead but not yet reaped (this machine's init reaps orphans late), the postmaster still holds its pid, and
        // PostgreSQL would take its lock files for a running server's: remove them, as PostgreSQL does once the pid is free.
        if (PostgresProcesses.Exists(postmaster))
        {
            File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
            File.Delete(Path.Combine(SocketDirectory, $".s.PGSQL.{_server.Port}.lock"));
        }

        await StartServerAsync();
    }

    public Task RestartFastAsync() => PgCtlAsync("-m", "fast", "-o", ServerOptions, "restart");

    public Task StopAsync() => PgCtlAsync("-m", "fast", "stop");

    public Task StartServerAsync() => PgCtlAsync("-o", ServerOptions, "start");

    /// <summary>pg_terminate_backend on every other session of the database; how many it ended.</summary>
    public async Task<int> TerminateBackendsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()",
            connection);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Cluster-wide default through postgresql.auto.conf and a reload: every session, pooled or new, follows it
    /// at its next transaction, and follows the reset back.</summary>
    /// <remarks>pg_reload_conf only signals the postmaster, which then signals every backend: the fault is in effect once a
    /// new session sees the setting (the postmaster has reloaded and signalled its children), plus a moment for delivery.</remarks>
    public async Task SetReadOnlyAsync(bool on)
    {
        await ExecuteAsync(
            on ? "ALTER SYSTEM SET default_transaction_read_only = on" : "ALTER SYSTEM RESET default_transaction_read_only",
            "SELECT pg_reload_conf()");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = await OpenAsync();
            await using var show = new NpgsqlCommand("SHOW default_transaction_read_only", connection);
            if ((string?)await show.ExecuteScalarAsync() == (on ? "on" : "off"))
                break;
            await Task.Delay(20);
        }

        await Task.Delay(200);
    }

    /// <summary>Read-only as the database's setting: only sessions that start after it take it, and keep it for their
    /// life (a reset, even DISCARD ALL, goes back to it). Ending every backend makes the host's pool reconnect
    /// into it, as after a failover onto a standby; the reset is seen only by sessions started after it.</summary>
    public async Task SetReadOnlyForNewSessionsAsync(bool on)
    {
        var quoted = "\"" + Database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await ExecuteAsync(on ? $"ALTER DATABASE {quoted} SET default_transaction_read_only = on" : $"ALTER DATABASE {quoted} RESET default_transaction_read_only");
        if (on)
            await TerminateBackendsAsync();
    }

    /// <summary>SIGSTOP of the postmaster (first, so it forks no more) and of all its children: connections are still
    /// accepted by the kernel, then hang, as with a server that is swapping or a network that drops packets.</summary>
    public async Task FreezeAsync()
    {
        var postmaster = RunningPostmaster();
        _frozen.Add(postmaster);
        await PostgresProcesses.SignalAsync("STOP", postmaster);
        var children = PostgresProcesses.ChildrenOf(postmaster);
        _frozen.AddRange(children);
        await PostgresProcesses.SignalAsync("STOP", children);
    }

    public async Task ThawAsync()
    {
        await PostgresProcesses.SignalAsync("CONT", [.. _frozen]);
        _frozen.Clear();
    }

    private int RunningPostmaster() => PostgresProcesses.Postmaster(DataDirectory) ?? throw new InvalidOperationException("no postmaster is running");

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The end of the server's log, for a failure message.</summary>
    public string LogTail(int lines = 40)
    {
        var log = Path.Combine(DataDirectory, "server.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(lines)) : "(no server log)";
    }

    private async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = await OpenAsync();
        foreach (var sql in statements) // one by one: ALTER SYSTEM may not run in the implicit transaction of a batch
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task PgCtlAsync(params string[] arguments)
    {
        var root = Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? "runuser" : Path.Combine(_bin, "pg_ctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] asPostgres = root ? ["-u", "postgres", "--", Path.Combine(_bin, "pg_ctl")] : [];
        foreach (var a in (string[])[.. asPostgres, "-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-w", "-t", "60", .. arguments])
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}\n{LogTail()}");
    }

    /// <summary>Thaws first (a stopped process ignores SIGTERM), stops the server, kills what is left, deletes the folders.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ThawAsync();
            NpgsqlConnection.ClearAllPools();
            try
            {
                await PgCtlAsync("-m", "immediate", "stop");
            }
            catch (InvalidOperationException)
            {
                // not running (a fault left it down)
            }

            if (PostgresProcesses.Postmaster(DataDirectory) is { } postmaster)
            {
                int[] left = [postmaster, .. PostgresProcesses.ChildrenOf(postmaster)];
                await PostgresProcesses.SignalAsync("KILL", left);
                await PostgresProcesses.WaitDeadAsync(left, TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            foreach (var folder in new[] { DataDirectory, SocketDirectory }.Where(Directory.Exists))
                Directory.Delete(folder, recursive: true);
        }
    }
}
