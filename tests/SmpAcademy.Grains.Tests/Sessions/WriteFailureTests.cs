using Marten;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Testing;

namespace SmpAcademy.Grains.Tests.Sessions;

/// <summary>
/// Writes that fail as a lost connection makes them fail. Whatever happens, the grain must hold what the
/// store holds, number on from it, and answer a retried request (same key) as the first time.
/// </summary>
public class WriteFailureTests
{
    private string _schema = null!;
    private Cluster _cluster = null!;

    [SetUp]
    public async Task StartCluster()
    {
        WriteFaults.Reset();
        _schema = TestDatabase.NewSchema();
        _cluster = await Cluster.StartAsync(_schema);
    }

    [TearDown]
    public async Task StopCluster()
    {
        WriteFaults.Reset();
        await _cluster.DisposeAsync();
    }

    private async Task<IPracticeSessionGrain> StartSessionAsync(string trainee)
    {
        var grain = _cluster.Grains.GetGrain<ITraineeGrain>(trainee);
        Assert.That(await grain.Enroll("smp-practitioner"), Is.Null);
        var started = await grain.StartSession("random-fill", null);
        Assert.That(started.Refusal, Is.Null);
        return _cluster.Grains.GetGrain<IPracticeSessionGrain>(started.Opened!.SessionId);
    }

    private static DotPlacement Dot(int i) => new(1 + (i % 97), 1 + (i / 97 % 97), "1RL-0.25", 0.5, 0.6);

    private static DotPlacement[] Dots(int from, int count) => Enumerable.Range(from, count).Select(Dot).ToArray();

    /// <summary>Retries with the same key while the store is unavailable (the circuit stays open a second after a failure).</summary>
    private static async Task<PlaceDotsResult> PlaceUntilAnsweredAsync(IPracticeSessionGrain session, DotPlacement[] dots, string key)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var result = await session.PlaceDots(dots, key);
            if (result.Refusal?.Kind != RefusalKind.Unavailable)
                return result;
            await Task.Delay(200);
        }

        Assert.Fail("the store stayed unavailable");
        return null!;
    }

    private async Task<List<DotPlaced>> StoredDotsAsync(Guid sessionId)
    {
        using var store = Cluster.NewStore(_schema);
        await using var query = store.QuerySession();
        return [.. (await query.Events.FetchStreamAsync(StreamKeys.Session(sessionId))).Select(e => e.Data).OfType<DotPlaced>()];
    }

    [Test]
    public async Task A_failed_write_is_refused_as_maybe_recorded_and_the_grain_numbers_on_from_the_store()
    {
        var session = await StartSessionAsync("fay");
        Assert.That((await session.PlaceDots(Dots(0, 10), "k-first")).Refusal, Is.Null);

        WriteFaults.FailBeforeCommit();
        var failed = await session.PlaceDots(Dots(10, 5), "k-second");
        Assert.That(failed.Refusal?.Kind, Is.EqualTo(RefusalKind.Unavailable));
        Assert.That(failed.Refusal!.Message, Does.Contain("same Idempotency-Key"));

        var retried = await PlaceUntilAnsweredAsync(session, Dots(10, 5), "k-second");
        Assert.That(retried.Dots.Select(d => d.Sequence), Is.EqualTo(new long[] { 11, 12, 13, 14, 15 }));
        var again = await session.PlaceDots(Dots(10, 5), "k-second");
        Assert.That(again.Dots.Select(d => (d.Sequence, d.SpacingScore)), Is.EqualTo(retried.Dots.Select(d => (d.Sequence, d.SpacingScore))), "a retry after success is answered as the first time");

        var next = await session.PlaceDots(Dots(15, 1), "k-third");
        Assert.That(next.Dots.Single().Sequence, Is.EqualTo(16), "no number is reused and none is skipped");

        var stored = await StoredDotsAsync(session.GetPrimaryKey());
        Assert.That(stored.Select(d => d.Sequence), Is.EqualTo(Enumerable.Range(1, 16).Select(i => (long)i)));
        var view = await session.GetView(1, 100);
        Assert.That(view!.Dots.Select(d => (d.Sequence, d.X, d.Y, d.SpacingScore)), Is.EqualTo(stored.Select(d => (d.Sequence, d.X, d.Y, d.SpacingScore))), "the view is the store");
    }

    [Test]
    public async Task Writes_in_flight_when_one_fails_are_all_refused_and_the_rebuilt_index_scores_as_the_store_does()
    {
        var session = await StartSessionAsync("gus");
        Assert.That((await session.PlaceDots(Dots(0, 20))).Refusal, Is.Null);

        WriteFaults.FailBeforeCommit();
        var burst = await Task.WhenAll(Enumerable.Range(20, 40).Select(i => session.PlaceDots([Dot(i)], $"k-{i}")));
        Assert.That(burst.Count(r => r.Refusal?.Kind == RefusalKind.Unavailable), Is.GreaterThan(0));
        Assert.That(burst.Where(r => r.Refusal is not null).Select(r => r.Refusal!.Kind), Is.All.EqualTo(RefusalKind.Unavailable));

        // Every refused one retried with its key: each lands exactly once.
        foreach (var i in Enumerable.Range(20, 40).Where(i => burst[i - 20].Refusal is not null))
            Assert.That((await PlaceUntilAnsweredAsync(session, [Dot(i)], $"k-{i}")).Refusal, Is.Null);
        var stored = await StoredDotsAsync(session.GetPrimaryKey());
        Assert.That(stored.Select(d => d.Sequence), Is.EqualTo(Enumerable.Range(1, 60).Select(i => (long)i)));
        Assert.That(stored.Select(d => (d.X, d.Y)).Distinct().Count(), Is.EqualTo(60), "no dot stored twice");

        var report = Domain.Audit.Rescoring.Rescore(Cluster.Curriculum.Skins["flat-practice-pad"], Cluster.Curriculum.Rubrics[1],
            (await session.GetView(0, 0))!.Started, [], stored);
        Assert.That(report.Identical, Is.True, "re-scoring the store gives the recorded scores bit for bit");
    }

    [Test]
    public async Task A_key_is_remembered_across_a_silo_restart_and_refused_for_a_different_request()
    {
        var session = await StartSessionAsync("hal");
        var sessionId = session.GetPrimaryKey();
        var first = await session.PlaceDots(Dots(0, 3), "k-restart");

        await _cluster.DisposeAsync();
        _cluster = await Cluster.StartAsync(_schema);
        var restarted = _cluster.Grains.GetGrain<IPracticeSessionGrain>(sessionId);

        var replay = await restarted.PlaceDots(Dots(0, 3), "k-restart");
        Assert.That(replay.Dots.Select(d => (d.Sequence, d.DepthScore, d.SpacingScore, d.ShadeScore)), Is.EqualTo(first.Dots.Select(d => (d.Sequence, d.DepthScore, d.SpacingScore, d.ShadeScore))));
        var misuse = await restarted.PlaceDots(Dots(5, 3), "k-restart");
        Assert.That(misuse.Refusal?.Code, Is.EqualTo("idempotency-key-reused"));
        Assert.That(await restarted.Complete("k-complete"), Is.Null);
        Assert.That(await restarted.Complete("k-complete"), Is.Null, "a retried completion is answered as done, not as 'not open'");
        Assert.That(await StoredDotsAsync(sessionId), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_keyed_session_start_retried_opens_one_session()
    {
        var trainee = _cluster.Grains.GetGrain<ITraineeGrain>("ida");
        Assert.That(await trainee.Enroll("smp-practitioner", "k-enroll"), Is.Null);
        Assert.That(await trainee.Enroll("smp-practitioner", "k-enroll"), Is.Null, "replayed, not 'already enrolled'");

        var first = await trainee.StartSession("random-fill", null, "k-start");
        var second = await trainee.StartSession("random-fill", null, "k-start");
        Assert.That(second.Opened, Is.EqualTo(first.Opened));
        Assert.That((await trainee.GetProfile()).Sessions, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_value_the_database_refuses_fails_that_request_only_and_the_grain_stays_healthy()
    {
        var session = await StartSessionAsync("jo");
        Assert.That((await session.PlaceDots(Dots(0, 2))).Refusal, Is.Null);

        var atTheDoor = await session.Abandon("nul \u0000 inside");
        Assert.That(atTheDoor?.Code, Is.EqualTo("bad-text"), "text PostgreSQL cannot store is refused before it is written");

        WriteFaults.RefuseNextAsUnstorable();
        var refused = await session.Abandon("refused by the database");
        Assert.That(refused?.Kind, Is.EqualTo(RefusalKind.BadInput));
        Assert.That(refused!.Code, Is.EqualTo("unstorable"));
        Assert.That(refused.Message, Does.Contain("22P05"));

        Assert.That((await session.PlaceDots(Dots(2, 1))).Dots.Single().Sequence, Is.EqualTo(3), "the next call is served at once");
        Assert.That((await session.GetView(1, 10))!.Status, Is.EqualTo(SessionStatus.Active));
    }
}
