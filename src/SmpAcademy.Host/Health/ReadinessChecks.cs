using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmpAcademy.EventStore.Streams;

namespace SmpAcademy.Host.Health;

/// <summary>Marten's database answers a query: without it no dot can become durable.</summary>
internal sealed class EventStoreHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer: {e.Message}");
        }
    }
}

/// <summary>The curriculum archive is open: audits and certificates can read the files their events pinned.</summary>
internal sealed class CurriculumArchiveHealthCheck(Hosting.CurriculumPins pins) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(pins.IsOpen
            ? HealthCheckResult.Healthy("curriculum files are checked against the stored sessions and kept by digest")
            : HealthCheckResult.Unhealthy("the curriculum archive is not open yet: it opens when the database first answers"));
}

/// <summary>This silo is an active member of its cluster (not joining, not shutting down, not declared dead).</summary>
internal sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {silo.SiloAddress} is active in cluster {silo.ClusterId}")
            : HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is {status}"));
    }
}

/// <summary>
/// The write path works. While the event-store circuit is closed the last write went through; while it is open
/// this check is a probe of its own: it writes a one-row document (so a read-only server fails it, where the
/// SELECT 1 check would pass) and closes the circuit when that succeeds, so a host nobody writes to still
/// turns ready again by itself.
/// </summary>
internal sealed class WritePathHealthCheck(IDocumentStore store, StoreCircuit circuit) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (circuit.Failing is null)
            return HealthCheckResult.Healthy("writes go through");
        try
        {
            circuit.ThrowIfOpen();
            await using var session = store.LightweightSession(new Marten.Services.SessionOptions { Timeout = GroupCommit.CommitTimeoutSeconds });
            session.Store(new WriteProbe { Id = 1, At = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync(cancellationToken);
            circuit.Succeeded();
            return HealthCheckResult.Healthy("writes go through again");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            circuit.Failed(e);
            return HealthCheckResult.Unhealthy($"writes to the event store fail: {circuit.Failing ?? StoreFailures.Describe(e)}");
        }
    }
}

/// <summary>The one document the readiness probe writes while writes are failing.</summary>
public sealed class WriteProbe
{
    public int Id { get; set; }

    public DateTimeOffset At { get; set; }
}
