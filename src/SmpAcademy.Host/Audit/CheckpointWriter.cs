using Marten;
using Npgsql;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Domain.Audit;
using SmpAcademy.EventStore.Audit;

namespace SmpAcademy.Host.Audit;

/// <summary>
/// Signs a checkpoint over every stream's head at an interval (Smp:CheckpointMinutes, default 10). Every host of a
/// cluster runs this timer, but the cluster wants one checkpoint per interval, not one per host: see <see cref="SignIfDueAsync"/>.
/// </summary>
public sealed partial class CheckpointWriter(IDocumentStore store, CheckpointSigner signer, TimeProvider clock, IConfiguration configuration, ILogger<CheckpointWriter> log)
    : BackgroundService
{
    /// <summary>Arbitrary but fixed: "smp-checkpoint" as a 64-bit key.</summary>
    private const long CheckpointLock = 0x736D_705F_636B_7074;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(configuration.GetValue("Smp:CheckpointMinutes", 10.0));
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await SignIfDueAsync(store, signer, clock.GetUtcNow(), interval, stoppingToken) is { } checkpoint)
                        LogCheckpoint(checkpoint.Id, checkpoint.Heads.Count);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Signs a checkpoint unless one was signed less than half an interval ago, by this host or another. Hosts decide one
    /// at a time, under a transaction-scoped advisory lock, so hosts whose timers tick together sign once between them
    /// (and never race for the next checkpoint number). Null when it was not due.
    /// </summary>
    public static async Task<Checkpoint?> SignIfDueAsync(IDocumentStore store, CheckpointSigner signer, DateTimeOffset now, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({CheckpointLock})", connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);

        await using (var query = store.QuerySession())
        {
            var latest = await query.Query<Checkpoint>().OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            if (latest is not null && now - latest.At < interval / 2)
                return null;
        }

        var checkpoint = await Checkpoints.CreateAsync(store, signer, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return checkpoint;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "signed checkpoint {Id} over {Streams} stream heads")]
    private partial void LogCheckpoint(long id, int streams);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not sign a checkpoint")]
    private partial void LogFailed(Exception exception);
}
