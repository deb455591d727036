using Marten;
using Npgsql;

namespace SmpAcademy.Host.Accounts;

/// <summary>
/// A session-level PostgreSQL advisory lock, on its own connection, for changes that could remove the last enabled
/// admin: every host's such changes take turns while it is held, and it is released when disposed.
/// </summary>
public sealed class AdminChangeTurn : IAsyncDisposable
{
    // Any fixed number, unique to this use among the platform's advisory locks.
    private const long Key = 0x534D_5041_444D_494E; // "SMPADMIN"

    private readonly NpgsqlConnection _connection;

    private AdminChangeTurn(NpgsqlConnection connection) => _connection = connection;

    public static async Task<AdminChangeTurn> TakeAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", Key);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new AdminChangeTurn(connection);
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the connection releases its session locks; unlocking first returns it to the pool clean.
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection))
        {
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }
}
