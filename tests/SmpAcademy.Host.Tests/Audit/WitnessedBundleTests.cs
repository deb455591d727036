using System.Net;
using System.Net.Http.Json;
using SmpAcademy.Audit.Bundles;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Audit.Witness;
using SmpAcademy.Cli.Commands;
using SmpAcademy.Domain.Audit;
using SmpAcademy.EventStore;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Audit;

/// <summary>
/// The attack a witness exists for: the operator, key and database in hand, rewrites a trainee's practice with every
/// link recomputed, throws the checkpoints away and signs new ones. The bundle is then self-consistent and verifies
/// with the platform's key; checked against the body's own witness, it fails, and the witness reports the fork.
/// </summary>
public class WitnessedBundleTests : HostFixture
{
    [Test]
    public async Task A_history_rewritten_after_the_body_witnessed_it_fails_against_the_witness()
    {
        var state = Path.Combine(DataDirectory, "witness");
        var key = (string)(await (await Anonymous().GetAsync("/api/audit/public-key")).JsonAsync(HttpStatusCode.OK))["publicKey"]!;
        var ivy = await SignInAsync("ivy", "trainee");
        var guild = await SignInAsync("gus", "auditor", "smp-guild");
        var admin = await SignInAsync("root", "admin");
        await ivy.EnrollAsync("ivy");
        var session = await ivy.StartSessionAsync("ivy");
        await (await ivy.PostAsJsonAsync($"/api/sessions/{session}/dots/batch", Enumerable.Range(0, 12).Select(i => Api.Dot(60 + 3 * (i % 4), 40 + 3 * (i / 4))))).JsonAsync(HttpStatusCode.OK);
        await (await ivy.PostAsync($"/api/sessions/{session}/complete", null)).JsonAsync(HttpStatusCode.NoContent);
        await (await ivy.PostAsJsonAsync("/api/trainees/ivy/applications", new { bodyId = "smp-guild" })).JsonAsync(HttpStatusCode.NoContent);
        await (await admin.PostAsync("/api/audit/checkpoints", null)).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostAsync("/api/audit/checkpoints", null)).JsonAsync(HttpStatusCode.OK);

        Assert.That(await WitnessAsync(state, key), Is.EqualTo(0));
        var honest = await BundleAsync(guild);
        Assert.That(Verify(honest, state), Is.EqualTo((0, true)), "the honest bundle's checkpoint is one the witness saw");

        // The rewrite: the session made to end three hours later (more practice time; no score changes, so re-scoring
        // has nothing to catch), every link recomputed, the checkpoints and the key's memory of them discarded.
        var stream = $"session-{Guid.Parse(session):N}";
        var later = DateTimeOffset.UtcNow.AddHours(3).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(await SqlAsync($"UPDATE {Schema}.mt_events SET data = jsonb_set(data, ARRAY[(SELECT k FROM jsonb_object_keys(data) k WHERE lower(k) = 'at')], to_jsonb('{later}'::text)) "
            + $"WHERE stream_id = '{stream}' AND version = (SELECT max(version) FROM {Schema}.mt_events WHERE stream_id = '{stream}')"), Is.GreaterThan(0));
        await using (var store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, Schema))
        {
            var head = HashChain.Genesis;
            foreach (var e in (await StoredRows.ReadStreamAsync(store, stream)).Events)
            {
                var entry = StoredRows.Entry(e, store.Options.Serializer());
                head = HashChain.Link(head, ChainSchemes.PrefixOf(entry.Scheme), entry.Preimage.Span);
                Assert.That(await SqlAsync($"UPDATE {Schema}.mt_events SET headers = jsonb_set(headers, '{{hash}}', to_jsonb('{head}'::text)) WHERE stream_id = '{stream}' AND version = {e.Version}"), Is.GreaterThan(0));
            }

            Assert.That((await ChainVerifier.VerifyAsync(store, stream)).Intact, Is.True, "the rewritten chain is self-consistent");
        }

        Assert.That(await SqlAsync($"DELETE FROM {Schema}.mt_doc_checkpoint"), Is.GreaterThan(0));
        File.Delete(Path.Combine(DataDirectory, CheckpointSigner.MemoryFileName));
        await (await admin.PostAsync("/api/audit/checkpoints", null)).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostAsync("/api/audit/checkpoints", null)).JsonAsync(HttpStatusCode.OK);

        var forged = await BundleAsync(guild);
        Assert.That(Verify(forged, null, "--key", key), Is.EqualTo((0, true)), "with the key alone the forgery passes: that is why witnesses exist");
        var refused = BundleCli.Verify(forged, "--witness", state);
        Assert.That(refused.Code, Is.EqualTo(1));
        Assert.That(refused.Output, Does.Contain("is not the one this witness saw").And.Contain("NOT VERIFIED"));

        // The witness, run again, reports the fork and keeps both signed statements as evidence.
        using (var output = new StringWriter())
        {
            Assert.That(await WitnessCommand.RunAsync("http://localhost", state, "", output, Anonymous()), Is.EqualTo(1));
            Assert.That(output.ToString(), Does.StartWith("FORK: checkpoint 2 is now"));
        }

        Assert.That(WitnessLog.Open(state).Held.Select(c => c.Id), Is.EqualTo(new[] { 2L }), "what the witness saw is unchanged");
    }

    private static async Task<byte[]> BundleAsync(HttpClient auditor)
    {
        var response = await auditor.GetAsync("/api/audit/candidates/ivy/bundle");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<int> WitnessAsync(string state, string key = "") =>
        await WitnessCommand.RunAsync("http://localhost", state, key, TextWriter.Null, Anonymous());

    /// <summary>Runs <c>smp audit verify</c> with the witness folder (or the options given): exit code, and whether it printed VERIFIED.</summary>
    private static (int Code, bool Verified) Verify(byte[] bundle, string? witness, params string[] options) =>
        BundleCli.Verify(bundle, witness is null ? options : ["--witness", witness, .. options]) is var r ? (r.Code, r.Verified) : default;
}
