using Npgsql;

namespace SmpAcademy.EventStore.Streams;

/// <summary>What a failed write means for the caller.</summary>
public enum WriteFailure
{
    /// <summary>The database answered with an error for the transaction: it rolled back, nothing was recorded.</summary>
    NotRecorded,

    /// <summary>The database refused the data itself (SQLSTATE class 22, e.g. a NUL in text): retrying cannot help.</summary>
    Unstorable,

    /// <summary>The connection failed or timed out mid-write: the transaction may have committed.</summary>
    MaybeRecorded,
}

public static class StoreFailures
{
    public static WriteFailure Classify(Exception exception) => Find<PostgresException>(exception) switch
    {
        { SqlState: var state } when state.StartsWith("22", StringComparison.Ordinal) => WriteFailure.Unstorable,
        not null => WriteFailure.NotRecorded,
        null when Find<StoreUnavailableException>(exception) is not null => WriteFailure.NotRecorded,
        null => WriteFailure.MaybeRecorded,
    };

    /// <summary>Failures that mean the database or the way to it is in trouble, not that a request was wrong.</summary>
    public static bool IsOutage(Exception exception) =>
        Find<PostgresException>(exception) is { } pg
            ? pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57", StringComparison.Ordinal)
              || pg.SqlState.StartsWith("53", StringComparison.Ordinal) || pg.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction
            : Find<NpgsqlException>(exception) is not null || Find<TimeoutException>(exception) is not null || Find<IOException>(exception) is not null
              || Find<System.Net.Sockets.SocketException>(exception) is not null;

    /// <summary>The database's own words when it gave any, else the innermost error's.</summary>
    public static string Describe(Exception exception) =>
        Find<PostgresException>(exception) is { } pg ? $"{pg.SqlState}: {pg.MessageText}" : (exception?.GetBaseException().Message ?? "");

    public static T? Find<T>(Exception? exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
                return found;
            if (e is AggregateException { InnerExceptions: [var first, ..] })
                return Find<T>(first);
        }

        return null;
    }
}

/// <summary>Thrown without touching the database while <see cref="StoreCircuit"/> is open: nothing was recorded.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
        : base("the event store is out of reach")
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
