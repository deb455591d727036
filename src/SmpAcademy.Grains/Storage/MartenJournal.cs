using JasperFx.Events;
using Marten;
using Marten.Exceptions;

namespace SmpAcademy.Grains.Storage;

/// <summary>
/// A grain's event log in one Marten stream: read it whole, or append with an optimistic version
/// check. A version conflict returns false (another writer got there first). An append that failed
/// in a way that may have committed anyway is checked against the stream's tail, so a retry never
/// appends the same events twice.
/// </summary>
public sealed class MartenJournal(IDocumentStore store)
{
    public async Task<IReadOnlyList<object>> ReadAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(stream, token: cancellationToken);
        return events.Select(e => e.Data).ToArray();
    }

    /// <param name="version">Events already in the stream, as the writer knows it.</param>
    public async Task<bool> AppendAsync(string stream, int version, IReadOnlyList<object> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return true;
        Exception failure;
        try
        {
            await using var session = store.LightweightSession();
            if (version == 0)
                session.Events.StartStream(stream, [.. events]);
            else
                session.Events.Append(stream, version + events.Count, [.. events]);
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (IsConflict(e))
        {
            return false;
        }
        catch (Exception e)
        {
            failure = e;
        }

        if (await LandedAnywayAsync(stream, version, events, cancellationToken))
            return true;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return false;
    }

    private static bool IsConflict(Exception e) =>
        e is JasperFx.ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException or ConcurrentUpdateException
        || (e.InnerException is { } inner && IsConflict(inner));

    private static string Json(object e) => System.Text.Json.JsonSerializer.Serialize(e, e.GetType());

    private async Task<bool> LandedAnywayAsync(string stream, int version, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.QuerySession();
            var state = await session.Events.FetchStreamStateAsync(stream, cancellationToken);
            if (state is null || state.Version != version + events.Count)
                return false;
            var tail = await session.Events.FetchStreamAsync(stream, fromVersion: version + 1, token: cancellationToken);
            // By JSON form: record equality compares list members (EarlierSessions…) by reference.
            return tail.Select(e => Json(e.Data)).SequenceEqual(events.Select(Json));
        }
        catch (Exception)
        {
            return false; // still unreachable: let the caller's retry find out later
        }
    }
}
