using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Marten;
using Npgsql;
using SmpAcademy.Audit.Bundles;
using SmpAcademy.Audit.Credentials;
using SmpAcademy.Curriculum;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Trainees;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.LocalServers.Postgres;
using SmpAcademy.Testing;

namespace SmpAcademy.EventStore.Tests.Audit;

/// <summary>
/// A history written by the release before hash scheme 2 (commit fd1cf71: tests/Fixtures/golden-v1, see its NOTES.md),
/// restored from its database dump: it must keep verifying under the scheme it was written with, its checkpoint must
/// hold, its sessions must re-score bit for bit and its decision come out as it did then; its exported bundle must
/// verify offline; and new events appended to its streams carry on the chain under the current scheme.
/// </summary>
public sealed partial class GoldenHistoryTests
{
    private static readonly string Fixture = Path.Combine(RepoPaths.Root, "tests", "Fixtures", "golden-v1");
    private static readonly string PublicKey = File.ReadAllText(Path.Combine(Fixture, "public-key.txt")).Trim();
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private string _schema = null!;
    private DocumentStore _store = null!;

    [OneTimeSetUp]
    public async Task RestoreTheDump()
    {
        _schema = TestDatabase.NewSchema();
        await RestoreAsync(Path.Combine(Fixture, "smp-schema.sql.gz"), _schema);
        _store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, _schema);
    }

    [OneTimeTearDown]
    public void DisposeStore() => _store?.Dispose();

    [Test]
    public async Task Every_stream_verifies_under_the_scheme_it_was_written_with()
    {
        var streams = await StoreScan.VerifyAllAsync(_store);

        Assert.That(streams, Has.Count.EqualTo(10));
        Assert.That(streams.Where(s => !s.Intact).Select(s => $"{s.Stream}: {s.Break!.Reason}"), Is.Empty);
        Assert.That(streams.Sum(s => s.Events), Is.EqualTo(229));
        Assert.That(streams.Select(s => (s.LegacyEvents == s.Events, s.Schemes)).Distinct(), Is.EqualTo(new[] { (true, ChainSchemes.Describe(ChainSchemes.Legacy)) }),
            "every link of the old release is scheme 1, and the verifier says what that scheme leaves uncovered");
        var single = await ChainVerifier.VerifyAsync(_store, StreamKeys.Trainee("ada"));
        Assert.That((single.Intact, single.Events), Is.EqualTo((true, 17L)));
    }

    [Test]
    public async Task Its_signed_checkpoint_still_holds()
    {
        var checkpoints = await Checkpoints.VerifyAllAsync(_store, PublicKey);

        Assert.That(checkpoints.Select(c => (c.CheckpointId, c.SignatureValid, string.Join("; ", c.Problems))), Is.EqualTo(new[] { (1L, true, "") }));
    }

    [Test]
    public async Task Its_sessions_rescore_bit_for_bit_and_its_decision_comes_out_as_it_did()
    {
        var curriculum = CurriculumLoader.Load(RepoPaths.Curriculum);
        var history = await TraineeHistory.LoadAsync(_store, "ada");

        var reports = HistoryRescoring.RescoreAll(history.Recorded, new PinnedCurriculum(curriculum, new Dictionary<string, byte[]>()));
        Assert.That(reports.Select(r => (r.Identical, r.Dots)).ToArray(), Is.EqualTo(new[] { (true, 39), (true, 35), (true, 21), (true, 30), (true, 25), (true, 20) }));

        var decision = CertificationRules.Decide("ada", curriculum.Programs[history.ProgramId!], history.Recorded);
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixture, "expected-decision.json")));
        var now = JsonSerializer.SerializeToNode(decision, ApiJson);
        Assert.That(JsonNode.DeepEquals(now, expected), Is.True, $"decided again:\n{now}\nthen:\n{expected}");
    }

    [Test]
    public void Its_exported_bundle_verifies_offline()
    {
        using var bundle = File.OpenRead(Path.Combine(Fixture, "bundle.zip"));
        var result = BundleVerifier.Verify(bundle, PublicKey);

        Assert.That(result.Problems, Is.Empty);
        Assert.That((result.Verified, result.TraineeId, result.Events, result.Streams), Is.EqualTo((true, "ada", 213L, 7)));
    }

    [Test]
    public async Task New_events_on_an_old_stream_carry_the_chain_on_under_the_current_scheme()
    {
        // A copy of its own: the other tests read the history as the old release left it.
        var schema = TestDatabase.NewSchema();
        await RestoreAsync(Path.Combine(Fixture, "smp-schema.sql.gz"), schema);
        using var store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, schema);
        var stream = StreamKeys.Trainee("ada");
        var before = await ChainVerifier.VerifyAsync(store, stream);
        Assert.That(await new MartenJournal(store).AppendAsync(stream, (int)before.Events, [new CourseDaysAdvanced("ada", Guid.NewGuid(), 1, DateTimeOffset.UnixEpoch)]), Is.True);

        var after = await ChainVerifier.VerifyAsync(store, stream);
        Assert.That((after.Intact, after.Events, after.LegacyEvents), Is.EqualTo((true, before.Events + 1, before.Events)), after.Break?.Reason);
        Assert.That(after.Schemes, Does.StartWith($"events 1–{before.Events}: scheme 1").And.Contain($"from {before.Events + 1}: scheme 2"));
    }

    [Test]
    public async Task Its_certificate_history_verifies_and_its_certificate_is_still_accepted()
    {
        var certificates = Path.Combine(Fixture, "certificate");
        var schema = TestDatabase.NewSchema();
        await RestoreAsync(Path.Combine(certificates, "smp-schema.sql.gz"), schema);
        using var store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, schema);
        Assert.That((await StoreScan.VerifyAllAsync(store)).Where(s => !s.Intact).Select(s => s.Break!.Reason), Is.Empty);
        Assert.That((await Checkpoints.VerifyAllAsync(store, PublicKey)).All(c => c.Holds), Is.True);
        using (var bundle = File.OpenRead(Path.Combine(certificates, "bundle.zip")))
            Assert.That(BundleVerifier.Verify(bundle, PublicKey).Problems, Is.Empty, "fay's bundle, with the program it was decided under");

        // The Open Badges credential the old release issued, checked as a wallet would: proof, issuer, and its status bit.
        var credential = JsonNode.Parse(File.ReadAllText(Path.Combine(certificates, "certificate.json")))!.AsObject();
        var issuer = File.ReadAllText(Path.Combine(certificates, "issuer-did.txt")).Trim();
        var at = DateTimeOffset.Parse((string)credential["validFrom"]!, System.Globalization.CultureInfo.InvariantCulture).AddHours(1);
        var check = CredentialVerifier.Verify(credential, at, [issuer]);
        Assert.That((check.Valid, string.Join("; ", check.Problems)), Is.EqualTo((true, "")));
        var list = JsonNode.Parse(File.ReadAllText(Path.Combine(certificates, "status-list.json")))!.AsObject();
        // Its signature still holds, but a list from before status lists carried validUntil no longer vouches for anything (deliberate: stale lists hid revocations).
        Assert.That(CredentialVerifier.VerifyStatusList(list, at, [issuer]).Problems, Is.EqualTo(new[] { "stale: the list has no validUntil, so nothing shows it is current; fetch the issuer's list now" }));
        Assert.That(StatusList.IsRevoked(list, OpenBadge.RevocationEntry(credential)!.Index), Is.False);
    }

    /// <summary>Loads a pg_dump of schema <c>smp</c> into <paramref name="schema"/> with psql (the dump holds COPY blocks).</summary>
    private static async Task RestoreAsync(string dump, string schema)
    {
        string sql;
        await using (var gz = new GZipStream(File.OpenRead(dump), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
            sql = await reader.ReadToEndAsync();
        // psql before 15.14 knows no \restrict; every object of Marten's is mt_-prefixed ("smp-guild" in the data must stay).
        sql = Restrict().Replace(sql, "").Replace("CREATE SCHEMA smp;", $"CREATE SCHEMA {schema};", StringComparison.Ordinal);
        sql = SchemaPrefix().Replace(sql, schema + ".mt_");
        var file = Path.Combine(Path.GetTempPath(), $"golden-{schema}.sql");
        await File.WriteAllTextAsync(file, sql);
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString);
            var psql = new ProcessStartInfo(Path.Combine(PostgresBinaries.Find(), "psql"))
            {
                ArgumentList = { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", connection.Username!, "-d", connection.Database!, "-f", file },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            if (connection.Password is { } password)
                psql.Environment["PGPASSWORD"] = password;
            using var process = Process.Start(psql)!;
            var errors = process.StandardError.ReadToEndAsync();
            _ = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.That(process.ExitCode, Is.Zero, $"psql could not restore the golden history: {await errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"^\\(un)?restrict .*$", RegexOptions.Multiline)]
    private static partial Regex Restrict();

    [GeneratedRegex(@"\bsmp\.mt_")]
    private static partial Regex SchemaPrefix();
}
