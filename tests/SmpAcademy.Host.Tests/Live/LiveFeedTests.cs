using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Live;
using SmpAcademy.Host.Sessions;

namespace SmpAcademy.Host.Tests.Live;

/// <summary>Real Kestrel on loopback, real SignalR clients over WebSockets.</summary>
public class LiveFeedTests : HostFixture
{
    protected override bool OnKestrel => true;

    private static DotPlacement Dot(int i) => new(2 + (i % 90), 2 + (i / 90 * 1.1), "1RL-0.25", 0.5, 0.6);

    /// <summary>A trainee with a session of random-fill, and an instructor assigned to them.</summary>
    private async Task<(string Trainee, Guid Session, HubConnection Hand, string InstructorToken)> PractiseAsync()
    {
        var trainee = "t-" + Guid.NewGuid().ToString("N")[..6];
        var instructor = "i-" + Guid.NewGuid().ToString("N")[..6];
        var http = await SignInAsync(trainee, "trainee");
        await http.EnrollAsync(trainee);
        var session = Guid.Parse(await http.StartSessionAsync(trainee));
        var admin = await SignInAsync("root", "admin");
        await (await admin.PostAsync($"/api/trainees/{trainee}/instructors", Api.RawJson($"{{\"instructorId\":\"{instructor}\"}}"))).JsonAsync(HttpStatusCode.NoContent);
        var hand = Watcher.Connect(BaseAddress, "/hubs/trainee", await TokenAsync(trainee, "trainee"));
        await hand.StartAsync();
        return (trainee, session, hand, await TokenAsync(instructor, "instructor"));
    }

    [Test]
    public async Task Every_dot_reaches_the_watching_instructor_in_order_with_rolling_statistics()
    {
        var (trainee, session, hand, instructorToken) = await PractiseAsync();
        await using var ivy = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", instructorToken);
        var live = await ivy.Connection.InvokeAsync<IReadOnlyList<LiveSessionInfo>>("ListLiveSessions");
        Assert.That(live.Select(l => (l.SessionId, l.TraineeId)), Is.EquivalentTo(new[] { (session, trainee) }));
        Assert.That((await ivy.WatchAsync(session)).Dots, Is.Empty);

        for (var b = 0; b < 10; b++)
            await hand.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", session, Enumerable.Range(b * 20, 20).Select(Dot).ToArray(), null);
        var feedback = await hand.InvokeAsync<ScoredDot>("PlaceDot", session, Dot(200), null);
        Assert.That(feedback.Sequence, Is.EqualTo(201));
        await Task.WhenAll(Enumerable.Range(201, 99).Select(i => hand.InvokeAsync<ScoredDot>("PlaceDot", session, Dot(i), null)));

        await ivy.WaitForAsync(300);
        Assert.That(ivy.Sequences, Is.EqualTo(Enumerable.Range(1, 300).Select(i => (long)i)));
        Assert.That(ivy.LiveArrivals, Is.Ordered.Ascending, "live dots arrive in sequence order");
        Assert.That(ivy.Repeats, Is.Zero);
        Assert.That(ivy.LastStats!.Dots, Is.EqualTo(300));
        Assert.That(ivy.LastStats.ZoneDensityPerCm2["pad"], Is.EqualTo(3).Within(1e-9), "300 dots on 100 cm²");
        await hand.DisposeAsync();
    }

    [Test]
    public async Task A_full_batch_of_dots_fits_in_one_hub_message()
    {
        var (_, session, hand, _) = await PractiseAsync();
        var batch = Enumerable.Range(0, Limits.DotsPerBatch).Select(i => new DotPlacement(0.5 + (i % 100) * 0.99, 0.5 + (i / 100) * 0.99, "1RL-0.25", 0.5, 0.6)).ToArray();
        var feedback = await hand.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", session, batch, null);
        Assert.That((feedback.Count, feedback[^1].Sequence), Is.EqualTo((Limits.DotsPerBatch, (long)Limits.DotsPerBatch)), "the connection stays open for the batch it advertises");
        await hand.DisposeAsync();
    }

    [Test]
    public async Task MessagePack_clients_place_dots_and_watch_them_like_json_clients()
    {
        var (trainee, session, _, instructorToken) = await PractiseAsync();
        await using var ivy = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", instructorToken, messagePack: true);
        await ivy.WatchAsync(session);
        await using var hand = Watcher.Connect(BaseAddress, "/hubs/trainee", await TokenAsync(trainee, "trainee"), messagePack: true);
        await hand.StartAsync();

        var feedback = await hand.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", session, Enumerable.Range(0, 30).Select(Dot).ToArray(), null);

        Assert.That(feedback.Select(f => f.Sequence), Is.EqualTo(Enumerable.Range(1, 30).Select(i => (long)i)));
        await ivy.WaitForAsync(30);
        Assert.That(ivy.LastStats!.Dots, Is.EqualTo(30));
        var resumed = await ivy.WatchAsync(session, 25);
        Assert.That(resumed.Dots.Select(d => (d.Zone, d.DepthScore, d.Needle)), Has.All.EqualTo(("pad", 100.0, "1RL-0.25")), "scores survive MessagePack");
        Assert.That(resumed.Dots.Select(d => d.Sequence), Is.EqualTo(new long[] { 25, 26, 27, 28, 29, 30 }));
    }

    [Test]
    public async Task The_trainee_follows_their_own_session_on_the_trainee_hub_and_no_one_else_can()
    {
        var (trainee, session, hand, instructorToken) = await PractiseAsync();
        await hand.DisposeAsync();
        await using var own = await Watcher.ConnectAsync(BaseAddress, "/hubs/trainee", await TokenAsync(trainee, "trainee"));
        await own.WatchAsync(session);
        await own.Connection.InvokeAsync<ScoredDot>("PlaceDot", session, Dot(1), null);
        await using var ivy = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", instructorToken);
        await ivy.Connection.InvokeAsync("Annotate", session, new AnnotationInput("Lighter at the hairline", DotSequence: 1), null);
        await own.WaitForAsync(1);
        for (var waited = 0; own.Annotations.Count == 0 && waited < 200; waited++)
            await Task.Delay(50);
        Assert.That(own.Annotations.Select(a => a.Text), Is.EqualTo(new[] { "Lighter at the hairline" }), "the coach's note reaches the trainee on their own hub");

        foreach (var (user, role) in new[] { ("bob", "trainee"), ("i-other", "instructor"), ("root", "admin") })
        {
            await using var other = await Watcher.ConnectAsync(BaseAddress, "/hubs/trainee", await TokenAsync(user, role));
            Assert.That((await Assert.ThrowsAsync<HubException>(() => other.WatchAsync(session)))!.Message, Does.Contain("HubException: forbidden: "), $"{role} {user}");
        }
    }

    [Test]
    public async Task Joining_mid_session_and_reconnecting_resume_without_gaps_or_duplicates()
    {
        var (_, session, hand, instructorToken) = await PractiseAsync();
        await hand.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", session, Enumerable.Range(0, 100).Select(Dot).ToArray(), null);

        var first = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", instructorToken);
        var start = await first.WatchAsync(session);
        Assert.That(start.Dots.Select(d => d.Sequence), Is.EqualTo(Enumerable.Range(1, 100).Select(i => (long)i)), "the session so far");
        Assert.That(start.LastSequence, Is.EqualTo(100));
        for (var i = 100; i < 150; i++)
            await hand.InvokeAsync<ScoredDot>("PlaceDot", session, Dot(i), null);
        await first.WaitForAsync(150);
        var lastSeen = first.Sequences.Max();
        await first.DisposeAsync();

        await hand.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", session, Enumerable.Range(150, 50).Select(Dot).ToArray(), null);
        await using var second = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", instructorToken);
        var resumed = await second.WatchAsync(session, lastSeen + 1);
        Assert.That(resumed.Dots.Select(d => d.Sequence), Is.EqualTo(Enumerable.Range(151, 50).Select(i => (long)i)), "exactly what was missed");
        await hand.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", session, Enumerable.Range(200, 10).Select(Dot).ToArray(), null);
        await second.WaitForAsync(210, from: 151);

        var all = first.Sequences.Concat(second.Sequences).ToArray();
        Assert.That(all, Is.EqualTo(Enumerable.Range(1, 210).Select(i => (long)i)), "no gap, no duplicate across the reconnect");
        Assert.That(first.Repeats + second.Repeats, Is.Zero);
        await hand.DisposeAsync();
    }

    [Test]
    public async Task Hub_methods_check_who_calls_and_refuse_bad_dots_with_their_reason()
    {
        var (trainee, session, hand, _) = await PractiseAsync();

        var bad = (await Assert.ThrowsAsync<HubException>(() => hand.InvokeAsync<ScoredDot>("PlaceDot", session, new DotPlacement(5, 500, "1RL-0.25", 0.5, 0.6), null)))!;
        Assert.That(bad.Message, Does.Contain("outside-skin: position (5, 500) mm is outside the skin"));

        await using var bob = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", await TokenAsync("bob", "trainee"));
        Assert.That((await Assert.ThrowsAsync<HubException>(() => bob.WatchAsync(session)))!.Message, Does.Contain("HubException: forbidden: "));
        Assert.That((await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync<IReadOnlyList<LiveSessionInfo>>("ListLiveSessions")))!.Message, Does.Contain("HubException: forbidden: "));

        await using var stranger = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", await TokenAsync("not-assigned", "instructor"));
        Assert.That((await Assert.ThrowsAsync<HubException>(() => stranger.WatchAsync(session)))!.Message, Does.Contain("HubException: forbidden: "));
        Assert.That(await stranger.Connection.InvokeAsync<IReadOnlyList<LiveSessionInfo>>("ListLiveSessions"), Is.Empty);

        foreach (var (user, role, body) in new[] { ("bob", "trainee", null), ("aud", "auditor", "smp-guild"), ("ivy", "instructor", null) })
        {
            await using var other = Watcher.Connect(BaseAddress, "/hubs/trainee", await TokenAsync(user, role, body));
            await other.StartAsync();
            var refused = (await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync<ScoredDot>("PlaceDot", session, Dot(1), null)))!;
            Assert.That(refused.Message, Does.Contain("HubException: forbidden: "), $"{role} {user}");
        }

        await using var anonymous = Watcher.Connect(BaseAddress, "/hubs/trainee", "");
        Assert.That(async () => await anonymous.StartAsync(), Throws.InstanceOf<HttpRequestException>().With.Message.Contains("401"));

        var view = await (await SignInAsync(trainee, "trainee")).GetAsync($"/api/sessions/{session}");
        Assert.That((int)(await view.JsonAsync(HttpStatusCode.OK))["dotCount"]!, Is.Zero, "nothing refused was recorded");
        await hand.DisposeAsync();
    }

    [Test]
    public async Task A_watch_from_beyond_the_end_reports_the_real_last_dot_and_cannot_silence_other_watchers()
    {
        var (trainee, session, hand, instructorToken) = await PractiseAsync();
        await hand.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", session, Enumerable.Range(0, 23).Select(Dot).ToArray(), null);

        // The trainee watches their own session from 2^53 - 1 first, so this host has sent nothing of it yet.
        await using var self = await Watcher.ConnectAsync(BaseAddress, "/hubs/trainee", await TokenAsync(trainee, "trainee"));
        var far = await self.WatchAsync(session, (1L << 53) - 1);
        Assert.That((far.Dots.Count, far.LastSequence), Is.EqualTo((0, 23L)));
        await using var ivy = await Watcher.ConnectAsync(BaseAddress, "/hubs/instructor", instructorToken);
        var start = await ivy.WatchAsync(session, 10_000);
        Assert.That((start.Dots.Count, start.LastSequence), Is.EqualTo((0, 23L)), "the session has 23 dots, not 9,999");

        await hand.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", session, Enumerable.Range(23, 7).Select(Dot).ToArray(), null);
        await ivy.WaitForAsync(30, from: 24);
        await self.WaitForAsync(30, from: 24);
        Assert.That(ivy.Repeats, Is.Zero);
        await hand.DisposeAsync();
    }
}
