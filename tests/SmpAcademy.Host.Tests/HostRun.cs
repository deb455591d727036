using System.Diagnostics;
using SmpAcademy.LocalServers.Hosts;

namespace SmpAcademy.Host.Tests;

/// <summary>The host as a newcomer runs it, a process of its own (the SmpAcademy.Host.dll built with these tests), for start-up refusals.</summary>
internal static class HostRun
{
    /// <summary>Runs it with these settings and arguments until it exits by itself: its exit code and everything it printed.</summary>
    public static Task<(int Code, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments) =>
        RunTypingAsync(settings, input: "", arguments);

    /// <summary>As above, with this typed on its standard input.</summary>
    public static async Task<(int Code, string Output)> RunTypingAsync(IReadOnlyDictionary<string, string> settings, string input, params string[] arguments)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "SmpAcademy.Host.dll");
        var start = HostStartInfo.For(hostDll, settings, HostPorts.Free(), arguments);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the host did not stop by itself within 90 s: it started where it should have refused to");
        }

        return (process.ExitCode, await output + await error);
    }
}
