using System.Diagnostics;
using System.Text;

namespace SmpAcademy.Testing;

/// <summary>
/// The npm reference implementations and third-party tools in tests/interop (installed by infra/dev/test.sh with
/// <c>npm ci</c>), run by Node: a test that needs one fails loudly when it is missing, never skips.
/// </summary>
internal static class Interop
{
    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "tests", "interop");

    /// <summary>Fails the test unless the package is installed.</summary>
    public static void Require(string package)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", package)))
            Assert.Fail($"npm package {package} is not installed: run infra/dev/test.sh, or `npm ci` in {Directory}");
    }

    /// <summary>Runs <c>node</c> with these arguments in tests/interop (a script there, or a package's bin file); its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> NodeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node", arguments)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output, await errors);
    }
}
