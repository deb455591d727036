using Marten;
using Weasel.Postgresql;

namespace SmpAcademy.EventStore.Streams;

/// <summary>
/// Fails database calls fast while the database is out of reach, instead of letting each one wait for its own
/// timeout (a stopped server answers nothing, so every call would wait seconds). After an outage-like failure
/// the circuit is open: calls are refused without trying; every <see cref="OpenFor"/> one call is let through
/// as a probe, and the first call the database answers closes the circuit. Every outage also empties the
/// connection pool, so connections opened in a bad spell (a read-only server, a restarted one) are not reused.
/// Readiness reads <see cref="Failing"/>.
/// </summary>
public sealed class StoreCircuit(IDocumentStore store, TimeProvider clock)
{
    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(1);

    /// <summary>A probe that never reports back (its caller gave up) stops blocking others after this.</summary>
    private static readonly TimeSpan ProbeLease = TimeSpan.FromSeconds(15);

    private readonly Lock _lock = new();
    private bool _open;
    private DateTimeOffset _nextProbe = DateTimeOffset.MinValue;
    private DateTimeOffset _probeUntil = DateTimeOffset.MinValue;
    private string _reason = "";

    /// <summary>Why the database is out of reach, or null when calls go through.</summary>
    public string? Failing
    {
        get
        {
            lock (_lock)
                return _open ? _reason : null;
        }
    }

    /// <summary>Throws <see cref="StoreUnavailableException"/> while the circuit is open, except for the one call let through to probe.</summary>
    public void ThrowIfOpen()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (!_open || (now >= _nextProbe && now >= _probeUntil))
            {
                if (_open)
                    _probeUntil = now + ProbeLease;
                return;
            }

            throw new StoreUnavailableException($"the event store is out of reach ({_reason}); nothing was sent to it");
        }
    }

    /// <summary>The database answered: the circuit closes.</summary>
    public void Succeeded()
    {
        lock (_lock)
            (_open, _probeUntil) = (false, DateTimeOffset.MinValue);
    }

    /// <summary>Records a failed database call; true when it was an outage (the circuit opens and the pool is emptied).</summary>
    public bool Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is StoreUnavailableException)
            return true;
        if (!StoreFailures.IsOutage(exception))
        {
            Succeeded(); // an error the database itself sent (a conflict, bad data): it is reachable
            return false;
        }

        lock (_lock)
        {
            var now = clock.GetUtcNow();
            (_open, _nextProbe, _probeUntil, _reason) = (true, now + OpenFor, DateTimeOffset.MinValue, StoreFailures.Describe(exception));
        }

        (store.Storage.Database as PostgresqlDatabase)?.DataSource.Clear();
        return true;
    }
}
