using System.Net;
using SmpAcademy.Audit.Witness;
using SmpAcademy.Cli.Commands;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Audit;

/// <summary>A certification body's witness, run against a real host: it keeps what it saw and exits non-zero on a rollback.</summary>
public class WitnessTests : HostFixture
{
    [Test]
    public async Task A_witness_keeps_the_checkpoints_it_saw_and_catches_a_rollback()
    {
        var state = Path.Combine(DataDirectory, "witness-" + Guid.NewGuid().ToString("N")[..6]);
        var key = (string)(await (await Anonymous().GetAsync("/api/audit/public-key")).JsonAsync(HttpStatusCode.OK))["publicKey"]!;
        var admin = await SignInAsync("root", "admin");
        await (await Anonymous().GetAsync("/api/audit/checkpoints/consistency?from=0")).ProblemAsync(HttpStatusCode.BadRequest, "bad-checkpoint-range");
        await (await Anonymous().GetAsync("/api/audit/checkpoints/consistency?from=1&to=5000")).ProblemAsync(HttpStatusCode.BadRequest, "bad-checkpoint-range");

        // The first run needs the key, obtained out of band; it is pinned from then on.
        await Assert.ThrowsAsync<UsageException>(() => WitnessCommand.RunAsync("http://localhost", state, "", TextWriter.Null, Anonymous()));
        var first = await (await admin.PostAsync("/api/audit/checkpoints", null)).JsonAsync(HttpStatusCode.OK);
        var start = (long)first["id"]!;
        Assert.That(await WitnessAsync(state, key), Does.StartWith("0 CONSISTENT: first checkpoint witnessed"));

        for (var i = 0; i < 3; i++)
            await (await admin.PostAsync("/api/audit/checkpoints", null)).JsonAsync(HttpStatusCode.OK);
        Assert.That(await WitnessAsync(state), Does.StartWith($"0 CONSISTENT: checkpoints {start + 1}–{start + 3} extend #{start}"));
        Assert.That(await WitnessAsync(state), Does.StartWith("0 CONSISTENT: no new checkpoint"));
        Assert.That(WitnessLog.Open(state).Held.Select(c => c.Id), Is.EqualTo(new[] { start, start + 1, start + 2, start + 3 }));

        // Anyone may read the log, and what it gives names no stream.
        var consistency = await (await Anonymous().GetAsync($"/api/audit/checkpoints/consistency?from={start}&to={start + 3}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(consistency["checkpoints"]!.AsArray().Select(c => c!["heads"]!.AsArray().Count), Is.All.EqualTo(0));

        // Not the platform's key: a forged log.
        Assert.That(await WitnessAsync(Path.Combine(state, "other"), new string('b', 64)), Does.StartWith("1 INVALID:").And.Contain("does not verify"));

        // The database administrator rolls the checkpoints back to the second one.
        Assert.That(await SqlAsync($"DELETE FROM {Schema}.mt_doc_checkpoint WHERE id > {start + 1}"), Is.EqualTo(2));
        Assert.That(await WitnessAsync(state), Does.StartWith($"1 ROLLBACK: the platform's latest checkpoint is #{start + 1}").And.Contain("evidence-"));
        Assert.That(WitnessLog.Open(state).Held, Has.Count.EqualTo(4), "the witness keeps what it saw");
        Assert.That(Directory.GetFiles(state, "evidence-*.json"), Has.Length.EqualTo(1));

        // ... or deletes them all.
        Assert.That(await SqlAsync($"DELETE FROM {Schema}.mt_doc_checkpoint"), Is.EqualTo(2));
        await (await Anonymous().GetAsync("/api/audit/checkpoints/latest")).ProblemAsync(HttpStatusCode.NotFound, "no-checkpoint");
        Assert.That(await WitnessAsync(state), Does.StartWith("1 ROLLBACK: the platform now says it has no checkpoint"));

        // The platform unreachable: a distinct exit, nothing kept.
        using var nowhere = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9") };
        using var output = new StringWriter();
        Assert.That(await WitnessCommand.RunAsync("http://127.0.0.1:9", state, "", output, nowhere), Is.EqualTo(WitnessCommand.UnreachableExitCode));
    }

    /// <summary>Runs <c>smp audit witness</c> against the test host: its exit code and first line.</summary>
    private async Task<string> WitnessAsync(string state, string key = "")
    {
        using var output = new StringWriter();
        var code = await WitnessCommand.RunAsync("http://localhost", state, key, output, Anonymous());
        return $"{code} {output.ToString().Split('\n')[0]}";
    }
}
