using Marten;
using Npgsql;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Testing;

namespace SmpAcademy.EventStore.Tests.Audit;

/// <summary>Someone with database access edits, deletes, reorders or inserts events; verification must say where.</summary>
public class TamperTests
{
    private string _schema = null!;
    private DocumentStore _store = null!;
    private string _stream = null!;

    [SetUp]
    public async Task WriteAStream()
    {
        _schema = TestDatabase.NewSchema();
        _store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, _schema);
        var id = Guid.NewGuid();
        _stream = StreamKeys.Session(id);
        var at = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        object[] first = [new SessionStarted(id, "ana", "smp-practitioner", "depth-ladder", "flat-practice-pad", Guid.NewGuid(), 1, 1, at, []), Dot(id, 1), Dot(id, 2)];
        object[] second = [Dot(id, 3), Dot(id, 4), new SessionPaused(id, at)];
        Assert.That(await new MartenJournal(_store).AppendAsync(_stream, 0, first), Is.True);
        Assert.That(await new MartenJournal(_store).AppendAsync(_stream, 3, second), Is.True, "a second journal picks the chain up from the database");
    }

    [TearDown]
    public void DisposeStore() => _store.Dispose();

    private static DotPlaced Dot(Guid id, long sequence) =>
        new(id, sequence, 10 + sequence, 20, "1RL-0.25", 0.5, 0.6, DateTimeOffset.UnixEpoch, 1, "pad", 100, 87.5, 92.25, DotFlags.Merge);

    /// <summary>Both verifiers, one stream at a time and the whole-store scan, must find the same thing.</summary>
    private async Task<StreamVerification> VerifyAsync()
    {
        var single = await ChainVerifier.VerifyAsync(_store, _stream);
        var scanned = (await StoreScan.VerifyAllAsync(_store)).Single(v => v.Stream == _stream);
        Assert.That((scanned.Intact, scanned.Events, scanned.Break?.Version, scanned.Break?.Reason), Is.EqualTo((single.Intact, single.Events, single.Break?.Version, single.Break?.Reason)),
            "the whole-store scan agrees with the stream-by-stream check");
        return single;
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{s}", _schema, StringComparison.Ordinal), connection) { Parameters = { new() { ParameterName = "stream", Value = _stream } } };
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task An_untouched_stream_verifies()
    {
        var result = await VerifyAsync();
        Assert.That(result.Intact, Is.True, result.Break?.Reason);
        Assert.That(result.Events, Is.EqualTo(6));
        Assert.That(result.Head, Has.Length.EqualTo(64));
    }

    [Test]
    public async Task An_event_edited_in_postgresql_is_found()
    {
        await SqlAsync("UPDATE {s}.mt_events SET data = jsonb_set(data, ARRAY[(SELECT k FROM jsonb_object_keys(data) k WHERE lower(k) = 'shadescore')], '99.5') WHERE stream_id = @stream AND version = 4");
        var result = await VerifyAsync();
        Assert.That((result.Break?.Version, result.Break?.Reason), Is.EqualTo(((long?)4, "it no longer matches its hash: data edited (or the event moved)")));
        Assert.That(result.Break!.EventId, Is.Not.Null);
    }

    [Test]
    public async Task An_event_deleted_from_the_middle_is_found()
    {
        await SqlAsync("DELETE FROM {s}.mt_events WHERE stream_id = @stream AND version = 2");
        var result = await VerifyAsync();
        Assert.That(result.Break?.Version, Is.EqualTo(2));
        Assert.That(result.Break!.Reason, Does.Contain("event 2 is missing"));
    }

    [Test]
    public async Task An_event_deleted_from_the_end_is_found()
    {
        await SqlAsync("DELETE FROM {s}.mt_events WHERE stream_id = @stream AND version = 6");
        var result = await VerifyAsync();
        Assert.That(result.Break?.Version, Is.EqualTo(6));
        Assert.That(result.Break!.Reason, Does.Contain("records 6 events but 5"));
    }

    [Test]
    public async Task Events_reordered_in_postgresql_are_found()
    {
        await SqlAsync("""
            UPDATE {s}.mt_events SET version = -2 WHERE stream_id = @stream AND version = 2;
            UPDATE {s}.mt_events SET version = 2 WHERE stream_id = @stream AND version = 3;
            UPDATE {s}.mt_events SET version = 3 WHERE stream_id = @stream AND version = -2;
            """);
        var result = await VerifyAsync();
        Assert.That((result.Break?.Version, result.Break?.Reason), Is.EqualTo(((long?)2, "it no longer matches its hash: version edited (or the event moved)")));
    }

    [Test]
    public async Task An_event_appended_around_the_platform_is_found()
    {
        await using (var rogue = _store.LightweightSession())
        {
            rogue.Events.Append(_stream, new SessionResumed(Guid.Empty, DateTimeOffset.UnixEpoch));
            await rogue.SaveChangesAsync();
        }

        var result = await VerifyAsync();
        Assert.That(result.Break?.Version, Is.EqualTo(7));
        Assert.That(result.Break!.Reason, Does.Contain("carries no hash"));
    }

    [Test]
    public async Task A_copy_of_a_genuine_event_with_its_hash_inserted_elsewhere_is_found()
    {
        await SqlAsync("""
            INSERT INTO {s}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, is_archived)
            SELECT nextval('{s}.mt_events_sequence'), gen_random_uuid(), stream_id, 7, data, type, timestamp, tenant_id, mt_dotnet_type, headers, is_archived
            FROM {s}.mt_events WHERE stream_id = @stream AND version = 2;
            UPDATE {s}.mt_streams SET version = 7 WHERE id = @stream;
            """);
        var result = await VerifyAsync();
        Assert.That((result.Break?.Version, result.Break?.Reason), Is.EqualTo(((long?)7, "it no longer matches its hash: id, version edited (or the event moved)")));
    }

    /// <summary>Every column of mt_events that an auditor reads or a decision uses, edited alone: found at that event, the column named.</summary>
    [TestCase("timestamp = timestamp + interval '1 day'", "timestamp")]
    [TestCase("timestamp = timestamp + interval '1 microsecond'", "timestamp")]
    [TestCase("id = gen_random_uuid()", "id")]
    [TestCase("type = 'session_resumed_v1'", "type")]
    [TestCase("tenant_id = 'other-tenant'", "tenant")]
    [TestCase("data = jsonb_set(data, '{X}', '12.5')", "data")]
    [TestCase("headers = headers || '{\"actor\": {\"subject\": \"someone-else\"}}'", "headers")]
    [TestCase("headers = headers - 'facts'", "headers (the field digests are gone)")]
    public async Task A_column_edited_in_postgresql_is_found_at_that_event_and_named(string edit, string named)
    {
        await SqlAsync($"UPDATE {{s}}.mt_events SET {edit} WHERE stream_id = @stream AND version = 4");
        var result = await VerifyAsync();
        Assert.That((result.Break?.Version, result.Break?.Reason), Is.EqualTo(((long?)4, $"it no longer matches its hash: {named} edited (or the event moved)")));
    }

    [Test]
    public async Task Numbers_stored_in_another_but_equal_form_still_verify()
    {
        // 301 written as 301.0, and −0 as 0: the same JSON values, so the same canonical form (RFC 8785).
        await SqlAsync("UPDATE {s}.mt_events SET data = jsonb_set(jsonb_set(data, '{Sequence}', '4.0'), '{Y}', '20.000') WHERE stream_id = @stream AND version = 5");
        var result = await VerifyAsync();
        Assert.That(result.Intact, Is.True, result.Break?.Reason);
    }

    [Test]
    public async Task A_link_claiming_an_older_scheme_is_refused()
    {
        await SqlAsync("UPDATE {s}.mt_events SET headers = headers - 'scheme' WHERE stream_id = @stream AND version = 3");
        var result = await VerifyAsync();
        Assert.That(result.Break?.Version, Is.EqualTo(3));
        Assert.That(result.Break!.Reason, Does.Contain("never steps back to a weaker scheme"));
    }

    [Test]
    public async Task Every_new_event_is_linked_under_the_current_scheme()
    {
        var result = await VerifyAsync();
        Assert.That((result.LegacyEvents, result.Schemes), Is.EqualTo((0L, ChainSchemes.Describe(ChainSchemes.Current))));
    }
}
