using System.Globalization;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Domain.Audit;

/// <summary>
/// Values PostgreSQL stores exactly as they were hashed and scored. It refuses a NUL in text (and the grain
/// would otherwise be told "unstorable" only after trying), and it turns −0 into 0, which would make an
/// honest history fail verification for ever. So text with NUL, other control characters (tab and newlines
/// aside: annotations have lines) or lone surrogates is refused at the door, and −0 is read as 0 before
/// scoring and hashing: a position or score of −0 means nothing that 0 does not.
/// </summary>
public static class StoredValues
{
    /// <summary>The same number, with −0 as 0 (IEEE: −0 + 0 = +0; every other value is unchanged).</summary>
    public static double PositiveZero(double value) => value + 0.0;

    public static double? PositiveZero(double? value) => value is { } v ? v + 0.0 : null;

    /// <summary>What makes the text unstorable, in words; null when it is fine.</summary>
    public static string? TextProblem(string? text)
    {
        for (var i = 0; text is not null && i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
                return $"a NUL character at position {i}";
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                return string.Create(CultureInfo.InvariantCulture, $"a control character (U+{(int)c:X4}) at position {i}");
            if (char.IsHighSurrogate(c) && (i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])))
                return $"a lone surrogate at position {i}";
            if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
                return $"a lone surrogate at position {i}";
        }

        return null;
    }

    /// <summary>
    /// The longest free text (a reason, an annotation, a comment) in UTF-16 code units: every timeline read hands it
    /// back, so one caller's essay must not weigh on everyone's reads. Ids are capped shorter by their own rules.
    /// </summary>
    public const int MaxTextLength = 2_000;

    /// <summary>A refusal naming the field when its text is too long or cannot be stored faithfully.</summary>
    public static Refusal? CheckText(string field, string? text) =>
        text?.Length > MaxTextLength
            ? Refusal.BadInput("text-too-long", string.Create(CultureInfo.InvariantCulture, $"{field} is {text.Length:N0} characters long; at most {MaxTextLength:N0}"))
            : TextProblem(text) is { } problem
            ? Refusal.BadInput("bad-text", $"{field} holds {problem}; text may not contain NUL or other control characters (tab and newlines aside) or lone surrogates")
            : null;
}
