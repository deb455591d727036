using Marten;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Domain.Audit;
using SmpAcademy.EventStore;
using SmpAcademy.Host.Audit;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Cluster;

/// <summary>Every host runs the checkpoint timer; a cluster of them signs one checkpoint per interval between them.</summary>
public class CheckpointScheduleTests
{
    [Test]
    public async Task Hosts_whose_timers_tick_together_sign_one_checkpoint_between_them()
    {
        var keys = Path.Combine(Path.GetTempPath(), "smp-checkpoint-keys-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, TestDatabase.NewSchema());
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var signer = CheckpointSigner.Load(keys);
            var interval = TimeSpan.FromMinutes(10);
            var now = DateTimeOffset.UtcNow;

            var signed = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => CheckpointWriter.SignIfDueAsync(store, signer, now, interval))));

            Assert.That(signed.Count(c => c is not null), Is.EqualTo(1));
            Assert.That(await CountAsync(store), Is.EqualTo(1));
            Assert.That(await CheckpointWriter.SignIfDueAsync(store, signer, now.AddMinutes(4), interval), Is.Null, "a host whose timer runs a little late");
            Assert.That((await CheckpointWriter.SignIfDueAsync(store, signer, now.AddMinutes(10), interval))?.Id, Is.EqualTo(2), "the next interval");
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    private static async Task<int> CountAsync(DocumentStore store)
    {
        await using var query = store.QuerySession();
        return await query.Query<Checkpoint>().CountAsync();
    }
}
