namespace SmpAcademy.Grains.Contracts;

/// <summary>
/// A grain could not read its stream because the event store is out of reach: nothing was answered or
/// recorded. Hosts answer it as 503 "unavailable" (HTTP) or "unavailable: …" (hubs); retrying is safe.
/// </summary>
[GenerateSerializer, Alias("smp.EventStoreUnavailable")]
public sealed class EventStoreUnavailableException : Exception
{
    public EventStoreUnavailableException()
        : base("the event store is out of reach")
    {
    }

    public EventStoreUnavailableException(string message)
        : base(message)
    {
    }

    public EventStoreUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
