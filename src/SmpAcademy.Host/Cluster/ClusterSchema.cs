using Npgsql;

namespace SmpAcademy.Host.Cluster;

/// <summary>
/// The tables and stored queries of Orleans' ADO.NET clustering (ClusterSchema.sql), in a schema of their own.
/// Every silo applies them as it starts: the script is idempotent, and it runs in one transaction under a
/// transaction-scoped advisory lock, because concurrent CREATE TABLE IF NOT EXISTS can still collide when
/// several silos start at once.
/// </summary>
public static class ClusterSchema
{
    /// <summary>Arbitrary but fixed: "smp-orleans-schema" as a 64-bit key, shared by every SmpAcademy silo.</summary>
    private const long MigrationLock = 0x736D_705F_6F72_6C6E;

    public static string Script { get; } = LoadScript();

    /// <summary>The connection string the provider uses: the clustering schema first on the search path (its
    /// queries name tables unqualified), UTC sessions (it sends some times as timestamps without zone), and a name.</summary>
    public static string ConnectionString(string connectionString, string schema) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            SearchPath = schema,
            Timezone = "UTC",
            ApplicationName = new NpgsqlConnectionStringBuilder(connectionString).ApplicationName ?? "smp-orleans-membership",
        }.ConnectionString;

    public static async Task ApplyAsync(string connectionString, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var quoted = QuoteIdentifier(schema);
        await using (var command = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock({MigrationLock}); CREATE SCHEMA IF NOT EXISTS {quoted}; SET LOCAL search_path TO {quoted};",
            connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(Script, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string LoadScript()
    {
        using var stream = typeof(ClusterSchema).Assembly.GetManifestResourceStream("SmpAcademy.Host.Cluster.ClusterSchema.sql")
            ?? throw new InvalidOperationException("the clustering schema script is not embedded in the host");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
