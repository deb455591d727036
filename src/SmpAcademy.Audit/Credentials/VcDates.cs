using System.Globalization;
using System.Text.RegularExpressions;

namespace SmpAcademy.Audit.Credentials;

/// <summary>Date-times as VC 2.0 writes them (XML Schema dateTimeStamp): always with a time zone, written in UTC.</summary>
internal static partial class VcDates
{
    private const string UtcSeconds = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(UtcSeconds, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null
            && DateTimeStamp().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    // A zone is required: a date-time without one means different instants to different verifiers.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeStamp();
}
