using Marten;
using SmpAcademy.Curriculum;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.EventStore.Curriculum;
using SmpAcademy.EventStore.Streams;

namespace SmpAcademy.Host.Hosting;

/// <summary>
/// The curriculum archive (<see cref="CurriculumArchive"/>), opened as the host starts, before the silo: a rubric
/// that no longer matches stored sessions stops the start. A database that does not answer yet does not: the host
/// starts not ready (as it would anyway), and the archive is opened, and checked, as soon as the database answers;
/// a drift found then stops the host with the same exit code. Until it is open, what needs pinned files is 503.
/// </summary>
public sealed partial class CurriculumPins(CurriculumCatalog catalog, IDocumentStore store, IHostApplicationLifetime lifetime, ILogger<CurriculumPins> log)
    : IHostedService, IDisposable
{
    public const int DriftExitCode = 2;

    private readonly CancellationTokenSource _stopping = new();
    private volatile PinnedCurriculum? _files;
    private Task _retrying = Task.CompletedTask;

    public bool IsOpen => _files is not null;

    /// <summary>Every curriculum file by content, today's and kept ones.</summary>
    /// <exception cref="StoreUnavailableException">The database has not answered since the host started.</exception>
    public PinnedCurriculum Files => _files ?? throw new StoreUnavailableException("the curriculum archive is not open yet: the database has not answered since the host started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryOpenAsync(cancellationToken))
            _retrying = RetryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_retrying.IsCompleted)
            return; // also after disposal: a test host may be stopped again once its services are disposed
        await _stopping.CancelAsync();
        await _retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task<bool> TryOpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await StoredRows.OpenAsync(store, cancellationToken);
            _files = await CurriculumArchive.OpenAsync(connection, store.Options.DatabaseSchemaName, catalog, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException || StoreFailures.IsOutage(e))
        {
            LogNotYet(StoreFailures.Describe(e));
            return false;
        }
    }

    private async Task RetryAsync(CancellationToken stopping)
    {
        try
        {
            do
                await Task.Delay(TimeSpan.FromSeconds(1), stopping);
            while (!await TryOpenAsync(stopping));
            LogOpened();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (CurriculumDriftException drift)
        {
            LogDrift(drift.Message);
            Environment.ExitCode = DriftExitCode;
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The curriculum archive is not open yet ({Reason}); it is opened and checked as soon as the database answers")]
    private partial void LogNotYet(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The curriculum archive is open and matches the stored sessions")]
    private partial void LogOpened();

    [LoggerMessage(Level = LogLevel.Critical, Message = "SmpAcademy stops: {Drift}")]
    private partial void LogDrift(string drift);
}
