using System.Globalization;

namespace SmpAcademy.Benchmarks;

/// <summary>The <c>--name value</c> options of the hand-timed benchmarks (append, verify, checkpoint).</summary>
public static class BenchmarkArgs
{
    public static string? Text(string[] args, string name)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int Number(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
