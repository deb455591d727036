using Npgsql;
using SmpAcademy.LocalServers.Postgres;
using SmpAcademy.Testing;

namespace SmpAcademy.LocalServers.Tests;

public class PrivatePostgresTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = Path.Combine(Path.GetTempPath(), "smp-pg-test-" + Guid.NewGuid().ToString("N")[..8]);

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Test]
    public async Task A_private_cluster_listens_on_loopback_only_and_keeps_its_data_across_restarts()
    {
        await using (var first = await PrivatePostgres.StartAsync(_folder, settings: TestDatabase.FastSettings))
        {
            Assert.That(await ScalarAsync(first.ConnectionString, "SHOW listen_addresses"), Is.EqualTo("127.0.0.1"));
            await ScalarAsync(first.ConnectionString, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
        }

        await using var second = await PrivatePostgres.StartAsync(_folder, settings: TestDatabase.FastSettings);
        Assert.That(await ScalarAsync(second.ConnectionString, "SELECT note FROM kept"), Is.EqualTo("still here"));
    }

    [Test]
    public async Task A_server_left_running_in_the_folder_is_restarted_rather_than_refused()
    {
        var abandoned = await PrivatePostgres.StartAsync(_folder, settings: TestDatabase.FastSettings);
        await ScalarAsync(abandoned.ConnectionString, "CREATE TABLE marker (id int)");

        await using var restarted = await PrivatePostgres.StartAsync(_folder, settings: TestDatabase.FastSettings);

        Assert.That(restarted.Port, Is.Not.EqualTo(abandoned.Port));
        Assert.That(await ScalarAsync(restarted.ConnectionString, "SELECT count(*) FROM marker"), Is.Zero);
        Assert.That(async () => await ScalarAsync(abandoned.ConnectionString, "SELECT 1"), Throws.InstanceOf<NpgsqlException>(), "the old server is gone");
    }
}
