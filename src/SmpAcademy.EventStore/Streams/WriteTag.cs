using JasperFx.Events;

namespace SmpAcademy.EventStore.Streams;

/// <summary>
/// How a retried request is recognised: the client's idempotency key, a digest of what it asked for, and how
/// many events it wrote. Recorded in the headers of the request's first event, so it survives reactivations
/// and restarts: a grain rebuilding from its stream knows every key it has already answered.
/// </summary>
public sealed record WriteTag(string Key, string Request, int Events)
{
    public const string KeyHeader = "idempotency-key";
    public const string RequestHeader = "request";
    public const string EventsHeader = "request-events";

    public void AddTo(IDictionary<string, object> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers[KeyHeader] = Key;
        headers[RequestHeader] = Request;
        headers[EventsHeader] = Events;
    }

    /// <summary>The tag a stored event carries, if it was the first of a keyed request.</summary>
    public static WriteTag? ReadFrom(IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.GetHeader(KeyHeader)?.ToString() is not { Length: > 0 } key)
            return null;
        var count = int.TryParse(e.GetHeader(EventsHeader)?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 1;
        return new WriteTag(key, e.GetHeader(RequestHeader)?.ToString() ?? "", count);
    }
}
