using Marten;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;
using SmpAcademy.Curriculum;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.EventStore;
using SmpAcademy.Testing;

namespace SmpAcademy.Grains.Tests;

/// <summary>
/// A real in-process Orleans cluster whose grains journal into a real PostgreSQL, in a schema of
/// the test's own. Disposing it and starting another on the same schema is a full silo restart:
/// nothing survives but what is in the database.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    // Silo configurators are created by type, so the schema reaches them through here.
    private static string _schema = "";

    private readonly TestCluster _cluster;

    private Cluster(TestCluster cluster) => _cluster = cluster;

    public IGrainFactory Grains => _cluster.GrainFactory;

    public static readonly CurriculumCatalog Curriculum = CurriculumLoader.Load(RepoPaths.Curriculum);

    public static async Task<Cluster> StartAsync(string schema)
    {
        _schema = schema;
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new Cluster(cluster);
    }

    public static DocumentStore NewStore(string schema) => EventStoreSetup.CreateStore(TestDatabase.ConnectionString, schema);

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddSmpGrains();
            siloBuilder.Services.AddSingleton(Curriculum);
            siloBuilder.Services.AddSingleton<IDocumentStore>(_ => DocumentStore.For(o =>
            {
                EventStoreSetup.Configure(o, TestDatabase.ConnectionString, _schema);
                o.Listeners.Add(WriteFaults.Listener);
            }));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(s => s.AddJsonSerializer(GrainsSetup.IsDomainType, GrainsSetup.IsDomainType));
    }
}
