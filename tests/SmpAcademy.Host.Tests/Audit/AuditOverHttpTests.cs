using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SmpAcademy.Audit.Bundles;

namespace SmpAcademy.Host.Tests.Audit;

/// <summary>Auditors see only their body's candidates, every read is recorded, and the exported bundle verifies offline.</summary>
public class AuditOverHttpTests : HostFixture
{
    private HttpClient _cal = null!;
    private HttpClient _guild = null!;
    private string _session = "";

    [OneTimeSetUp]
    public async Task CalPractisesAndApplies()
    {
        _cal = await SignInAsync("cal", "trainee");
        _guild = await SignInAsync("gus", "auditor", "smp-guild");
        await _cal.EnrollAsync("cal");
        _session = await _cal.StartSessionAsync("cal");
        await (await _cal.PostAsJsonAsync($"/api/sessions/{_session}/dots/batch", Enumerable.Range(0, 40).Select(i => Api.Dot(60 + 3 * (i % 8), 40 + 3 * (i / 8))))).JsonAsync(HttpStatusCode.OK);
        await (await _cal.PostAsync($"/api/sessions/{_session}/complete", null)).JsonAsync(HttpStatusCode.NoContent);

        await (await _guild.GetAsync("/api/audit/candidates/cal/verification")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await _cal.PostAsJsonAsync("/api/trainees/cal/applications", new { bodyId = "smp-guild" })).JsonAsync(HttpStatusCode.NoContent);
        var admin = await SignInAsync("root", "admin");
        await (await admin.PostAsync("/api/audit/checkpoints", null)).JsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task An_admin_cannot_write_a_trainees_practice_and_what_it_does_write_is_attributed_to_it()
    {
        var admin = await SignInAsync("root", "admin");
        await (await admin.PostAsJsonAsync("/api/trainees/cal/sessions", new { exerciseId = "random-fill" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsJsonAsync($"/api/sessions/{_session}/dots", Api.Dot(10, 10))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsJsonAsync("/api/trainees/cal/enrollment", new { programId = "smp-practitioner" })).ProblemAsync(HttpStatusCode.Forbidden);

        // What an admin may do (assign an instructor) is recorded as the admin's, with the interface it came through.
        await (await admin.PostAsJsonAsync("/api/trainees/cal/instructors", new { instructorId = "ivy" })).JsonAsync(HttpStatusCode.NoContent);
        var timeline = await (await _guild.GetAsync("/api/audit/candidates/cal/timeline")).JsonAsync(HttpStatusCode.OK);
        var assigned = timeline["entries"]!.AsArray().Single(e => (string)e!["what"]! == "instructor ivy assigned")!;
        Assert.That((string)assigned["by"]!, Is.EqualTo("root (admin) via http"));
    }

    [Test]
    public async Task Numbers_a_database_administrator_respells_keep_their_value_in_every_audit_answer()
    {
        // 7 as 7.0, 40 as 40.000, a score with one more decimal: numerically equal, as jsonb keeps them; the integer sequence was once an HTTP 500.
        await using (var connection = new Npgsql.NpgsqlConnection(SmpAcademy.Testing.TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            await using var edit = new Npgsql.NpgsqlCommand(
                $"UPDATE {Schema}.mt_events SET data = data || jsonb_build_object('Sequence', (data->>'Sequence')::numeric + 0.0, 'Y', (data->>'Y')::numeric * 1.000, 'DepthScore', (data->>'DepthScore')::numeric * 1.0) WHERE stream_id = @s AND version = 8",
                connection)
            { Parameters = { new("s", $"session-{Guid.Parse(_session):N}") } };
            Assert.That(await edit.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var verification = await (await _guild.GetAsync("/api/audit/candidates/cal/verification")).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)verification["intact"]!, Is.True, verification.ToJsonString());
        var rescoring = await (await _guild.GetAsync("/api/audit/candidates/cal/rescoring")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((bool)rescoring["identical"]!, (int)rescoring["dots"]!), Is.EqualTo((true, 40)), rescoring.ToJsonString());
        await (await _guild.GetAsync("/api/audit/candidates/cal/decision")).JsonAsync(HttpStatusCode.OK);
        var replay = await (await _guild.GetAsync($"/api/audit/candidates/cal/sessions/{_session}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((long)replay["dots"]![6]!["sequence"]!, Is.EqualTo(7));
        var key = (string)(await (await Anonymous().GetAsync("/api/audit/public-key")).JsonAsync(HttpStatusCode.OK))["publicKey"]!;
        var bundle = await (await _guild.GetAsync("/api/audit/candidates/cal/bundle")).Content.ReadAsByteArrayAsync();
        Assert.That(Verify(bundle, key).Problems, Is.Empty);
    }

    [Test]
    public async Task The_candidate_list_comes_from_the_events_so_an_edited_read_model_changes_nothing()
    {
        var before = await (await _guild.GetAsync("/api/audit/candidates")).JsonAsync(HttpStatusCode.OK);
        var cal = before.AsArray().Single(c => (string)c!["traineeId"]! == "cal")!;
        Assert.That(((int)cal["sessions"]!, (bool)cal["historyIntact"]!), Is.EqualTo((1, true)));

        // The progress projection, as a database administrator could flatter it: 90 hours and every exercise passed.
        await using (var connection = new Npgsql.NpgsqlConnection(SmpAcademy.Testing.TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            await using var edit = new Npgsql.NpgsqlCommand(
                $"UPDATE {Schema}.mt_doc_traineeprogress SET data = data || '{{\"PracticeMinutes\": 5400, \"PassedExercises\": [\"random-fill\", \"depth-ladder\", \"final-assessment\"]}}'::jsonb WHERE id = 'trainee-cal'",
                connection);
            Assert.That(await edit.ExecuteNonQueryAsync(), Is.EqualTo(1), "the projection row is there to edit");
        }

        var after = await (await _guild.GetAsync("/api/audit/candidates")).JsonAsync(HttpStatusCode.OK);
        Assert.That(after.ToJsonString(), Is.EqualTo(before.ToJsonString()));
        var progress = await (await _cal.GetAsync("/api/trainees/cal/progress")).JsonAsync(HttpStatusCode.OK);
        Assert.That((double)progress["practiceMinutes"]!, Is.EqualTo(5400), "the trainee's own read model did change: only audit views are from events");
    }

    [Test]
    public async Task Applications_are_checked()
    {
        var dee = await SignInAsync("dee", "trainee");
        await (await dee.PostAsJsonAsync("/api/trainees/dee/applications", new { bodyId = "smp-guild" })).ProblemAsync(HttpStatusCode.Conflict, "not-enrolled");
        await dee.EnrollAsync("dee");
        await (await dee.PostAsJsonAsync("/api/trainees/dee/applications", new { bodyId = "nobody" })).ProblemAsync(HttpStatusCode.BadRequest, "unknown-body");
        await (await dee.PostAsJsonAsync("/api/trainees/dee/applications", new { bodyId = "pigment-standards-board" })).JsonAsync(HttpStatusCode.NoContent);
        await (await dee.PostAsJsonAsync("/api/trainees/dee/applications", new { bodyId = "pigment-standards-board" })).ProblemAsync(HttpStatusCode.Conflict, "already-applied");
        await (await _cal.PostAsJsonAsync("/api/trainees/dee/applications", new { bodyId = "smp-guild" })).ProblemAsync(HttpStatusCode.Forbidden);
        var profile = await (await dee.GetAsync("/api/trainees/dee")).JsonAsync(HttpStatusCode.OK);
        Assert.That(profile["appliedTo"]!.AsArray().Select(b => (string)b!), Is.EqualTo(new[] { "pigment-standards-board" }));
    }

    [Test]
    public async Task An_auditor_reads_the_timeline_in_words_and_replays_a_session_as_stored()
    {
        var timeline = await (await _guild.GetAsync("/api/audit/candidates/cal/timeline")).JsonAsync(HttpStatusCode.OK);
        var session = timeline["sessions"]!.AsArray().Single()!;
        Assert.That(((string)session["sessionId"]!, (string)session["status"]!, (int)session["dots"]!), Is.EqualTo((_session, "completed", 40)));
        var said = timeline["entries"]!.AsArray().Select(e => (string)e!["what"]!).ToArray();
        Assert.That(said, Does.Contain("enrolled in smp-practitioner").And.Contain("applied to smp-guild for smp-practitioner"));
        Assert.That(said.Count(w => w.StartsWith("completed: 40 dots", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", said));
        Assert.That(timeline["entries"]!.AsArray().Select(e => (string)e!["event"]!), Does.Not.Contain("dot_placed_v1"), "dots are counted, not listed");
        var by = timeline["entries"]!.AsArray().ToDictionary(e => (string)e!["what"]!, e => (string)e!["by"]!);
        Assert.That(by["enrolled in smp-practitioner"], Is.EqualTo("cal (trainee) via http"), "every event says who recorded it, from the caller's token");

        var replay = await (await _guild.GetAsync($"/api/audit/candidates/cal/sessions/{_session}")).JsonAsync(HttpStatusCode.OK);
        var dots = replay["dots"]!.AsArray();
        Assert.That(dots.Select(d => (long)d!["sequence"]!), Is.EqualTo(Enumerable.Range(1, 40).Select(i => (long)i)));
        Assert.That(((double)dots[9]!["x"]!, (double)dots[9]!["y"]!), Is.EqualTo((63.0, 43.0)), "dot 10 of the batch: x = 60 + 3 × (9 mod 8), y = 40 + 3 × ⌊9 ÷ 8⌋");
        Assert.That((string)replay["exerciseId"]!, Is.EqualTo("random-fill"));
        Assert.That(replay["pauses"]!.AsArray(), Is.Empty, "cal never paused; pauses are listed with their times for the replay");

        // A session id that is not this candidate's is not found, and says so.
        var other = await SignInAsync("olly", "trainee");
        await other.EnrollAsync("olly");
        var foreign = await other.StartSessionAsync("olly");
        await (await _guild.GetAsync($"/api/audit/candidates/cal/sessions/{foreign}")).ProblemAsync(HttpStatusCode.NotFound);

        var log = (await (await _guild.GetAsync("/api/audit/log")).JsonAsync(HttpStatusCode.OK)).AsArray().Select(e => (string)e!["what"]!).ToArray();
        Assert.That(log, Does.Contain("timeline").And.Contain($"session {_session}"));
    }

    [Test]
    public async Task Only_auditors_of_a_body_the_trainee_applied_to_may_read_and_each_read_is_recorded()
    {
        var board = await SignInAsync("bea", "auditor", "pigment-standards-board");
        var ivy = await SignInAsync("ivy", "instructor");
        foreach (var path in new[] { "verification", "rescoring", "decision", "bundle", "xapi", "timeline", $"sessions/{_session}" })
        {
            await (await board.GetAsync($"/api/audit/candidates/cal/{path}")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await _cal.GetAsync($"/api/audit/candidates/cal/{path}")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await ivy.GetAsync($"/api/audit/candidates/cal/{path}")).ProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await Anonymous().GetAsync("/api/audit/candidates/cal/decision")).JsonAsync(HttpStatusCode.Unauthorized);
        var candidates = await (await board.GetAsync("/api/audit/candidates")).JsonAsync(HttpStatusCode.OK);
        Assert.That(candidates.AsArray().Select(c => (string)c!["traineeId"]!), Does.Not.Contain("cal"));

        var auditor = await SignInAsync("ann", "auditor", "smp-guild");
        candidates = await (await auditor.GetAsync("/api/audit/candidates")).JsonAsync(HttpStatusCode.OK);
        Assert.That(candidates.AsArray().Select(c => (string)c!["traineeId"]!), Does.Contain("cal"));
        var verification = await (await auditor.GetAsync("/api/audit/candidates/cal/verification")).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)verification["intact"]!, Is.True, verification.ToJsonString());
        Assert.That(verification["streams"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That((string)verification["verdict"]!, Is.EqualTo("VERIFIED"), "in the words smp audit verify uses");
        Assert.That(verification["checkpoints"]!.AsArray(), Has.Count.EqualTo(1), "the latest checkpoint, which vouches for those before it");
        var rescoring = await (await auditor.GetAsync("/api/audit/candidates/cal/rescoring")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((bool)rescoring["identical"]!, (int)rescoring["dots"]!), Is.EqualTo((true, 40)));
        var decision = await (await auditor.GetAsync("/api/audit/candidates/cal/decision")).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)decision["certified"]!, Is.False);
        Assert.That(decision["requirements"]!.AsArray().Select(r => (string)r!["requirement"]!), Does.Contain("practice hours"));

        var xapi = (await (await auditor.GetAsync("/api/audit/candidates/cal/xapi")).JsonAsync(HttpStatusCode.OK)).AsArray();
        Assert.That(xapi.Select(x => (string)x!["verb"]!["id"]!), Is.EqualTo(new[] { "http://adlnet.gov/expapi/verbs/attempted", "http://adlnet.gov/expapi/verbs/completed" }));
        Assert.That(xapi.SelectMany(x => SmpAcademy.Audit.Xapi.XapiExport.Validate(x!.AsObject())), Is.Empty);

        var log = (await (await auditor.GetAsync("/api/audit/log")).JsonAsync(HttpStatusCode.OK)).AsArray()
            .Where(e => (string)e!["auditorId"]! == "ann").Select(e => ((string)e!["traineeId"]!, (string)e["what"]!)).ToArray();
        Assert.That(log, Is.EqualTo(new[] { ("*", "candidate list"), ("cal", "verification"), ("cal", "rescoring"), ("cal", "decision"), ("cal", "xapi export") }));
        var boardLog = (await (await board.GetAsync("/api/audit/log")).JsonAsync(HttpStatusCode.OK)).AsArray();
        Assert.That(boardLog.Select(e => (string)e!["traineeId"]!), Does.Not.Contain("cal"), "refused reads leave nothing behind");
    }

    [Test]
    public async Task The_exported_bundle_verifies_offline_and_any_change_to_it_is_caught()
    {
        var key = (string)(await (await Anonymous().GetAsync("/api/audit/public-key")).JsonAsync(HttpStatusCode.OK))["publicKey"]!;
        var response = await _guild.GetAsync("/api/audit/candidates/cal/bundle");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/zip"));
        var bundle = await response.Content.ReadAsByteArrayAsync();

        var clean = Verify(bundle, key);
        Assert.That(clean.Problems, Is.Empty);
        Assert.That(clean.Streams, Is.EqualTo(2));
        Assert.That(clean.Events, Is.GreaterThan(40));

        // Edit one dot's score inside the file, and fix the manifest so only the chain can notice.
        var edited = Rewrite(bundle, BundleLayout.Events, lines => ReplaceFirst(lines, "\"DepthScore\":", "\"DepthScore\":1"));
        Assert.That(Verify(edited, key).Problems, Has.Some.Contains($"session-").And.Some.Contains("no longer matches its hash"));

        // Said in another form than the one its link covers (here: a space), an event is refused rather than read.
        var reformatted = Rewrite(bundle, BundleLayout.Events, lines => ReplaceFirst(lines, "\"envelope\":{", "\"envelope\":{ "));
        Assert.That(Verify(reformatted, key).Problems, Has.Some.Contains("not in canonical form"));

        // Edit without fixing the manifest: caught before anything else.
        var sloppy = Rewrite(bundle, BundleLayout.Events, lines => lines.Replace("\"Needle\":\"1RL-0.25\"", "\"Needle\":\"3RL-0.30\"", StringComparison.Ordinal), fixManifest: false);
        Assert.That(Verify(sloppy, key).Problems, Has.Some.Contains("changed after export"));

        // Delete the last dot of the session and the stream's recorded length: the signed checkpoint disagrees.
        var truncated = Rewrite(bundle, BundleLayout.Events, lines => string.Join('\n', lines.Split('\n').Where(l => !l.Contains("\"version\":41}", StringComparison.Ordinal) || !l.Contains("session-", StringComparison.Ordinal))));
        Assert.That(Verify(truncated, key).Problems, Has.Some.Contains("missing").Or.Some.Contains("records"));

        // A decision that does not follow from the events.
        var flattered = Rewrite(bundle, BundleLayout.Decision, d => d.Replace("\"Certified\":false", "\"Certified\":true", StringComparison.Ordinal));
        Assert.That(Verify(flattered, key).Problems, Has.Some.Contains("decision.json does not follow"));

        // Checked against another key, the platform's signatures fail.
        Assert.That(Verify(bundle, new string('a', 64)).Problems, Has.Some.Contains("signature does not verify"));

        // The same checks from the command line, on files.
        Assert.That(Cli(bundle, "--key", key), Is.EqualTo((0, true)));
        Assert.That(Cli(flattered, "--key", key), Is.EqualTo((1, false)));
        Assert.That(Cli(bundle, "--key", new string('a', 64)), Is.EqualTo((1, false)));
    }

    [Test]
    public async Task A_forged_bundle_fails_even_when_its_manifest_is_made_to_match()
    {
        var key = (string)(await (await Anonymous().GetAsync("/api/audit/public-key")).JsonAsync(HttpStatusCode.OK))["publicKey"]!;
        // Practice after the fixture's checkpoint: the export anchors it before it hands the bundle over.
        var fen = await SignInAsync("fen", "trainee");
        await fen.EnrollAsync("fen");
        var session = await fen.StartSessionAsync("fen");
        await (await fen.PostAsJsonAsync($"/api/sessions/{session}/dots/batch", new[] { Api.Dot(20, 20), Api.Dot(23, 20), Api.Dot(26, 20) })).JsonAsync(HttpStatusCode.OK);
        await (await fen.PostAsync($"/api/sessions/{session}/complete", null)).JsonAsync(HttpStatusCode.NoContent);
        await (await fen.PostAsJsonAsync("/api/trainees/fen/applications", new { bodyId = "smp-guild" })).JsonAsync(HttpStatusCode.NoContent);
        var bundle = await (await _guild.GetAsync("/api/audit/candidates/fen/bundle")).Content.ReadAsByteArrayAsync();
        var clean = Verify(bundle, key);
        Assert.That((clean.Verdict, clean.Unanchored, clean.Problems), Is.EqualTo(("VERIFIED", 0L, Array.Empty<string>())), "the export anchored what it cites");

        // The checkpoint proves fen's heads by their paths in the signed tree: no other trainee's stream is named anywhere in the bundle.
        using (var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                Assert.That(reader.ReadToEnd(), Does.Not.Contain("trainee-cal").And.Not.Contain(Guid.Parse(_session).ToString("N")), entry.FullName);
            }
        }

        // A head or a proof altered (the manifest made to match): the signed tree no longer holds it.
        var proofs = JsonNode.Parse(Read(bundle, BundleLayout.Checkpoints))!.AsArray();
        Assert.That(proofs.Select(c => (int)c!["format"]!), Is.EqualTo(new[] { 2 }));
        var path = (string)proofs[0]!["proofs"]![0]!["path"]![0]!;
        var bent = Rewrite(bundle, BundleLayout.Checkpoints, text => ReplaceFirst(text, path, new string('0', 64)));
        Assert.That(Verify(bent, key).Problems, Has.Some.EqualTo("checkpoint " + (long)proofs[0]!["id"]! + ": the heads it lists are not the ones its signed tree holds (a head or an inclusion proof was altered)"));

        // No checkpoint at all (and the report made to say so): every other check holds, and the verdict says plainly that nothing is anchored.
        var stripped = Rewrite(Rewrite(bundle, BundleLayout.Checkpoints, _ => "[]"), BundleLayout.Report, r => ReplaceFirst(r, "<p>1 checkpoint(s)", "<p>0 checkpoint(s)"));
        var unanchored = Verify(stripped, key);
        Assert.That((unanchored.Verdict, unanchored.Verified, unanchored.Unanchored, unanchored.Problems), Is.EqualTo(("UNANCHORED", false, unanchored.Events, Array.Empty<string>())));
        Assert.That(unanchored.Notes, Has.Some.Contains("no signed checkpoint").And.Some.Contains($"not anchored: session-"));
        Assert.That(Cli(stripped, "--key", key), Is.EqualTo((SmpAcademy.Cli.Commands.AuditCommand.UnanchoredExitCode, false)));

        // A whole session, taken out of the events and the stream list alike.
        var stream = $"session-{Guid.Parse(session):N}";
        var without = Rewrite(Rewrite(bundle, BundleLayout.Events, lines => string.Join('\n', lines.Split('\n').Where(l => !l.Contains($"\"stream\":\"{stream}\"", StringComparison.Ordinal)))),
            BundleLayout.Streams, list => new JsonArray([.. JsonNode.Parse(list)!.AsArray().Where(s => (string)s!["stream"]! != stream).Select(s => s!.DeepClone())]).ToJsonString());
        Assert.That(Verify(without, key).Problems, Has.Some.Contains($"session {session}, which fen opened (trainee stream), is missing from the bundle"));

        // Derived files with invented content.
        foreach (var (file, find, forged) in new[]
                 {
                     (BundleLayout.Report, "does not meet every requirement", "meets every requirement"),
                     (BundleLayout.Rescoring, "\"mismatches\": []", "\"mismatches\": [], \"note\": \"all fine\""),
                     (BundleLayout.Xapi, "\"completion\":true", "\"completion\":false"),
                 })
        {
            Assert.That(Verify(Rewrite(bundle, file, text => ReplaceFirst(text, find, forged)), key).Problems, Has.Some.EqualTo($"{file} does not follow from the bundled events: written again from them, it differs"), file);
        }

        // An xAPI export from before derivation 2 names none, and is derived again the old way (this history has no
        // grades, so only the named derivation differs): it verifies. A derivation the verifier does not know is refused, not guessed.
        var older = Rewrite(bundle, BundleLayout.Xapi, x => System.Text.RegularExpressions.Regex.Replace(x, ",\"[^\"]*/xapi/extensions/derivation\":2", ""));
        Assert.That(Read(older, BundleLayout.Xapi), Does.Not.Contain("/xapi/extensions/derivation"));
        Assert.That(Verify(older, key).Verdict, Is.EqualTo("VERIFIED"));
        var unknown = Rewrite(bundle, BundleLayout.Xapi, x => x.Replace("/xapi/extensions/derivation\":2", "/xapi/extensions/derivation\":9", StringComparison.Ordinal));
        Assert.That(Verify(unknown, key).Problems, Has.Some.Contains("follows xAPI derivation 9"));

        // A file the format does not know, listed in the manifest as if it belonged.
        Assert.That(Verify(Rewrite(bundle, BundleLayout.Manifest, m => m, add: ("notes/approved.txt", "approved by the board")), key).Problems,
            Has.Some.Contains("notes/approved.txt is not a file an audit bundle holds"));

        // Today's curriculum copy lowered (no practice hours): decisions use the program file cal enrolled in, by digest.
        var lowered = Rewrite(bundle, BundleLayout.CurriculumFolder + "programs/smp-practitioner.yaml", y => ReplaceFirst(y, "practiceHours: 90", "practiceHours: 0"));
        Assert.That(Verify(lowered, key).Verdict, Is.EqualTo("VERIFIED"), "the lowered copy decides nothing: the decision is the one the pinned file gives");
    }

    private static (int Code, bool Verified) Cli(byte[] bundle, params string[] options) => BundleCli.Verify(bundle, options) is var r ? (r.Code, r.Verified) : default;

    private static BundleVerification Verify(byte[] bundle, string key)
    {
        using var stream = new MemoryStream(bundle);
        return BundleVerifier.Verify(stream, key);
    }

    private static string ReplaceFirst(string text, string find, string replaceWith)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"'{find}' not found");
        return text[..at] + replaceWith + text[(at + find.Length)..];
    }

    private static string Read(byte[] bundle, string file)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(file)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Rewrites one file of the bundle and, unless told not to, its digest in the manifest.</summary>
    private static byte[] Rewrite(byte[] bundle, string file, Func<string, string> edit, bool fixManifest = true, (string Name, string Text)? add = null)
    {
        var files = new Dictionary<string, byte[]>();
        using (var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                using var copy = new MemoryStream();
                content.CopyTo(copy);
                files[entry.FullName] = copy.ToArray();
            }
        }

        var changed = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(files[file])));
        Assert.That(changed, add is null ? Is.Not.EqualTo(files[file]) : Is.Not.Null, "the edit must change something");
        files[file] = changed;
        if (add is var (extra, text))
            files[extra] = Encoding.UTF8.GetBytes(text);
        if (fixManifest)
        {
            var manifest = JsonNode.Parse(files[BundleLayout.Manifest])!;
            foreach (var name in new[] { file, add?.Name }.OfType<string>().Where(n => n != BundleLayout.Manifest))
                manifest["files"]![name] = Convert.ToHexStringLower(SHA256.HashData(files[name]));
            files[BundleLayout.Manifest] = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        }

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return output.ToArray();
    }
}
