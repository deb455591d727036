using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;
using SmpAcademy.Host.Cluster;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Cluster;

/// <summary>
/// Our own SQL for Orleans' ADO.NET clustering, driven through the provider's real membership table class,
/// so a query that breaks its contract (a name, a parameter, an etag rule) fails here rather than in a cluster.
/// </summary>
public class ClusterSchemaTests
{
    private static readonly string[] QueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
        "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
    ];

    [Test]
    public async Task Silos_starting_together_create_the_schema_once_and_again_changes_nothing()
    {
        var schema = TestDatabase.NewSchema();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => ClusterSchema.ApplyAsync(TestDatabase.ConnectionString, schema))));
        await ClusterSchema.ApplyAsync(TestDatabase.ConnectionString, schema);

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        var tables = await ListAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", schema);
        Assert.That(tables, Is.EqualTo(new[] { "orleansmembershiptable", "orleansmembershipversiontable", "orleansquery" }));
        var keys = await ListAsync(connection, $"SELECT querykey FROM \"{schema}\".orleansquery ORDER BY 1", null);
        Assert.That(keys, Is.EqualTo(QueryKeys));
    }

    [Test]
    public async Task The_membership_table_keeps_orleans_versioned_write_contract()
    {
        var table = await TableAsync("contract");
        var empty = await table.ReadAllAsync();
        Assert.That(empty.Members, Is.Empty);
        Assert.That(empty.Version.Version, Is.Zero);

        var now = DateTime.UtcNow;
        var a = Entry(11111, now, SiloStatus.Joining);
        Assert.That(await table.InsertRowAsync(a, empty.Version.Next()), Is.True);
        Assert.That(await table.InsertRowAsync(Entry(22222, now, SiloStatus.Joining), empty.Version.Next()), Is.False, "a stale table version is refused");
        var afterInsert = await table.ReadAllAsync();
        Assert.That(afterInsert.Version.Version, Is.EqualTo(1));
        Assert.That(await table.InsertRowAsync(a, afterInsert.Version.Next()), Is.False, "the same silo twice is refused");
        Assert.That((await table.ReadAllAsync()).Version.Version, Is.EqualTo(1), "a refused insert leaves the version alone");

        var row = (await table.ReadRowAsync(a.SiloAddress)).Members.Single().Item1;
        Assert.That((row.SiloAddress, row.Status, row.ProxyPort, row.SiloName), Is.EqualTo((a.SiloAddress, SiloStatus.Joining, a.ProxyPort, a.SiloName)));

        a.Status = SiloStatus.Active;
        a.AddOrUpdateSuspector(SiloAddress.New(IPAddress.Loopback, 33333, 7), now, maxVotes: 2);
        Assert.That(await table.UpdateRowAsync(a, "1", afterInsert.Version.Next()), Is.True);
        Assert.That(await table.UpdateRowAsync(a, "1", afterInsert.Version.Next()), Is.False, "an update on a stale version is refused");
        Assert.That(await table.UpdateRowAsync(Entry(44444, now, SiloStatus.Active), "2", new TableVersion(2, "2").Next()), Is.False, "no row, no update");
        var afterUpdate = await table.ReadAllAsync();
        Assert.That(afterUpdate.Version.Version, Is.EqualTo(2));
        var updated = afterUpdate.Members.Single().Item1;
        Assert.That(updated.Status, Is.EqualTo(SiloStatus.Active));
        Assert.That(updated.SuspectTimes!.Single().Item1, Is.EqualTo(SiloAddress.New(IPAddress.Loopback, 33333, 7)));

        a.IAmAliveTime = now.AddMinutes(1);
        await table.UpdateIAmAliveAsync(a);
        a.IAmAliveTime = now; // a late heartbeat never moves the time back
        await table.UpdateIAmAliveAsync(a);
        var alive = (await table.ReadAllAsync()).Members.Single().Item1.IAmAliveTime;
        Assert.That(alive, Is.EqualTo(now.AddMinutes(1)).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That((await table.ReadAllAsync()).Version.Version, Is.EqualTo(2), "heartbeats do not bump the version");
    }

    [Test]
    public async Task Only_long_dead_silos_are_pruned_and_a_cluster_can_be_deleted()
    {
        var table = await TableAsync("prune");
        var longAgo = DateTime.UtcNow.AddDays(-8);
        var dead = Entry(11111, longAgo, SiloStatus.Dead);
        var active = Entry(22222, longAgo, SiloStatus.Active);
        var recentlyDead = Entry(33333, DateTime.UtcNow, SiloStatus.Dead);
        foreach (var entry in new[] { dead, active, recentlyDead })
            Assert.That(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()), Is.True);

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-7));

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port);
        Assert.That(left, Is.EquivalentTo(new[] { 22222, 33333 }));
        await table.DeleteMembershipTableEntriesAsync("prune");
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var fresh = await table.ReadAllAsync();
        Assert.That((fresh.Members, fresh.Version.Version), Is.EqualTo((new List<Tuple<MembershipEntry, string>>(), 0)), "rows and version row are gone");
    }

    /// <summary>The provider's own table class on a fresh schema, as a silo of cluster <paramref name="clusterId"/> would use it.</summary>
    private static async Task<AdoNetClusteringTable> TableAsync(string clusterId)
    {
        var schema = TestDatabase.NewSchema();
        await ClusterSchema.ApplyAsync(TestDatabase.ConnectionString, schema);
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "smp-test" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = ClusterSchema.ConnectionString(TestDatabase.ConnectionString, schema) }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    private static MembershipEntry Entry(int port, DateTime at, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
        SiloName = $"silo-{port}",
        HostName = "test",
        Status = status,
        ProxyPort = port + 1,
        StartTime = at,
        IAmAliveTime = at,
    };

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql, string? parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            list.Add(reader.GetString(0));
        return list;
    }
}
