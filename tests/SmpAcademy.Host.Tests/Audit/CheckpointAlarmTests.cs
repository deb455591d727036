using System.Net;
using System.Net.Http.Json;

namespace SmpAcademy.Host.Tests.Audit;

/// <summary>A chain broken since the last checkpoint is refused by the signer, which says why, in the log and in readiness, and anchors nothing.</summary>
public class CheckpointAlarmTests : HostFixture
{
    [Test]
    public async Task The_platform_will_not_sign_a_broken_chain_and_raises_the_alarm()
    {
        var dee = await SignInAsync("dee", "trainee");
        var admin = await SignInAsync("root", "admin");
        await dee.EnrollAsync("dee");
        var session = await dee.StartSessionAsync("dee");
        await (await dee.PostAsJsonAsync($"/api/sessions/{session}/dots/batch", Enumerable.Range(0, 6).Select(i => Api.Dot(60 + 3 * i, 40)))).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostAsync("/api/audit/checkpoints", null)).JsonAsync(HttpStatusCode.OK);
        Assert.That(await CheckAsync(), Is.EqualTo("Healthy"));

        // Dots after the checkpoint, then one of them edited in PostgreSQL without its link: the tail an attacker would have signed.
        await (await dee.PostAsJsonAsync($"/api/sessions/{session}/dots/batch", Enumerable.Range(0, 4).Select(i => Api.Dot(60 + 3 * i, 50)))).JsonAsync(HttpStatusCode.OK);
        var stream = $"session-{Guid.Parse(session):N}";
        await using (var connection = new Npgsql.NpgsqlConnection(SmpAcademy.Testing.TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            await using var edit = new Npgsql.NpgsqlCommand(
                $"UPDATE {Schema}.mt_events SET data = data || jsonb_build_object('DepthScore', 1.5) WHERE stream_id = @s AND version = (SELECT max(version) FROM {Schema}.mt_events WHERE stream_id = @s)", connection)
            { Parameters = { new("s", stream) } };
            Assert.That(await edit.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var refused = await (await admin.PostAsync("/api/audit/checkpoints", null)).ProblemAsync(HttpStatusCode.Conflict, "checkpoint-refused");
        Assert.That(refused, Does.Contain(stream).And.Contain("no longer matches its hash"));
        Assert.That(await CheckAsync(), Does.StartWith("Degraded: checkpoint signing refused since").And.Contain(stream));

        // An auditor now sees, in the words smp audit verify uses: dee's history not verified, and another trainee's
        // intact but newer practice unanchored, since nothing can be signed while one chain is broken.
        var eve = await SignInAsync("eve", "trainee");
        await eve.EnrollAsync("eve");
        var practice = await eve.StartSessionAsync("eve");
        await (await eve.PostAsJsonAsync($"/api/sessions/{practice}/dots/batch", Enumerable.Range(0, 3).Select(i => Api.Dot(60 + 3 * i, 40)))).JsonAsync(HttpStatusCode.OK);
        foreach (var (client, who) in new[] { (dee, "dee"), (eve, "eve") })
            await (await client.PostAsJsonAsync($"/api/trainees/{who}/applications", new { bodyId = "smp-guild" })).JsonAsync(HttpStatusCode.NoContent);
        var auditor = await SignInAsync("ada", "auditor", "smp-guild");
        var verdicts = new List<string>();
        foreach (var who in new[] { "dee", "eve" })
            verdicts.Add((string)(await (await auditor.GetAsync($"/api/audit/candidates/{who}/verification")).JsonAsync(HttpStatusCode.OK))["verdict"]!);
        Assert.That(verdicts, Is.EqualTo(new[] { "NOT VERIFIED", "UNANCHORED" }));
    }

    private async Task<string> CheckAsync()
    {
        var ready = await (await Anonymous().GetAsync("/health/ready")).JsonAsync(HttpStatusCode.OK);
        var check = ready["checks"]!["checkpoint-signing"]!;
        return (string)check["status"]! == "Healthy" ? "Healthy" : $"{check["status"]}: {check["description"]}";
    }
}
