using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using SmpAcademy.Audit.Bundles;
using SmpAcademy.Host.Tests.Certificates;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Catalog;

/// <summary>
/// Curriculum files are pinned by digest: enrolments, sessions and certificates record the file they rest on, so
/// editing programs/ changes neither a certificate's bits nor a decision, a bundle proves which files it used, and
/// a rubric edited in place stops the server.
/// </summary>
public class CurriculumPinningTests : HostFixture
{
    private readonly string _curriculum = MiniCurriculum.Create();
    private string ProgramFile => Path.Combine(_curriculum, "programs", MiniCurriculum.ProgramId + ".yaml");

    protected override string CurriculumDirectory => _curriculum;

    [OneTimeTearDown]
    public void RemoveCurriculum() => Directory.Delete(_curriculum, recursive: true);

    private static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Test]
    public async Task A_certificate_and_a_decision_keep_their_program_when_its_file_is_renamed_and_changed_on_disk()
    {
        var enrolled = Sha256(File.ReadAllBytes(ProgramFile));
        await EarnAsync("fay");
        var gus = await SignInAsync("gus", "auditor", "smp-guild");
        var issued = (await (await gus.PostAsync("/api/audit/candidates/fay/certificates", null)).JsonAsync(HttpStatusCode.Created)).AsObject();
        var location = $"/api/bodies/smp-guild/certificates/{((string)issued["id"]!)["urn:uuid:".Length..]}";
        Assert.That(await StoredAsync("trainee_enrolled_v2", "ProgramDigest"), Is.EqualTo(new[] { enrolled }));
        Assert.That(await StoredAsync("certificate_issued_v4", "ProgramDigest"), Is.EqualTo(new[] { enrolled }));
        var rubric = Sha256(File.ReadAllBytes(Path.Combine(_curriculum, "rubrics", "v1.yaml")));
        var skin = Sha256(File.ReadAllBytes(Path.Combine(_curriculum, "skins", "flat-practice-pad.yaml")));
        Assert.That(await StoredAsync("session_started_v2", "RubricDigest"), Is.EqualTo(new[] { rubric }));
        Assert.That(await StoredAsync("session_started_v2", "SkinDigest"), Is.EqualTo(new[] { skin }));

        var original = await File.ReadAllTextAsync(ProgramFile);
        try
        {
            await File.WriteAllTextAsync(ProgramFile, original.Replace("name: Mini certificate (tests)", "name: Renamed certificate (tests)", StringComparison.Ordinal)
                .Replace("instructorSignOffs: 1", "instructorSignOffs: 2", StringComparison.Ordinal));
            await RestartHostAsync();
            gus = await SignInAsync("gus", "auditor", "smp-guild");

            var response = await (await SignInAsync("fay", "trainee")).GetAsync(location);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var again = await response.JsonAsync(HttpStatusCode.OK);
            Assert.That(again.ToJsonString(), Is.EqualTo(issued.ToJsonString()), "rebuilt from the program file its issuing event pinned, to the same bits");
            var decision = await (await gus.GetAsync("/api/audit/candidates/fay/decision")).JsonAsync(HttpStatusCode.OK);
            Assert.That((bool)decision["certified"]!, Is.True, "decided against the program as fay enrolled in it (one sign-off), not today's (two)");
            var programs = await (await gus.GetAsync("/api/programs")).JsonAsync(HttpStatusCode.OK);
            Assert.That(programs.AsArray().Select(p => (string)p!["name"]!), Does.Contain("Renamed certificate (tests)"), "the catalog shows today's file");

            await EarnAsync("gil");
            var gil = await (await gus.GetAsync("/api/audit/candidates/gil/decision")).JsonAsync(HttpStatusCode.OK);
            Assert.That((bool)gil["certified"]!, Is.False, "gil enrolled in today's program, which asks for two sign-offs");

            await BundleProvesItsFilesAsync(gus, enrolled);
        }
        finally
        {
            await File.WriteAllTextAsync(ProgramFile, original);
        }
    }

    /// <summary>fay's bundle carries the program she enrolled in by digest; a stand-in, even with a manifest made to match, is caught.</summary>
    private static async Task BundleProvesItsFilesAsync(HttpClient auditor, string enrolled)
    {
        var bundle = await (await auditor.GetAsync("/api/audit/candidates/fay/bundle")).Content.ReadAsByteArrayAsync();
        var pinned = BundleLayout.PinnedFile(enrolled);
        Assert.That(Verify(bundle).Problems, Is.Empty);
        var files = Entries(bundle);
        Assert.That(files.Keys, Does.Contain(pinned));
        Assert.That(Encoding.UTF8.GetString(files[pinned]), Does.Contain("instructorSignOffs: 1"));

        // The program she enrolled in, swapped for an easier one under the same name, manifest rewritten to match.
        var easier = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(files[pinned]).Replace("instructorSignOffs: 1", "instructorSignOffs: 0", StringComparison.Ordinal));
        Assert.That(Verify(Rebuild(files, f => f[pinned] = easier)).Problems, Has.Some.Contains($"{pinned} is not named by its content's digest"));

        // The same, filed under its own digest: the enrolment's digest then finds nothing.
        Assert.That(Verify(Rebuild(files, f =>
            {
                f.Remove(pinned);
                f[BundleLayout.PinnedFile(Sha256(easier))] = easier;
            })).Problems,
            Has.Some.Contains($"no program '{MiniCurriculum.ProgramId}' as the trainee enrolled in it"));
    }

    [Test]
    public async Task A_rubric_file_edited_on_disk_stops_the_server_naming_the_file_and_both_digests()
    {
        var trainee = await SignInAsync("hal", "trainee");
        await (await trainee.PostAsJsonAsync("/api/trainees/hal/enrollment", new { programId = MiniCurriculum.ProgramId })).JsonAsync(HttpStatusCode.NoContent);
        await trainee.StartSessionAsync("hal", "mini-exercise");
        var file = Path.Combine(_curriculum, "rubrics", "v1.yaml");
        var original = await File.ReadAllBytesAsync(file);
        try
        {
            await File.AppendAllTextAsync(file, "# tuned in place\n");
            var (code, output) = await HostRun.RunToExitAsync(HostSettings, "--urls", "http://127.0.0.1:0");
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("SmpAcademy did not start").And.Contain($"rubrics/v1.yaml is not the file that scored")
                .And.Contain($"they recorded {Sha256(original)}, the file now is {Sha256(File.ReadAllBytes(file))}"));
        }
        finally
        {
            await File.WriteAllBytesAsync(file, original);
        }
    }

    private async Task<string[]> StoredAsync(string type, string field)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand($"SELECT DISTINCT data->>'{field}' FROM {Schema}.mt_events WHERE type = @type", connection) { Parameters = { new("type", type) } };
        await using var rows = await query.ExecuteReaderAsync();
        var values = new List<string>();
        while (await rows.ReadAsync())
            values.Add(rows.GetString(0));
        return [.. values];
    }

    /// <summary>Enrol, practise the one exercise, get it signed off, apply to the guild.</summary>
    private Task EarnAsync(string trainee) => MiniCurriculum.EarnAsync(trainee, SignInAsync);

    private static BundleVerification Verify(byte[] bundle)
    {
        using var stream = new MemoryStream(bundle);
        return BundleVerifier.Verify(stream, null);
    }

    private static Dictionary<string, byte[]> Entries(byte[] bundle)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var entry = e.Open();
            using var copy = new MemoryStream();
            entry.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>The bundle with its files edited and its manifest rewritten to list exactly their new digests, as a forger would.</summary>
    private static byte[] Rebuild(Dictionary<string, byte[]> files, Action<Dictionary<string, byte[]>> edit)
    {
        var edited = new Dictionary<string, byte[]>(files);
        edit(edited);
        var manifest = JsonNode.Parse(edited[BundleLayout.Manifest])!.AsObject();
        manifest["files"] = new JsonObject(edited.Where(f => f.Key != BundleLayout.Manifest)
            .Select(f => KeyValuePair.Create(f.Key, (JsonNode?)Convert.ToHexStringLower(SHA256.HashData(f.Value)))));
        edited[BundleLayout.Manifest] = JsonSerializer.SerializeToUtf8Bytes(manifest);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in edited)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return output.ToArray();
    }
}
