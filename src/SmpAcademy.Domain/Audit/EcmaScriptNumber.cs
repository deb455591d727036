using System.Globalization;

namespace SmpAcademy.Domain.Audit;

/// <summary>ECMAScript Number::toString for finite doubles, the number form RFC 8785 prescribes.</summary>
internal static class EcmaScriptNumber
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
            throw new NotSupportedException("JSON has no form for NaN or infinity");
        if (value == 0)
            return "0"; // also for -0, as ECMAScript does
        var (digits, n) = ShortestDigits(Math.Abs(value));
        var sign = value < 0 ? "-" : "";
        var k = digits.Length;
        if (k <= n && n <= 21)
            return sign + digits + new string('0', n - k);
        if (0 < n && n <= 21)
            return sign + digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0)
            return sign + "0." + new string('0', -n) + digits;
        var exponent = n - 1;
        var exponentText = (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        return k == 1
            ? sign + digits + "e" + exponentText
            : sign + digits[..1] + "." + digits[1..] + "e" + exponentText;
    }

    /// <summary>
    /// The shortest digit string s and exponent n with value = 0.s × 10^n, taken from .NET's round-trip
    /// formatting (shortest round-trippable since .NET Core 3.0, the same digits ECMAScript chooses).
    /// </summary>
    private static (string Digits, int N) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var n = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        return (digits[leadingZeros..].TrimEnd('0'), n - leadingZeros);
    }
}
