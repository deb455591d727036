using Marten;
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

public static class AuditEndpoints
{
    public static void AddSmpAudit(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(CheckpointSigner.Load(Hosting.HostDatabase.DataDirectory(builder.Configuration)));
        builder.Services.AddHostedService<CheckpointWriter>();
    }

    public static void MapAuditEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/audit/public-key", (CheckpointSigner signer) => TypedResults.Ok(new { algorithm = "Ed25519", publicKey = signer.PublicKeyHex }))
            .AllowAnonymous().WithTags("Audit").WithName("GetCheckpointPublicKey")
            .WithSummary("The Ed25519 key that signs checkpoints over the event history (hex); verifiers should pin it");
    }
}
