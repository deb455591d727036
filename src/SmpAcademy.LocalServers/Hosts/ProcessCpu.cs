using System.Globalization;

namespace SmpAcademy.LocalServers.Hosts;

/// <summary>CPU time of processes by name, from Linux /proc: how load runs and cluster tests charge PostgreSQL's share.</summary>
public static class ProcessCpu
{
    /// <summary>User + system time of every process named <c>postgres</c> so far (NaN where there is no /proc).</summary>
    public static TimeSpan Postgres() => Named("postgres");

    public static TimeSpan Named(string name)
    {
        if (!OperatingSystem.IsLinux())
            return TimeSpan.FromSeconds(double.NaN);
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => char.IsDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (stat[(open + 1)..close] != name)
                    continue;
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // a process that ended while we looked
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
    }
}
