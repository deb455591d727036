using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmpAcademy.Host.Health;

/// <summary>
/// Probes for orchestrators, anonymous: /health/live answers while the process serves HTTP (restart it
/// if not); /health/ready also needs the event store's PostgreSQL and this silo active in its cluster
/// (send it traffic only then). A 503 names the failing check.
/// </summary>
public static class HealthSetup
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    public static void AddSmpHealth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck<EventStoreHealthCheck>("event-store", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<WritePathHealthCheck>("write-path", tags: [ReadyTag])
            .AddCheck<SiloHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<CurriculumArchiveHealthCheck>("curriculum-archive", tags: [ReadyTag])
            .AddCheck<Audit.CheckpointAlarmHealthCheck>("checkpoint-signing", tags: [ReadyTag]);
    }

    public static void MapSmpHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}
