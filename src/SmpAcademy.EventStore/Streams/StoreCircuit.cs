using Marten;
using Weasel.Postgresql;

namespace SmpAcademy.EventStore.Streams;

/// <summary>
/// Fails writes fast while the database is out of reach, instead of letting each one wait for its own
/// timeout: after an outage-like failure, appends are refused for <see cref="OpenFor"/> without trying, then
/// one is let through to probe. Every outage also empties the connection pool, so connections opened in a bad
/// spell (a read-only server, a restarted one) are not reused after it. Readiness reads <see cref="Failing"/>.
/// </summary>
public sealed class StoreCircuit(IDocumentStore store, TimeProvider clock)
{
    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _lastSuccess = DateTimeOffset.MinValue;
    private (DateTimeOffset At, string Reason)? _lastOutage;

    /// <summary>The last write failed for an outage and none has succeeded since: why, or null when writes go through.</summary>
    public string? Failing
    {
        get
        {
            lock (_lock)
                return _lastOutage is { } outage && outage.At > _lastSuccess ? outage.Reason : null;
        }
    }

    public void ThrowIfOpen()
    {
        lock (_lock)
        {
            if (clock.GetUtcNow() < _openUntil)
                throw new StoreUnavailableException($"the event store is out of reach ({_lastOutage?.Reason}); nothing was recorded");
        }
    }

    public void Succeeded()
    {
        lock (_lock)
            _lastSuccess = clock.GetUtcNow();
    }

    /// <summary>Records a failed database call; true when it was an outage (the circuit opens and the pool is emptied).</summary>
    public bool Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is StoreUnavailableException || !StoreFailures.IsOutage(exception))
            return false;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            _openUntil = now + OpenFor;
            _lastOutage = (now, exception.GetBaseException().Message);
        }

        (store.Storage.Database as PostgresqlDatabase)?.DataSource.Clear();
        return true;
    }
}
