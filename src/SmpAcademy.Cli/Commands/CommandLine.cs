using System.Globalization;
using SmpAcademy.Curriculum.Loading;

namespace SmpAcademy.Cli.Commands;

/// <summary>Just enough argument parsing: positional words, then --name value options.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new UsageException($"option {args[i]} needs a value");
                _options[args[i][2..]] = args[++i];
            }
            else
            {
                words.Add(args[i]);
            }
        }

        Words = words;
    }

    public IReadOnlyList<string> Words { get; }

    public string Text(string name, string fallback) => _options.GetValueOrDefault(name, fallback);

    public double Number(string name, double fallback) =>
        !_options.TryGetValue(name, out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
        : throw new UsageException($"--{name} must be a number, not '{text}'");

    public int WholeNumber(string name, int fallback)
    {
        var value = Number(name, fallback);
        return value == Math.Floor(value) && value is >= 0 and <= int.MaxValue
            ? (int)value
            : throw new UsageException($"--{name} must be a whole number ≥ 0");
    }

    /// <summary>The curriculum folder: --curriculum, else SMP_CURRICULUM, else the nearest curriculum/ above here.</summary>
    public string CurriculumDirectory() => CurriculumLocator.Find(Text("curriculum", ""));
}

public sealed class UsageException(string message) : Exception(message);
