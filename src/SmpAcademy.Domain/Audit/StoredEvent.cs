using System.Globalization;

namespace SmpAcademy.Domain.Audit;

/// <summary>
/// One event as PostgreSQL holds it, a row of <c>mt_events</c>: every column an auditor reads or a decision uses.
/// <paramref name="Data"/> and <paramref name="Headers"/> are the JSON text as stored; the headers carry the
/// event's link (<see cref="ChainSchemes.HashHeader"/>), the scheme it was made with, and who acted.
/// </summary>
public sealed record StoredEvent(string Stream, long Version, Guid Id, string Type, DateTimeOffset Timestamp, string Tenant, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Headers)
{
    /// <summary>PostgreSQL keeps microseconds: a time is truncated to them before it is hashed or stored.</summary>
    public static DateTimeOffset StorableTime(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>The timestamp as the chain covers it: UTC, microseconds.</summary>
    public string TimestampText => Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Who recorded it, as scheme 2 records it in the headers; null before (scheme 1), where nobody was recorded.</summary>
    public Certification.Provenance? Provenance
    {
        get
        {
            using var headers = ChainSchemes.ParseHeaders(Headers);
            return Actor.ProvenanceOf(headers?.RootElement ?? default);
        }
    }
}
