using Marten;
using Marten.Exceptions;
using Npgsql;

namespace SmpAcademy.EventStore;

/// <summary>
/// Makes Marten create a feature's tables before raw SQL reads them (raw SQL does not make Marten create anything).
/// Hosts of a cluster start together on an empty schema and would each create the same tables: the one that loses
/// that race (a "relation already exists" error) tries again, and then finds them there.
/// </summary>
public static class StorageReady
{
    private const int Attempts = 5;

    public static async Task EnsureAsync(IDocumentStore store, Type feature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.Storage.Database.EnsureStorageExistsAsync(feature, cancellationToken);
                return;
            }
            catch (MartenSchemaException e) when (attempt < Attempts && LostRace(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken); // another host is creating them
            }
        }
    }

    private static bool LostRace(MartenSchemaException e) => e.InnerException is PostgresException
    {
        // InvalidSchemaName: the schema another host is creating in a transaction not yet committed is not there for
        // this one's next statement; "tuple concurrently updated": two hosts replaced the same function at once (both
        // seen on a loaded CI machine). Once the other commits, a retry finds everything.
        SqlState: PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.DuplicateFunction
            or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema or PostgresErrorCodes.InvalidSchemaName,
    } || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.InternalError, MessageText: "tuple concurrently updated" };
}
