using System.Diagnostics;

namespace SmpAcademy.LocalServers.Postgres;

/// <summary>Runs a program to completion, as the postgres user when we are root (initdb refuses root).</summary>
internal static class ProcessRunner
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, bool asPostgresUser, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgresUser ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
                start.ArgumentList.Add(a);
        }

        foreach (var a in arguments)
            start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new PostgresUnavailableException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = (await output) + (await error);
        return process.ExitCode == 0
            ? text
            : throw new PostgresUnavailableException($"{Path.GetFileName(program)} {string.Join(' ', start.ArgumentList)} failed (exit {process.ExitCode}):\n{text}");
    }
}
