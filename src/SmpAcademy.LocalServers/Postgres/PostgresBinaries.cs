namespace SmpAcademy.LocalServers.Postgres;

/// <summary>Finds the PostgreSQL server programs installed on this machine.</summary>
public static class PostgresBinaries
{
    /// <summary>$SMP_POSTGRES_BIN, else the newest /usr/lib/postgresql/N/bin (Debian), else initdb on PATH.</summary>
    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable("SMP_POSTGRES_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new PostgresUnavailableException($"SMP_POSTGRES_BIN={configured} holds no initdb");
        }

        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            var newest = Directory.EnumerateDirectories(Debian)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
                return newest.Dir;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "initdb")))
                return dir;
        }

        throw new PostgresUnavailableException(
            "PostgreSQL server programs (initdb, pg_ctl) were not found. Install them with `apt-get install postgresql` "
            + "(the README's commands do), point SMP_POSTGRES_BIN at their folder, or give a connection string.");
    }
}

public sealed class PostgresUnavailableException(string message) : Exception(message);
