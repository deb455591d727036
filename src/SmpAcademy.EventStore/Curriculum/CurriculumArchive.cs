using System.Globalization;
using Npgsql;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.EventStore.Curriculum;

/// <summary>
/// Every curriculum file the server has ever loaded, kept by digest in PostgreSQL (<c>smp_curriculum_files</c>),
/// so what an enrolment, a session or a certificate pinned can be had again after the file on disk changed.
/// Opening it also refuses a rubric file that is no longer the one stored sessions were scored with: a rubric
/// version names one file for ever.
/// </summary>
public static class CurriculumArchive
{
    public const string Table = "smp_curriculum_files";

    /// <summary>Checks today's rubrics against the stored sessions, keeps today's files, and returns every kept file by content.</summary>
    /// <exception cref="CurriculumDriftException">A rubric file differs from (or lacks) the one stored sessions recorded.</exception>
    public static async Task<PinnedCurriculum> OpenAsync(NpgsqlConnection connection, string schema, CurriculumCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(catalog);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            SELECT pg_advisory_xact_lock(hashtext('{schema}.{Table}'));
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.{Table} (
                digest text PRIMARY KEY, path text NOT NULL, content bytea NOT NULL, archived_at timestamptz NOT NULL DEFAULT now());
            """, cancellationToken);
        var drift = await DriftAsync(connection, schema, catalog, cancellationToken);
        if (drift.Count > 0)
            throw new CurriculumDriftException(drift);

        foreach (var file in catalog.Files)
        {
            await using var insert = new NpgsqlCommand($"INSERT INTO {schema}.{Table} (digest, path, content) VALUES (@digest, @path, @content) ON CONFLICT (digest) DO NOTHING", connection)
            {
                Parameters = { new("digest", file.Digest), new("path", file.Path), new("content", file.Content) },
            };
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var copies = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand($"SELECT digest, content FROM {schema}.{Table}", connection))
        await using (var rows = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
                copies[rows.GetString(0)] = rows.GetFieldValue<byte[]>(1); // read back only if it still hashes to its digest
        }

        await transaction.CommitAsync(cancellationToken);
        return new PinnedCurriculum(catalog, copies);
    }

    /// <summary>Each rubric version and digest that stored sessions recorded, against today's file of that version.</summary>
    private static async Task<List<string>> DriftAsync(NpgsqlConnection connection, string schema, CurriculumCatalog catalog, CancellationToken cancellationToken)
    {
        var drift = new List<string>();
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('{schema}.mt_events') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            return drift;
        await using var query = new NpgsqlCommand($"""
            SELECT (data->>'{nameof(SessionStarted.RubricVersion)}')::int, data->>'{nameof(SessionStarted.RubricDigest)}', count(*)
            FROM {schema}.mt_events WHERE type = @type AND data->>'{nameof(SessionStarted.RubricDigest)}' IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
            """, connection)
        {
            Parameters = { new("type", EventCatalog.Names[typeof(SessionStarted)]) },
        };
        await using var rows = await query.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var (version, digest, sessions) = (rows.GetInt32(0), rows.GetString(1), rows.GetInt64(2));
            var file = string.Create(CultureInfo.InvariantCulture, $"rubrics/v{version}.yaml");
            if (!catalog.Rubrics.TryGetValue(version, out var rubric))
                drift.Add($"{file} is missing, but {sessions} stored session(s) were scored with it ({digest})");
            else if (rubric.Digest != digest)
                drift.Add($"{file} is not the file that scored {sessions} stored session(s): they recorded {digest}, the file now is {rubric.Digest}");
        }

        return drift;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>The curriculum on disk contradicts what stored events recorded, so the server does not start.</summary>
public sealed class CurriculumDriftException(IReadOnlyList<string> problems) : Exception(
    $"""
    the curriculum does not match the stored history:
      {string.Join(Environment.NewLine + "  ", problems)}
    A released rubric version is never edited: put the recorded file back (the archive keeps every file by digest:
    SELECT content FROM <schema>.{CurriculumArchive.Table} WHERE digest = '<digest>'), and put changed numbers in a new version (v<N+1>.yaml).
    """)
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
