using Marten;
using Npgsql;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Domain.Audit;
using SmpAcademy.EventStore.Audit;

namespace SmpAcademy.Host.Audit;

/// <summary>How long an event may wait for a signed checkpoint: the unanchored window.</summary>
public sealed record CheckpointWindow(TimeSpan Interval);

/// <summary>
/// Signs a checkpoint over every stream's head at an interval: the unanchored window, <c>Smp:CheckpointSeconds</c>
/// (default 60). Every host of a cluster runs this timer, but the cluster wants one checkpoint per interval, not one
/// per host: see <see cref="SignIfDueAsync"/>.
/// </summary>
public sealed partial class CheckpointWriter(IDocumentStore store, CheckpointSigner signer, TimeProvider clock, CheckpointWindow window, CheckpointAlarm alarm, ILogger<CheckpointWriter> log)
    : BackgroundService
{
    public const string Setting = "Smp:CheckpointSeconds";
    public const int DefaultSeconds = 60;

    /// <summary>A day: longer leaves events unanchored for longer than an audit should wait (and overruns the timer's range).</summary>
    public const int MaxSeconds = 86_400;

    /// <summary>Arbitrary but fixed: "smp-checkpoint" as a 64-bit key.</summary>
    private const long CheckpointLock = 0x736D_705F_636B_7074;

    /// <summary>The window the settings ask for (<c>Smp:CheckpointMinutes</c>, the old setting, still read), checked.</summary>
    /// <exception cref="Hosting.StartupRefusedException">Not a number of seconds from 1 to <see cref="MaxSeconds"/>.</exception>
    public static TimeSpan IntervalFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var (name, text, perUnit) = configuration[Setting] is { } seconds ? (Setting, seconds, 1.0)
            : configuration["Smp:CheckpointMinutes"] is { } minutes ? ("Smp:CheckpointMinutes", minutes, 60.0)
            : (Setting, DefaultSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), 1.0);
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value * perUnit < 1 || value * perUnit > MaxSeconds)
            throw new Hosting.StartupRefusedException($"{name} is '{text}': the time between signed checkpoints (how long an event may stay unanchored) is from 1 s to {MaxSeconds:N0} s (a day)");
        return TimeSpan.FromSeconds(value * perUnit);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = window.Interval;
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await SignIfDueAsync(store, signer, clock.GetUtcNow(), interval, alarm, stoppingToken) is { } checkpoint)
                        LogCheckpoint(checkpoint.Id, checkpoint.Heads.Count);
                }
                catch (CheckpointRefusedException)
                {
                    // The alarm logged it and is up until a checkpoint is signed again.
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
    /// (and never race for the next checkpoint number). Null when it was not due. A refusal raises <paramref name="alarm"/>;
    /// a checkpoint signed clears it.
    /// </summary>
    /// <exception cref="CheckpointRefusedException">The history that changed does not verify (see <see cref="Checkpoints.CreateAsync"/>).</exception>
    public static async Task<Checkpoint?> SignIfDueAsync(IDocumentStore store, CheckpointSigner signer, DateTimeOffset now, TimeSpan interval,
        CheckpointAlarm? alarm = null, CancellationToken cancellationToken = default)
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

        try
        {
            var checkpoint = await Checkpoints.CreateAsync(store, signer, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            alarm?.Clear();
            return checkpoint;
        }
        catch (CheckpointRefusedException refused)
        {
            alarm?.Raise(refused, now);
            throw;
        }
    }

    /// <summary>Signs one now, under the same lock as the timer (so never racing it for a checkpoint number).</summary>
    public static async Task<Checkpoint> SignNowAsync(IDocumentStore store, CheckpointSigner signer, DateTimeOffset now, CheckpointAlarm? alarm = null, CancellationToken cancellationToken = default) =>
        await SignIfDueAsync(store, signer, now, TimeSpan.Zero, alarm, cancellationToken)
        ?? throw new InvalidOperationException("the latest checkpoint is dated after now: the clock went back");

    [LoggerMessage(Level = LogLevel.Information, Message = "signed checkpoint {Id} over {Streams} stream heads")]
    private partial void LogCheckpoint(long id, int streams);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not sign a checkpoint")]
    private partial void LogFailed(Exception exception);
}
