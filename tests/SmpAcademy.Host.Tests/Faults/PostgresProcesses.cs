using System.Diagnostics;
using System.Globalization;

namespace SmpAcademy.Host.Tests.Faults;

/// <summary>
/// The processes of one PostgreSQL cluster, found through /proc: the postmaster (first line of postmaster.pid in its
/// data folder) and its children (backends, checkpointer, walwriter…). Each child is a process group of its own
/// (PostgreSQL calls setsid in every child), so they are found by parent, with the postmaster stopped first so that
/// it forks no more. Signals go through kill(1); root may signal the postgres user's processes.
/// </summary>
internal static class PostgresProcesses
{
    /// <summary>The postmaster's pid, if its pid file names a live process.</summary>
    public static int? Postmaster(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(file))
            return null;
        var first = File.ReadLines(file).FirstOrDefault();
        return int.TryParse(first, CultureInfo.InvariantCulture, out var pid) && IsAlive(pid) ? pid : null;
    }

    /// <summary>The live postgres processes whose parent is <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { State: not ('Z' or 'X'), Parent: var p } && p == parent && IsPostgres(pid))
                children.Add(pid);
        }

        return children;
    }

    /// <summary>Running (or stopped), not gone and not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid) => Stat(pid) is { State: not ('Z' or 'X') };

    /// <summary>Still in the process table, alive or as a zombie (which PostgreSQL would take for a running postmaster).</summary>
    public static bool Exists(int pid) => Stat(pid) is not null;

    public static async Task SignalAsync(string signal, params IReadOnlyCollection<int> pids)
    {
        if (pids.Count == 0)
            return;
        var start = new ProcessStartInfo("kill") { RedirectStandardError = true, RedirectStandardOutput = true, ArgumentList = { "-" + signal, "--" } };
        foreach (var pid in pids)
            start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(start)!;
        await kill.StandardError.ReadToEndAsync(); // "no such process": it exited meanwhile, nothing to do
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits until none of <paramref name="pids"/> is alive.</summary>
    public static async Task WaitDeadAsync(IReadOnlyCollection<int> pids, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (pids.Where(IsAlive).ToList() is { Count: > 0 } left)
        {
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"postgres processes {string.Join(' ', left)} still alive after {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static (char State, int Parent)? Stat(int pid)
    {
        try
        {
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
