using Marten;
using SmpAcademy.Audit.Keys;
using SmpAcademy.EventStore.Audit;

namespace SmpAcademy.Host.Audit;

/// <summary>Signs a checkpoint over every stream's head at an interval (Smp:CheckpointMinutes, default 10).</summary>
public sealed partial class CheckpointWriter(IDocumentStore store, CheckpointSigner signer, TimeProvider clock, IConfiguration configuration, ILogger<CheckpointWriter> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(configuration.GetValue("Smp:CheckpointMinutes", 10.0)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var checkpoint = await Checkpoints.CreateAsync(store, signer, clock.GetUtcNow(), stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "signed checkpoint {Id} over {Streams} stream heads")]
    private partial void LogCheckpoint(long id, int streams);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not sign a checkpoint")]
    private partial void LogFailed(Exception exception);
}
