namespace SmpAcademy.Host.Problems;

/// <summary>
/// The client's key for a state-changing request (RFC draft "The Idempotency-Key HTTP Header Field"): a retry
/// with the same key and body is answered as the first time and records nothing new. The grains check its form
/// and remember every key in the stream, so this holds across reactivations and restarts.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    public static string? Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Headers.TryGetValue(Header, out var values) ? values.ToString() : null;
    }
}
