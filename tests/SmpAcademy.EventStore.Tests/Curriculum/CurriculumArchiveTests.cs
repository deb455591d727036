using System.Security.Cryptography;
using Marten;
using Npgsql;
using SmpAcademy.Curriculum;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore.Curriculum;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Testing;

namespace SmpAcademy.EventStore.Tests.Curriculum;

/// <summary>Curriculum files kept by digest in PostgreSQL: a pinned file outlives its edit on disk, an edited copy is not used, and a changed rubric stops the start.</summary>
public class CurriculumArchiveTests
{
    private string _schema = null!;
    private string _folder = null!;
    private NpgsqlDataSource _database = null!;

    [SetUp]
    public void CopyTheCurriculum()
    {
        _schema = TestDatabase.NewSchema();
        _database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        _folder = Directory.CreateTempSubdirectory("smp-archive-curriculum-").FullName;
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Curriculum, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(RepoPaths.Curriculum, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [TearDown]
    public async Task Clean()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string SkinFile => Path.Combine(_folder, "skins", "flat-practice-pad.yaml");

    private async Task<PinnedCurriculum> OpenAsync()
    {
        await using var connection = await _database.OpenConnectionAsync();
        return await CurriculumArchive.OpenAsync(connection, _schema, CurriculumLoader.Load(_folder));
    }

    [Test]
    public async Task A_file_pinned_by_digest_is_had_again_after_it_changes_on_disk()
    {
        var before = await OpenAsync();
        var pinned = before.Current.Skins["flat-practice-pad"];
        Assert.That(pinned.Digest, Is.EqualTo("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SkinFile)))), "the digest is the SHA-256 of the file's bytes");

        File.WriteAllText(SkinFile, File.ReadAllText(SkinFile).Replace("description:", "description: Edited.", StringComparison.Ordinal));
        var after = await OpenAsync();

        var today = after.Skin("flat-practice-pad", null)!;
        Assert.That(today.Digest, Is.Not.EqualTo(pinned.Digest));
        Assert.That(after.Skin("flat-practice-pad", pinned.Digest), Is.Not.Null.And.Property(nameof(pinned.Description)).EqualTo(pinned.Description));
        Assert.That(after.Skin("flat-practice-pad", today.Digest)!.Description, Does.StartWith("Edited."));
        Assert.That(after.Skin("flat-practice-pad", "sha256:" + new string('0', 64)), Is.Null, "a digest nobody kept is not answered with today's file");
        Assert.That(after.Skin("fue-scar-field", pinned.Digest), Is.Null, "a pinned file is read under its own name only");
    }

    [Test]
    public async Task A_kept_copy_edited_in_PostgreSQL_is_not_used()
    {
        var pinned = (await OpenAsync()).Current.Skins["flat-practice-pad"];
        File.AppendAllText(SkinFile, "\n# edited after sessions were pinned to it\n");
        await using (var edit = _database.CreateCommand($"UPDATE {_schema}.{CurriculumArchive.Table} SET content = convert_to(replace(convert_from(content, 'UTF8'), 'epidermisMm: 0.08', 'epidermisMm: 0.12'), 'UTF8') WHERE digest = @digest"))
        {
            edit.Parameters.AddWithValue("digest", pinned.Digest);
            Assert.That(await edit.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var archive = await OpenAsync();
        Assert.That(archive.Skin("flat-practice-pad", pinned.Digest), Is.Null, "its bytes no longer hash to the digest it is kept under");
        var session = Guid.NewGuid();
        var started = new SessionStarted(session, "ana", "smp-practitioner", "depth-ladder", "flat-practice-pad", Guid.NewGuid(), 1, 1, DateTimeOffset.UnixEpoch, [],
            archive.Current.Rubrics[1].Digest, pinned.Digest);
        var report = HistoryRescoring.RescoreAll([new RecordedEvent(Guid.NewGuid(), StreamKeys.Session(session), 1, started)], archive).Single();
        Assert.That(report.Mismatches.Single().Field, Is.EqualTo($"cannot re-score: skin flat-practice-pad ({pinned.Digest}) is not in the curriculum"));
    }

    [Test]
    public async Task A_rubric_file_that_no_longer_matches_stored_sessions_stops_the_start_naming_both_digests()
    {
        var recorded = (await OpenAsync()).Current.Rubrics[1].Digest;
        using (var store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, _schema))
        {
            var id = Guid.NewGuid();
            var started = new SessionStarted(id, "ana", "smp-practitioner", "depth-ladder", "flat-practice-pad", Guid.NewGuid(), 1, 1, DateTimeOffset.UnixEpoch, [], recorded, null);
            Assert.That(await new MartenJournal(store).AppendAsync(StreamKeys.Session(id), 0, [started]), Is.True);
        }

        await OpenAsync(); // unchanged: starts
        var rubric = Path.Combine(_folder, "rubrics", "v1.yaml");
        File.AppendAllText(rubric, "# a comment is enough: v1 must mean one file\n");
        var edited = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(rubric)));

        var drift = (await Assert.ThrowsAsync<CurriculumDriftException>(OpenAsync))!;
        Assert.That(drift.Problems, Is.EqualTo(new[] { $"rubrics/v1.yaml is not the file that scored 1 stored session(s): they recorded {recorded}, the file now is {edited}" }));
        Assert.That(drift.Message, Does.Contain("never edited").And.Contain(CurriculumArchive.Table));

        File.Delete(rubric);
        File.Copy(Path.Combine(RepoPaths.Curriculum, "rubrics", "v1.yaml"), rubric);
        Assert.That((await OpenAsync()).Current.Rubrics[1].Digest, Is.EqualTo(recorded), "the recorded file put back, it starts again");
    }
}
