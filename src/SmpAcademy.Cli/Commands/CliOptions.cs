using System.CommandLine;
using System.Globalization;
using SmpAcademy.Curriculum.Loading;

namespace SmpAcademy.Cli.Commands;

/// <summary>Typed options whose bad values are a one-line parse error naming the option, never an exception.</summary>
public static class CliOptions
{
    /// <summary>--curriculum DIR, on every command that reads the curriculum.</summary>
    public static Option<string> Curriculum() => new("--curriculum")
    {
        Description = "the curriculum folder (default: $SMP_CURRICULUM, else the nearest curriculum/ folder)",
        HelpName = "DIR",
        DefaultValueFactory = _ => "",
    };

    /// <summary>The folder <see cref="Curriculum"/> names, or the default one.</summary>
    public static string CurriculumDirectory(this ParseResult result, Option<string> option) => CurriculumLocator.Find(result.GetValue(option));

    public static Option<int> Whole(string name, string description, int fallback, int min = 0) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => fallback,
        CustomParser = r => int.TryParse(r.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : Refuse<int>(r, $"{name} is a whole number ≥ {min}, not '{r.Tokens[0].Value}'"),
    };

    /// <summary>A whole number that may be left out (null then).</summary>
    public static Option<int?> Count(string name, string description, int min = 1) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = r => int.TryParse(r.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : Refuse<int?>(r, $"{name} is a whole number ≥ {min}, not '{r.Tokens[0].Value}'"),
    };

    /// <param name="orMin">Whether <paramref name="min"/> itself is allowed.</param>
    public static Option<double?> Number(string name, string description, double min, string helpName = "X", bool orMin = false) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = r => double.TryParse(r.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && (value > min || (orMin && value == min))
            ? value
            : Refuse<double?>(r, $"{name} is a number {(orMin ? "≥" : ">")} {min.ToString(CultureInfo.InvariantCulture)}, not '{r.Tokens[0].Value}'"),
    };

    /// <summary>A switch: present or not, taking no value.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>An option that takes one of a few words.</summary>
    public static Option<string> Choice(string name, string description, params string[] words)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => words[0] };
        option.AcceptOnlyFromAmong(words);
        return option;
    }

    /// <summary>An Ed25519 public key in hex (64 digits), or empty when not given.</summary>
    public static Option<string> Key(string description) => new("--key")
    {
        Description = description,
        HelpName = "HEX",
        DefaultValueFactory = _ => "",
        CustomParser = r => r.Tokens[0].Value is { Length: 64 } hex && hex.All(Uri.IsHexDigit)
            ? hex
            : Refuse<string>(r, "--key is the platform's Ed25519 public key: 64 hex digits, as GET /api/audit/public-key gives it"),
    };

    public static Option<string> Text(string name, string description, string helpName, string fallback = "") => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => fallback,
    };

    private static T Refuse<T>(System.CommandLine.Parsing.ArgumentResult result, string error)
    {
        result.AddError(error);
        return default!;
    }
}
