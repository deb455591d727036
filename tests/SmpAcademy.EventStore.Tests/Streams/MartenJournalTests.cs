using Marten;
using Marten.Services;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Testing;

namespace SmpAcademy.EventStore.Tests.Streams;

public class MartenJournalTests
{
    /// <summary>Throws once, before or after the transaction commits, as a broken connection would.</summary>
    private sealed class FailOnce(bool afterCommit) : DocumentSessionListenerBase
    {
        private int _failures;

        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token) =>
            !afterCommit && Interlocked.Increment(ref _failures) == 1 ? throw new IOException("connection reset before commit") : Task.CompletedTask;

        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) =>
            afterCommit && Interlocked.Increment(ref _failures) == 1 ? throw new IOException("connection reset after commit") : Task.CompletedTask;
    }

    private static DocumentStore StoreWith(string schema, FailOnce listener) => DocumentStore.For(o =>
    {
        EventStoreSetup.Configure(o, TestDatabase.ConnectionString, schema);
        o.Listeners.Add(listener);
    });

    private static object[] Events(Guid id) => [new SessionPaused(id, DateTimeOffset.UnixEpoch), new SessionResumed(id, DateTimeOffset.UnixEpoch)];

    [Test]
    public async Task An_append_that_committed_but_looked_failed_counts_as_done_and_is_not_repeated()
    {
        var schema = TestDatabase.NewSchema();
        using var store = StoreWith(schema, new FailOnce(afterCommit: true));
        var journal = new MartenJournal(store);
        var id = Guid.NewGuid();

        Assert.That(await journal.AppendAsync("s-" + id, 0, Events(id)), Is.True);

        Assert.That(await journal.ReadAsync("s-" + id), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task An_append_that_failed_before_commit_throws_and_leaves_nothing()
    {
        var schema = TestDatabase.NewSchema();
        using var store = StoreWith(schema, new FailOnce(afterCommit: false));
        var journal = new MartenJournal(store);
        var id = Guid.NewGuid();

        Assert.That(async () => await journal.AppendAsync("s-" + id, 0, Events(id)), Throws.InstanceOf<IOException>());
        Assert.That(await journal.ReadAsync("s-" + id), Is.Empty);
        Assert.That(await journal.AppendAsync("s-" + id, 0, Events(id)), Is.True, "a retry then succeeds once");
        Assert.That(await journal.ReadAsync("s-" + id), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_stale_version_is_a_conflict_not_an_error()
    {
        using var store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, TestDatabase.NewSchema());
        var journal = new MartenJournal(store);
        var id = Guid.NewGuid();
        Assert.That(await journal.AppendAsync("s-" + id, 0, Events(id)), Is.True);

        Assert.That(await journal.AppendAsync("s-" + id, 0, Events(id)), Is.False, "the stream already exists");
        Assert.That(await journal.AppendAsync("s-" + id, 1, Events(id)), Is.False, "version 1 is stale");
        Assert.That(await journal.AppendAsync("s-" + id, 2, Events(id)), Is.True);
        Assert.That(await journal.ReadAsync("s-" + id), Has.Count.EqualTo(4));
    }
}
