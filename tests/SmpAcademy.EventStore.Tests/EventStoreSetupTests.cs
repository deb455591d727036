using System.Text.Json;
using JasperFx.Events;
using Marten;
using Npgsql;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Testing;

namespace SmpAcademy.EventStore.Tests;

public class EventStoreSetupTests
{
    private DocumentStore _store = null!;

    [OneTimeSetUp]
    public void CreateStore() => _store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, TestDatabase.NewSchema());

    [OneTimeTearDown]
    public void DisposeStore() => _store.Dispose();

    [Test]
    public async Task The_test_database_is_a_real_postgresql_server()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version_num')::int", connection);
        Assert.That((int)(await command.ExecuteScalarAsync())!, Is.GreaterThanOrEqualTo(150000), "PostgreSQL 15 or later");
    }

    [Test]
    public async Task Scored_dots_are_stored_under_stable_names_and_read_back_unchanged()
    {
        var catalog = CurriculumLoader.Load(RepoPaths.Curriculum);
        var skin = catalog.Skins["flat-practice-pad"];
        var scorer = new SessionScorer(skin, catalog.Rubrics[1], 1);
        var sessionId = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var started = new SessionStarted(sessionId, "trainee-ada", "smp-practitioner", "depth-ladder", skin.Id, Guid.NewGuid(), 1, 1, at, []);
        var dots = new[] { new DotPlacement(10, 10, "1RL-0.25", 0.5, 0.6), new DotPlacement(10.2, 10, "1RL-0.25", 1.3, 0.9) }
            .Select((d, i) => DotPlaced.From(sessionId, i + 1, d, at.AddSeconds(i + 1), 1, scorer.Place(d)))
            .ToArray();

        object[] events = [started, .. dots];
        await using (var session = _store.LightweightSession())
        {
            session.Events.StartStream(StreamKeys.Session(sessionId), events);
            await session.SaveChangesAsync();
        }

        await using var query = _store.QuerySession();
        var stored = await query.Events.FetchStreamAsync(StreamKeys.Session(sessionId));
        // Compared by JSON form: record equality would compare the EarlierSessions list by reference.
        Assert.That(stored.Select(e => JsonSerializer.Serialize(e.Data, e.Data.GetType())), Is.EqualTo(events.Select(e => JsonSerializer.Serialize(e, e.GetType()))));
        Assert.That(stored.Select(e => e.Data.GetType()), Is.EqualTo(events.Select(e => e.GetType())));
        Assert.That(stored.Select(e => e.EventTypeName), Is.EqualTo(new[] { "session_started_v2", "dot_placed_v1", "dot_placed_v1" }));
        Assert.That(stored.Select(e => e.Version), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(((DotPlaced)stored[2].Data).Flags.HasFlag(DotFlags.BlowoutRisk | DotFlags.Merge), Is.True, "combined flags survive the round trip");
    }

    [Test]
    public async Task A_writer_with_a_stale_version_is_refused_and_nothing_is_appended()
    {
        var stream = StreamKeys.Session(Guid.NewGuid());
        await using (var first = _store.LightweightSession())
        {
            first.Events.StartStream(stream, new SessionPaused(Guid.Empty, DateTimeOffset.UnixEpoch));
            await first.SaveChangesAsync();
        }

        await using (var winner = _store.LightweightSession())
        {
            winner.Events.Append(stream, 2, new SessionResumed(Guid.Empty, DateTimeOffset.UnixEpoch));
            await winner.SaveChangesAsync();
        }

        await using var loser = _store.LightweightSession();
        loser.Events.Append(stream, 2, new SessionAbandoned(Guid.Empty, DateTimeOffset.UnixEpoch, "stale"));
        Assert.That(async () => await loser.SaveChangesAsync(), Throws.InstanceOf<Exception>().With.Message.Contains(stream).Or.Message.Contains("version"));

        await using var query = _store.QuerySession();
        Assert.That((await query.Events.FetchStreamAsync(stream)).Select(e => e.Data.GetType()), Is.EqualTo(new[] { typeof(SessionPaused), typeof(SessionResumed) }));
    }

    [Test]
    public async Task Hosts_that_start_together_on_an_empty_schema_all_get_the_tables()
    {
        // As the hosts of a cluster do: each its own store, all creating the event tables at once.
        var schema = TestDatabase.NewSchema();
        var stores = Enumerable.Range(0, 6).Select(_ => EventStoreSetup.CreateStore(TestDatabase.ConnectionString, schema)).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => StorageReady.EnsureAsync(s, typeof(IEvent)))));
            await Task.WhenAll(stores.Select(s => Task.Run(() => StorageReady.EnsureAsync(s, typeof(Domain.Audit.Checkpoint)))));

            foreach (var store in stores)
                Assert.That(await EventStore.Audit.CheckpointLog.LatestAsync(store), Is.Null);
        }
        finally
        {
            foreach (var store in stores)
                store.Dispose();
        }
    }
}
