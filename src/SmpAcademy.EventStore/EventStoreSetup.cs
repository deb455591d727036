using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.EventStore.Projections;
using Weasel.Core;

namespace SmpAcademy.EventStore;

/// <summary>How SmpAcademy keeps its events in Marten.</summary>
public static class EventStoreSetup
{
    public const string DefaultSchema = "smp";

    public static void Configure(StoreOptions options, string connectionString, string schema = DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Connection(WithFailFastDefaults(connectionString));
        options.DatabaseSchemaName = schema;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.UseSystemTextJsonForSerialization(enumStorage: EnumStorage.AsString);
        options.Events.StreamIdentity = StreamIdentity.AsString;

        options.Events.MetadataConfig.HeadersEnabled = true; // each event's hash-chain link rides in its headers
        foreach (var (type, name) in EventCatalog.Names)
            options.Events.MapEventType(type, name);
        options.Schema.For<Checkpoint>().Identity(c => c.Id);
    }

    /// <summary>
    /// A database that stops answering must fail a request within seconds, not after Npgsql's 15 s connect and
    /// 30 s command defaults: connecting gets 3 s (the grains' commits set their own 5 s command timeout, while
    /// long audit scans keep the default). Settings the connection string gives win.
    /// </summary>
    public static string WithFailFastDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            builder.Timeout = 3;
        return builder.ConnectionString;
    }

    /// <summary>Read models: trainee progress inline (rare, read-your-writes). Session summaries are stored by their grain (<see cref="SessionSummaryView"/>).</summary>
    public static void AddProjections(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Add<TraineeProgressProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<SessionSummaryView>();
    }

    public static DocumentStore CreateStore(string connectionString, string schema = DefaultSchema) =>
        DocumentStore.For(options => Configure(options, connectionString, schema));
}
