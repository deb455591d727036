using System.Net;
using SmpAcademy.LocalServers;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Health;

/// <summary>The probes an orchestrator calls, without a token.</summary>
public class HealthTests : HostFixture
{
    [Test]
    public async Task A_running_host_is_live_and_ready_with_its_database_and_its_silo_named()
    {
        var live = await (await Anonymous().GetAsync("/health/live")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string?)live["status"], Is.EqualTo("Healthy"));

        var ready = await (await Anonymous().GetAsync("/health/ready")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string?)ready["status"], Is.EqualTo("Healthy"));
        Assert.That((string?)ready["checks"]!["event-store"]!["status"], Is.EqualTo("Healthy"));
        Assert.That((string?)ready["checks"]!["silo"]!["status"], Is.EqualTo("Healthy"));
        Assert.That((string?)ready["checks"]!["silo"]!["description"], Does.Contain("active"));
    }
}

/// <summary>A host whose PostgreSQL does not answer is alive (do not restart it for that) but not ready (send it no traffic).</summary>
public class UnreachableDatabaseHealthTests
{
    private TestHost _host = null!;
    private string _dataDirectory = null!;

    [OneTimeSetUp]
    public void StartHostWithoutDatabase()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "smp-health-test-" + Guid.NewGuid().ToString("N")[..8]);
        var nowhere = $"Host=127.0.0.1;Port={LoopbackPorts.Free()};Username=postgres;Database=smp;Timeout=2";
        _host = TestHost.Start(TestDatabase.NewSchema(), _dataDirectory, nowhere, RepoPaths.Curriculum, onKestrel: false);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Test]
    public async Task Is_live_but_not_ready_and_says_why()
    {
        var client = _host.CreateClient();
        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var ready = await (await client.GetAsync("/health/ready")).JsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That((string?)ready["status"], Is.EqualTo("Unhealthy"));
        Assert.That((string?)ready["checks"]!["event-store"]!["status"], Is.EqualTo("Unhealthy"));
        Assert.That((string?)ready["checks"]!["event-store"]!["description"], Does.StartWith("PostgreSQL does not answer"));
        Assert.That((string?)ready["checks"]!["silo"]!["status"], Is.EqualTo("Healthy"));
        Assert.That((string?)ready["checks"]!["curriculum-archive"]!["description"], Does.StartWith("the curriculum archive is not open yet"),
            "a database that does not answer at start does not stop the start: the archive opens, and is checked, when it answers");
    }
}
