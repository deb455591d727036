using Microsoft.Extensions.Configuration;

namespace SmpAcademy.Host.Tests;

/// <summary>Settings as a test writes them: key and value pairs, a later pair replacing an earlier one with the same key.</summary>
internal static class TestSettings
{
    public static IConfiguration Of(params (string Key, string? Value)[] pairs)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs)
            values[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
