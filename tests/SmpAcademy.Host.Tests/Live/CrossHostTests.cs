using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Sessions;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Live;

/// <summary>Two hosts, two silos in one Orleans cluster, one database: what happens on A is seen on B.</summary>
public class CrossHostTests
{
    private TestHost _a = null!;
    private TestHost _b = null!;
    private string _dataDirectory = null!;

    [OneTimeSetUp]
    public void StartTwoHosts()
    {
        // One data folder: both hosts trust the same development signing key.
        _dataDirectory = Path.Combine(Path.GetTempPath(), "smp-two-hosts-" + Guid.NewGuid().ToString("N")[..8]);
        var schema = TestDatabase.NewSchema();
        _a = TestHost.Start(schema, _dataDirectory, TestDatabase.ConnectionString, RepoPaths.Curriculum, onKestrel: true);
        _b = TestHost.Start(schema, _dataDirectory, TestDatabase.ConnectionString, RepoPaths.Curriculum, onKestrel: true, primarySiloPort: _a.SiloPort);
    }

    [OneTimeTearDown]
    public async Task StopHosts()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Test]
    public async Task An_instructor_on_host_b_sees_every_dot_placed_through_host_a()
    {
        var http = _a.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _a.TokenAsync("ann", "trainee"));
        await http.EnrollAsync("ann");
        var session = Guid.Parse(await http.StartSessionAsync("ann"));
        var admin = _b.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _b.TokenAsync("root", "admin"));
        await (await admin.PostAsJsonAsync("/api/trainees/ann/instructors", new { instructorId = "ira" })).JsonAsync(HttpStatusCode.NoContent);

        await using var ira = await Watcher.ConnectAsync(_b.BaseAddress, "/hubs/instructor", await _b.TokenAsync("ira", "instructor"));
        await ira.WatchAsync(session);
        await using var hand = Watcher.Connect(_a.BaseAddress, "/hubs/trainee", await _a.TokenAsync("ann", "trainee"));
        await hand.StartAsync();
        for (var b = 0; b < 5; b++)
            await hand.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", session, Enumerable.Range(b * 20, 20).Select(i => new DotPlacement(2 + (i * 0.9), 50, "1RL-0.25", 0.5, 0.6)).ToArray(), null);

        await ira.WaitForAsync(100);
        Assert.That(ira.Sequences, Is.EqualTo(Enumerable.Range(1, 100).Select(i => (long)i)));
        Assert.That(ira.LiveArrivals, Is.Ordered.Ascending);
        Assert.That(ira.Repeats, Is.Zero);
    }
}
