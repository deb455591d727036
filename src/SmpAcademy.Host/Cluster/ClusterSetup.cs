using System.Net;
using Orleans.Configuration;
using SmpAcademy.Grains;

namespace SmpAcademy.Host.Cluster;

public static class ClusterSetup
{
    /// <summary>
    /// One silo in this process. Localhost clustering (the default) for one machine; AdoNet clustering for
    /// several machines, with the membership table in <paramref name="connectionString"/>'s database (the
    /// event store's), created by the silo itself as it starts. See <see cref="ClusterSettings"/> for the keys.
    /// </summary>
    public static void AddSmpOrleans(this WebApplicationBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = ClusterSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        var membership = builder.Configuration.GetSection(ClusterSettings.MembershipSection);
        builder.UseOrleans(silo =>
        {
            silo.Services.Configure<ClusterMembershipOptions>(membership);
            if (settings.Clustering == ClusteringMode.AdoNet)
                UseAdoNet(silo, settings, connectionString);
            else
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort), settings.ServiceId, settings.ClusterId);
            silo.AddSmpGrains();
        });
    }

    private static void UseAdoNet(ISiloBuilder silo, ClusterSettings settings, string connectionString)
    {
        var membershipConnection = ClusterSchema.ConnectionString(connectionString, settings.Schema);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new ClusterSchemaMigration(membershipConnection, settings.Schema));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = membershipConnection;
        });
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));

        // Listening on every interface is what a container needs; on loopback (several silos on one machine) only loopback.
        if (settings.AdvertisedIP is { } advertised)
            silo.ConfigureEndpoints(advertised, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        else
            silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
    }

    /// <summary>Creates the membership table before the silo's membership service first reads it.</summary>
    private sealed class ClusterSchemaMigration(string connectionString, string schema) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle observer) =>
            observer.Subscribe(nameof(ClusterSchemaMigration), ServiceLifecycleStage.First, cancellation => ClusterSchema.ApplyAsync(connectionString, schema, cancellation));
    }
}
