using Marten;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Grains.Journaling;
using SmpAcademy.Testing;

namespace SmpAcademy.Grains.Tests.Sessions;

public class PracticeSessionGrainTests
{
    private string _schema = null!;
    private Cluster _cluster = null!;

    [SetUp]
    public async Task StartCluster()
    {
        _schema = TestDatabase.NewSchema();
        _cluster = await Cluster.StartAsync(_schema);
    }

    [TearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    private async Task<IPracticeSessionGrain> StartSessionAsync(string trainee, string exercise = "random-fill")
    {
        var grain = _cluster.Grains.GetGrain<ITraineeGrain>(trainee);
        Assert.That(await grain.Enroll("smp-practitioner"), Is.Null);
        var started = await grain.StartSession(exercise, null);
        Assert.That(started.Refusal, Is.Null);
        return _cluster.Grains.GetGrain<IPracticeSessionGrain>(started.Opened!.SessionId);
    }

    private static DotPlacement Dot(int i) => new(1 + (i % 97), 1 + (i / 97 % 97) + ((i % 7) * 0.01), "1RL-0.25", 0.3 + (i % 11 * 0.05), 0.5 + (i % 5 * 0.05));

    private static string Bits(ScoredDot f) =>
        $"{f.Sequence}|{f.Zone}|{BitConverter.DoubleToInt64Bits(f.DepthScore)}|{BitConverter.DoubleToInt64Bits(f.SpacingScore)}|{BitConverter.DoubleToInt64Bits(f.ShadeScore)}|{string.Join(',', f.Flags)}";

    private static string Bits(DotPlaced d) =>
        $"{d.Sequence}|{d.Zone}|{BitConverter.DoubleToInt64Bits(d.DepthScore)}|{BitConverter.DoubleToInt64Bits(d.SpacingScore)}|{BitConverter.DoubleToInt64Bits(d.ShadeScore)}|{string.Join(',', d.Flags.Names())}";

    [Test]
    public async Task Five_thousand_acknowledged_dots_survive_deactivation_and_a_silo_restart_with_identical_scores()
    {
        var session = await StartSessionAsync("ada");
        var sessionId = session.GetPrimaryKey();
        var acknowledged = new List<ScoredDot>();
        for (var batch = 0; batch < 45; batch++)
        {
            var result = await session.PlaceDots(Enumerable.Range(batch * 100, 100).Select(Dot).ToArray());
            Assert.That(result.Refusal, Is.Null);
            acknowledged.AddRange(result.Dots);
        }

        // 500 single dots sent at once: the reentrant grain commits them in groups.
        var singles = await Task.WhenAll(Enumerable.Range(4500, 500).Select(i => session.PlaceDots([Dot(i)])));
        acknowledged.AddRange(singles.SelectMany(r => r.Dots));
        Assert.That(acknowledged.Select(a => a.Sequence).Order(), Is.EqualTo(Enumerable.Range(1, 5000).Select(i => (long)i)));

        await _cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var afterDeactivation = await session.GetView(1, 10_000);
        Assert.That(afterDeactivation!.Dots.Select(Bits), Is.EquivalentTo(acknowledged.Select(Bits)));

        await _cluster.DisposeAsync();
        _cluster = await Cluster.StartAsync(_schema);
        var restarted = _cluster.Grains.GetGrain<IPracticeSessionGrain>(sessionId);
        var afterRestart = await restarted.GetView(1, 10_000);
        Assert.That(afterRestart!.Dots.Select(Bits), Is.EquivalentTo(acknowledged.Select(Bits)));
        Assert.That(afterRestart.DotCount, Is.EqualTo(5000));

        var next = await restarted.PlaceDots([Dot(5000)]);
        Assert.That(next.Dots.Single().Sequence, Is.EqualTo(5001), "the rebuilt session carries on where it stopped");

        using var store = Cluster.NewStore(_schema);
        var chain = await EventStore.Audit.ChainVerifier.VerifyAsync(store, StreamKeys.Session(sessionId));
        Assert.That(chain.Intact, Is.True, chain.Break?.Reason);
        Assert.That(chain.Events, Is.EqualTo(1 + 5001), "every event the grain wrote is hash-chained, across the restart");
    }

    [Test]
    public async Task A_conflicting_writer_is_detected_and_nothing_of_the_losing_request_is_recorded()
    {
        var session = await StartSessionAsync("bob");
        var sessionId = session.GetPrimaryKey();
        Assert.That((await session.PlaceDots([Dot(1)])).Refusal, Is.Null);

        // Another writer appends to the session's stream behind the grain's back.
        using (var store = Cluster.NewStore(_schema))
        await using (var rogue = store.LightweightSession())
        {
            rogue.Events.Append(StreamKeys.Session(sessionId), new SessionPaused(sessionId, DateTimeOffset.UtcNow));
            await rogue.SaveChangesAsync();
        }

        var losing = await session.PlaceDots([Dot(2), Dot(3)]);
        Assert.That(losing.Refusal?.Code, Is.EqualTo("changed-elsewhere"));
        Assert.That(losing.Dots, Is.Empty);

        var view = await session.GetView(1, 100);
        Assert.That(view!.DotCount, Is.EqualTo(1), "the losing dots were not recorded");
        Assert.That(view.Status, Is.EqualTo(SessionStatus.Paused), "the grain reloaded the other writer's event");
        Assert.That((await session.PlaceDots([Dot(2)])).Refusal?.Code, Is.EqualTo("session-paused"), "and now decides on it");
    }

    [Test]
    public async Task A_batch_with_one_bad_dot_is_refused_whole_naming_the_dot_and_the_reason()
    {
        var session = await StartSessionAsync("cy");
        var batch = new[] { Dot(1), Dot(2), Dot(3) with { DepthMm = -0.2 }, Dot(4) };

        var result = await session.PlaceDots(batch);

        Assert.That(result.Refusal!.Kind, Is.EqualTo(RefusalKind.BadInput));
        Assert.That(result.Refusal.Code, Is.EqualTo("negative-depth"));
        Assert.That(result.FailedIndex, Is.EqualTo(2));
        Assert.That((await session.GetView(1, 10))!.DotCount, Is.Zero);
        Assert.That((await session.PlaceDots([Dot(1)])).Dots.Single().Sequence, Is.EqualTo(1));
    }

    [Test]
    public async Task No_dots_after_completion_and_completion_records_the_summary_on_the_trainee()
    {
        var session = await StartSessionAsync("dee");
        await session.PlaceDots(Enumerable.Range(0, 50).Select(Dot).ToArray());

        Assert.That(await session.Complete(), Is.Null);
        var late = await session.PlaceDots([Dot(99)]);
        Assert.That(late.Refusal!.Kind, Is.EqualTo(RefusalKind.Conflict));
        Assert.That(late.Refusal.Code, Is.EqualTo("session-closed"));
        Assert.That((await session.Complete())!.Code, Is.EqualTo("not-open"));

        var view = await session.GetView(1, 100);
        Assert.That(view!.Summary!.Dots, Is.EqualTo(50));
        var profile = await _cluster.Grains.GetGrain<ITraineeGrain>("dee").GetProfile();
        var closed = profile.Sessions.Single().Closed!;
        Assert.That(closed.Summary!.Dots, Is.EqualTo(50));
        Assert.That(closed.Passed, Is.False);
        Assert.That(closed.Unmet, Has.Some.Contains("50 dots, needs 500"));
    }

    [Test]
    public async Task Pause_and_resume_follow_the_rules()
    {
        var session = await StartSessionAsync("eve");
        Assert.That(await session.Resume(), Has.Property("Code").EqualTo("not-paused"));
        Assert.That(await session.Pause(), Is.Null);
        Assert.That((await session.PlaceDots([Dot(1)])).Refusal!.Code, Is.EqualTo("session-paused"));
        Assert.That(await session.Resume(), Is.Null);
        Assert.That((await session.PlaceDots([Dot(1)])).Refusal, Is.Null);
    }

    [Test]
    public async Task A_session_takes_at_most_its_dot_limit_and_then_refuses_and_stores_nothing_more()
    {
        var session = await StartSessionAsync("dot");
        for (var start = 0; start < Limits.DotsPerSession - 1; start += Limits.DotsPerBatch)
        {
            var count = Math.Min(Limits.DotsPerBatch, Limits.DotsPerSession - 1 - start);
            Assert.That((await session.PlaceDots(Enumerable.Range(start, count).Select(Dot).ToArray())).Refusal, Is.Null);
        }

        // One short of the limit: two more do not fit (all refused, none stored), one does, then none.
        var over = (await session.PlaceDots([Dot(1), Dot(2)])).Refusal;
        Assert.That((over?.Kind, over?.Code), Is.EqualTo((RefusalKind.Conflict, "session-full")));
        Assert.That((await session.PlaceDots([Dot(3)])).Dots.Single().Sequence, Is.EqualTo(Limits.DotsPerSession));
        var full = await StoredVersionAsync(session);

        Assert.That((await session.PlaceDots([Dot(4)])).Refusal?.Code, Is.EqualTo("session-full"));
        Assert.That(await StoredVersionAsync(session), Is.EqualTo(full), "nothing more stored");
    }

    [Test]
    public async Task Only_the_sessions_trainee_places_its_dots_checked_by_the_session_in_the_same_call()
    {
        var session = await StartSessionAsync("own");
        try
        {
            foreach (var stranger in new[] { new Actor("intruder", "trainee", null, "http"), new Actor("own", "admin", null, "http"), new Actor("ivy", "instructor", null, "hub") })
            {
                ActingPrincipal.Set(stranger);
                var refused = await session.PlaceDots([Dot(1)], requestId: "same-key");
                Assert.That((refused.Refusal?.Kind, refused.Refusal?.Code), Is.EqualTo((RefusalKind.Forbidden, "forbidden")), stranger.ToString());
            }

            ActingPrincipal.Set(new Actor("own", "trainee", null, "http"));
            Assert.That((await session.PlaceDots([Dot(1)], requestId: "same-key")).Dots.Single().Sequence, Is.EqualTo(1));
            ActingPrincipal.Set(new Actor("intruder", "trainee", null, "http"));
            Assert.That((await session.PlaceDots([Dot(1)], requestId: "same-key")).Refusal?.Code, Is.EqualTo("forbidden"), "another caller's key replays nothing");
            var nowhere = await _cluster.Grains.GetGrain<IPracticeSessionGrain>(Guid.NewGuid()).PlaceDots([Dot(1)]);
            Assert.That((nowhere.Refusal?.Kind, nowhere.Refusal?.Code), Is.EqualTo((RefusalKind.NotFound, "not-found")));
        }
        finally
        {
            RequestContext.Clear();
        }

        Assert.That(await StoredVersionAsync(session), Is.EqualTo(2), "the start and the trainee's one dot");
    }

    private async Task<long> StoredVersionAsync(IPracticeSessionGrain session)
    {
        using var store = Cluster.NewStore(_schema);
        await using var query = store.QuerySession();
        return (await query.Events.FetchStreamStateAsync(StreamKeys.Session(session.GetPrimaryKey())))!.Version;
    }
}
