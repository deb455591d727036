using System.Diagnostics;
using System.Globalization;
using SmpAcademy.EventStore.LocalDatabase;

namespace SmpAcademy.Host.Tests;

/// <summary>The host as a newcomer runs it, a process of its own (the SmpAcademy.Host.dll built with these tests), for start-up refusals.</summary>
internal static class HostProcess
{
    /// <summary>Runs it with these settings and arguments until it exits by itself: its exit code and everything it printed.</summary>
    public static Task<(int Code, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments) =>
        RunTypingAsync(settings, input: "", arguments);

    /// <summary>As above, with this typed on its standard input.</summary>
    public static async Task<(int Code, string Output)> RunTypingAsync(IReadOnlyDictionary<string, string> settings, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SmpAcademy.Host.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // Other fixtures in this test process set host settings in its environment (TestHost): none of them is this host's.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Smp__", StringComparison.Ordinal) || k.StartsWith("Orleans__", StringComparison.Ordinal)
                     || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("Auth__", StringComparison.Ordinal)).ToArray())
            start.Environment.Remove(inherited);
        foreach (var (name, value) in settings)
            start.Environment[name] = value;
        start.Environment["Orleans__SiloPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
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
