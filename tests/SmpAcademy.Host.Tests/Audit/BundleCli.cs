namespace SmpAcademy.Host.Tests.Audit;

/// <summary>Runs <c>smp audit verify</c>, command line parsed as the CLI parses it, on a bundle saved to a file (deleted after), as an auditor would.</summary>
public static class BundleCli
{
    /// <returns>Its exit code, whether it printed VERIFIED, and all it printed.</returns>
    public static (int Code, bool Verified, string Output) Verify(byte[] bundle, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"smp-bundle-{Guid.NewGuid():N}.zip");
        try
        {
            File.WriteAllBytes(file, bundle);
            using var output = new StringWriter();
            var code = SmpAcademy.Cli.Commands.SmpCommandLine.InvokeAsync(["audit", "verify", file, .. options], output, output).GetAwaiter().GetResult();
            var printed = output.ToString();
            return (code, printed.StartsWith("VERIFIED:", StringComparison.Ordinal) || printed.Contains("\nVERIFIED:", StringComparison.Ordinal), printed);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
