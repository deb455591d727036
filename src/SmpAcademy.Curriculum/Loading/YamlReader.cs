using System.Globalization;
using SmpAcademy.Domain.Geometry;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SmpAcademy.Curriculum.Loading;

/// <summary>
/// Reads one YAML node while remembering where it is, so every complaint names the file, the path
/// and the line. A bad or missing value is reported and replaced by a placeholder, so one pass
/// finds every error; the caller discards the result if any was reported.
/// </summary>
internal sealed class YamlReader
{
    private readonly YamlNode? _node;
    private readonly List<CurriculumError> _errors;

    private YamlReader(string file, string path, YamlNode? node, List<CurriculumError> errors)
    {
        File = file;
        Path = path;
        _node = node;
        _errors = errors;
    }

    public string File { get; }

    public string Path { get; }

    public bool IsMissing => _node is null;

    public static YamlReader? Open(string file, string text, List<CurriculumError> errors)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1)
            {
                errors.Add(new CurriculumError(file, "", $"expected one YAML document, found {stream.Documents.Count}"));
                return null;
            }

            return new YamlReader(file, "", stream.Documents[0].RootNode, errors);
        }
        catch (YamlException e)
        {
            errors.Add(new CurriculumError(file, "", $"not valid YAML: {e.InnerException?.Message ?? e.Message}", (int)e.Start.Line));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, for some unterminated constructs.
            errors.Add(new CurriculumError(file, "", "not valid YAML: the file ends inside a list, mapping or quoted text (an unclosed bracket or quote?)"));
            return null;
        }
    }

    public void Error(string message) =>
        _errors.Add(new CurriculumError(File, Path, message, _node is null ? null : (int)_node.Start.Line));

    public YamlReader Optional(string key)
    {
        var path = Path.Length == 0 ? key : $"{Path}.{key}";
        if (_node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child))
            return new YamlReader(File, path, child, _errors);
        if (_node is not null and not YamlMappingNode)
            Error("expected a mapping (key: value)");
        return new YamlReader(File, path, null, _errors);
    }

    public YamlReader Required(string key)
    {
        var child = Optional(key);
        if (child.IsMissing && _node is YamlMappingNode)
            Error($"missing '{key}'");
        return child;
    }

    public bool Has(string key) => !Optional(key).IsMissing;

    public IEnumerable<string> Keys =>
        _node is YamlMappingNode map ? map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "") : [];

    public IReadOnlyList<YamlReader> Items(int minimum = 0)
    {
        if (_node is null)
            return [];
        if (_node is not YamlSequenceNode seq)
        {
            Error("expected a list");
            return [];
        }

        var items = seq.Children.Select((c, i) => new YamlReader(File, $"{Path}[{i}]", c, _errors)).ToArray();
        if (items.Length < minimum)
            Error($"expected at least {minimum} item(s), found {items.Length}");
        return items;
    }

    public string Text(string placeholder = "")
    {
        if (_node is null)
            return placeholder;
        if (_node is YamlScalarNode { Value: { Length: > 0 } value })
            return value;
        Error("expected a non-empty text");
        return placeholder;
    }

    public double Number(double min = double.MinValue, double max = double.MaxValue)
    {
        if (_node is null)
            return min > double.MinValue ? min : 0;
        if (_node is not YamlScalarNode { Value: { } text }
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            Error($"expected a number, found '{Describe()}'");
            return min > double.MinValue ? min : 0;
        }

        if (value < min || value > max)
            Error($"{value.ToString(CultureInfo.InvariantCulture)} is out of range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
        return value;
    }

    public int Integer(int min = int.MinValue, int max = int.MaxValue)
    {
        var value = Number(min, max);
        if (!IsMissing && value != Math.Floor(value))
            Error($"expected a whole number, found {value.ToString(CultureInfo.InvariantCulture)}");
        return (int)value;
    }

    public bool Boolean(bool placeholder = false)
    {
        if (_node is null)
            return placeholder;
        if (_node is YamlScalarNode { Value: "true" or "false" } s)
            return s.Value == "true";
        Error($"expected true or false, found '{Describe()}'");
        return placeholder;
    }

    /// <summary>An enum written in kebab case: <c>frontal-hairline</c> for <c>FrontalHairline</c>.</summary>
    public T Enum<T>(T placeholder)
        where T : struct, Enum
    {
        if (_node is null)
            return placeholder;
        var text = Text();
        foreach (var value in System.Enum.GetValues<T>())
        {
            if (string.Equals(Kebab(value.ToString()), text, StringComparison.Ordinal))
                return value;
        }

        Error($"'{text}' is not one of: {string.Join(", ", System.Enum.GetValues<T>().Select(v => Kebab(v.ToString())))}");
        return placeholder;
    }

    public Point Point()
    {
        var xy = Items();
        if (IsMissing || xy.Count == 0)
            return default;
        if (xy.Count != 2)
        {
            Error($"a point is [x, y]; found {xy.Count} number(s)");
            return default;
        }

        return new Point(xy[0].Number(), xy[1].Number());
    }

    public IReadOnlyList<Point> Points(int minimum) => Items(minimum).Select(i => i.Point()).ToArray();

    public string Describe() => _node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "nothing",
    };

    public bool IsNumber => _node is YamlScalarNode { Value: { } v, Style: ScalarStyle.Plain }
        && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    public bool IsMapping => _node is YamlMappingNode;

    public bool IsSequence => _node is YamlSequenceNode;

    /// <summary>FrontalHairline → frontal-hairline; all-capital names (Roman numerals) stay as they are.</summary>
    internal static string Kebab(string pascal) =>
        pascal.All(char.IsUpper)
            ? pascal
            : string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
