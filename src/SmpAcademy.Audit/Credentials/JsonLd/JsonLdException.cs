namespace SmpAcademy.Audit.Credentials.JsonLd;

/// <summary>
/// A document this JSON-LD processor refuses, with the JSON-LD 1.1 error code (or "unsupported feature" for the
/// parts of JSON-LD the credentials here never use). Expansion is in safe mode: what a lenient processor would
/// silently drop, a relative IRI or an undefined term, is an error, since dropped data is data a signature would not cover.
/// </summary>
public sealed class JsonLdException(string code, string message) : FormatException($"{code}: {message}")
{
    public string Code { get; } = code;
}
