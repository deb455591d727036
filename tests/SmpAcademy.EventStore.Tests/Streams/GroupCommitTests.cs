using Marten;
using Marten.Services;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Testing;

namespace SmpAcademy.EventStore.Tests.Streams;

public class GroupCommitTests
{
    /// <summary>Counts transactions, to see appends of many streams share one.</summary>
    private sealed class CommitCounter : DocumentSessionListenerBase
    {
        public int Commits;

        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            Interlocked.Increment(ref Commits);
            return Task.CompletedTask;
        }
    }

    private static object[] Events(Guid id, int n) => [.. Enumerable.Range(0, n).Select(i => (object)new SessionPaused(id, DateTimeOffset.UnixEpoch.AddSeconds(i)))];

    [Test]
    public async Task Appends_to_many_streams_share_commits_and_each_keeps_its_chain()
    {
        var counter = new CommitCounter();
        using var store = DocumentStore.For(o =>
        {
            EventStoreSetup.Configure(o, TestDatabase.ConnectionString, TestDatabase.NewSchema());
            o.Listeners.Add(counter);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var commit = new GroupCommit(store, writers: 1);
        var streams = Enumerable.Range(0, 200).Select(i => $"s-{i}-{Guid.NewGuid():N}").ToArray();

        for (var round = 0; round < 3; round++)
        {
            var version = round * 5;
            var results = await Task.WhenAll(streams.Select(s => new MartenJournal(store, commit).AppendAsync(s, version, Events(Guid.NewGuid(), 5))));
            Assert.That(results, Is.All.True);
        }

        Assert.That(counter.Commits, Is.LessThan(200), "600 appends must not take 600 commits");
        foreach (var stream in streams.Take(20))
        {
            var chain = await ChainVerifier.VerifyAsync(store, stream);
            Assert.That((chain.Intact, chain.Events), Is.EqualTo((true, 15L)), stream);
        }
    }

    [Test]
    public async Task A_conflicting_append_is_refused_alone_and_the_others_in_its_commit_land()
    {
        using var store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, TestDatabase.NewSchema());
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var commit = new GroupCommit(store, writers: 1);
        var streams = Enumerable.Range(0, 50).Select(i => $"c-{i}-{Guid.NewGuid():N}").ToArray();
        Assert.That(await Task.WhenAll(streams.Select(s => new MartenJournal(store, commit).AppendAsync(s, 0, Events(Guid.NewGuid(), 2)))), Is.All.True);

        // Stream 7's writer believes it has 1 event (it has 2): a stale writer.
        var results = await Task.WhenAll(streams.Select((s, i) => new MartenJournal(store, commit).AppendAsync(s, i == 7 ? 1 : 2, Events(Guid.NewGuid(), 3))));
        Assert.That(results.Select((r, i) => (i, r)).Where(p => !p.r).Select(p => p.i), Is.EqualTo(new[] { 7 }));
        await using var query = store.QuerySession();
        Assert.That((await query.Events.FetchStreamStateAsync(streams[7]))!.Version, Is.EqualTo(2));
        Assert.That((await query.Events.FetchStreamStateAsync(streams[8]))!.Version, Is.EqualTo(5));
    }
}
