using Marten;
using Npgsql;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Testing;

namespace SmpAcademy.EventStore.Tests.Audit;

public class CheckpointTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private string _schema = null!;
    private string _keys = null!;
    private DocumentStore _store = null!;
    private CheckpointSigner _signer = null!;
    private readonly string[] _streams = [StreamKeys.Session(Guid.NewGuid()), StreamKeys.Session(Guid.NewGuid())];

    [SetUp]
    public async Task WriteHistoryAndSignIt()
    {
        _schema = TestDatabase.NewSchema();
        _keys = Path.Combine(Path.GetTempPath(), "smp-keys-" + Guid.NewGuid().ToString("N")[..8]);
        _store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, _schema);
        _signer = CheckpointSigner.Load(_keys);
        foreach (var stream in _streams)
            Assert.That(await new MartenJournal(_store).AppendAsync(stream, 0, Enumerable.Range(0, 5).Select(i => (object)new SessionPaused(Guid.NewGuid(), T0.AddMinutes(i))).ToArray()), Is.True);
        await Checkpoints.CreateAsync(_store, _signer, T0);
    }

    [TearDown]
    public void Dispose()
    {
        _signer.Dispose();
        _store.Dispose();
        Directory.Delete(_keys, recursive: true);
    }

    private async Task SqlAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{s}", _schema, StringComparison.Ordinal), connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task A_checkpoint_over_untouched_history_holds_and_a_later_one_too()
    {
        await new MartenJournal(_store).AppendAsync(_streams[0], 5, [new SessionResumed(Guid.Empty, T0)]);
        var second = await Checkpoints.CreateAsync(_store, _signer, T0.AddHours(1));
        Assert.That(second.Heads.Single(h => h.Stream == _streams[0]).Version, Is.EqualTo(6));

        var results = await Checkpoints.VerifyAllAsync(_store, _signer.PublicKeyHex);

        Assert.That(results.Select(r => (r.CheckpointId, r.Holds)), Is.EqualTo(new[] { (1L, true), (2L, true) }));
    }

    [Test]
    public async Task A_rewrite_that_recomputes_the_chain_still_fails_the_signed_checkpoint()
    {
        // Edit event 2 of the first stream, then recompute every link after it, as an attacker with the database would.
        await SqlAsync("UPDATE {s}.mt_events SET data = jsonb_set(data, ARRAY[(SELECT k FROM jsonb_object_keys(data) k WHERE lower(k) = 'at')], '\"2030-01-01T00:00:00+00:00\"') WHERE stream_id = @s AND version = 2", ("s", _streams[0]));
        var head = Domain.Audit.HashChain.Genesis;
        foreach (var e in (await StoredRows.ReadStreamAsync(_store, _streams[0])).Events)
        {
            var entry = StoredRows.Entry(e, _store.Options.Serializer());
            head = Domain.Audit.HashChain.Link(head, Domain.Audit.ChainSchemes.PrefixOf(entry.Scheme), entry.Preimage.Span);
            await SqlAsync("UPDATE {s}.mt_events SET headers = jsonb_set(headers, '{hash}', to_jsonb(@h::text)) WHERE stream_id = @s AND version = @v", ("h", head), ("s", _streams[0]), ("v", e.Version));
        }

        Assert.That((await ChainVerifier.VerifyAsync(_store, _streams[0])).Intact, Is.True, "the rewritten chain is self-consistent");

        var result = (await Checkpoints.VerifyAllAsync(_store, _signer.PublicKeyHex)).Single();

        Assert.That(result.SignatureValid, Is.True);
        Assert.That(result.Problems, Has.Count.EqualTo(1));
        Assert.That(result.Problems[0], Does.StartWith(_streams[0]).And.Contain("differs from what checkpoint 1 signed"));

        // And the platform will not sign the forgery: the rewritten stream changed head, so the signer re-checks it.
        var refused = await Assert.ThrowsAsync<CheckpointRefusedException>(() => Checkpoints.CreateAsync(_store, _signer, T0.AddHours(1)));
        Assert.That(refused!.Problems, Is.EqualTo(new[] { $"{_streams[0]}: history up to version 5 differs from what checkpoint 1 signed (rewritten?)" }));
        Assert.That(await CountAsync(), Is.EqualTo(1), "nothing was signed");
    }

    [Test]
    public async Task Checkpoints_sign_a_tree_over_the_heads_and_chain_to_the_one_before()
    {
        await new MartenJournal(_store).AppendAsync(_streams[0], 5, [new SessionResumed(Guid.Empty, T0)]);
        var second = await Checkpoints.CreateAsync(_store, _signer, T0.AddHours(1));
        await using (var query = _store.QuerySession())
        {
            var first = await query.LoadAsync<Domain.Audit.Checkpoint>(1L);
            Assert.That((second.Format, second.TreeSize, second.Previous), Is.EqualTo((2, 2L, first!.Hash())));
        }

        // One stream's head with its proof, signed as the tree: the other stream's name is not in it, and it still holds.
        var one = second.For(new HashSet<string> { _streams[1] });
        Assert.That(one.Heads.Select(h => h.Stream), Is.EqualTo(new[] { _streams[1] }));
        Assert.That((one.HeadsProven(), CheckpointSigner.Verify(_signer.PublicKeyHex, one.SignedBytes(), one.Signature)), Is.EqualTo((true, true)));
        var moved = one with { Heads = [one.Heads[0] with { Version = 4 }] };
        Assert.That(moved.HeadsProven(), Is.False, "a head the tree does not hold");

        // A head edited in the stored checkpoint no longer makes the signed tree.
        await SqlAsync("UPDATE {s}.mt_doc_checkpoint SET data = jsonb_set(data, ARRAY[(SELECT k FROM jsonb_object_keys(data) k WHERE lower(k) = 'heads'), '0', 'Version'], '3') WHERE id = 2");
        var results = await Checkpoints.VerifyAllAsync(_store, _signer.PublicKeyHex);
        Assert.That(results[1].Problems, Has.Some.EqualTo("the heads it lists are not the ones its signed tree holds (a head or an inclusion proof was altered)"));
    }

    [Test]
    public async Task The_signer_refuses_a_chain_broken_since_the_last_checkpoint_and_names_the_event()
    {
        await new MartenJournal(_store).AppendAsync(_streams[1], 5, [new SessionResumed(Guid.Empty, T0), new SessionPaused(Guid.Empty, T0)]);
        await SqlAsync("UPDATE {s}.mt_events SET data = jsonb_set(data, ARRAY[(SELECT k FROM jsonb_object_keys(data) k WHERE lower(k) = 'at')], '\"2030-01-01T00:00:00+00:00\"') WHERE stream_id = @s AND version = 6", ("s", _streams[1]));

        var refused = await Assert.ThrowsAsync<CheckpointRefusedException>(() => Checkpoints.CreateAsync(_store, _signer, T0.AddHours(1)));

        Assert.That(refused!.Problems, Has.Count.EqualTo(1));
        Assert.That(refused.Problems[0], Does.StartWith($"{_streams[1]} event 6").And.Contain("no longer matches its hash"));
        Assert.That(await CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_signer_refuses_when_a_signed_stream_was_deleted_or_shortened()
    {
        await SqlAsync("DELETE FROM {s}.mt_events WHERE stream_id = @s", ("s", _streams[0]));
        await SqlAsync("DELETE FROM {s}.mt_events WHERE stream_id = @s AND version = 5", ("s", _streams[1]));
        await SqlAsync("UPDATE {s}.mt_streams SET version = 4 WHERE id = @s", ("s", _streams[1]));

        var refused = await Assert.ThrowsAsync<CheckpointRefusedException>(() => Checkpoints.CreateAsync(_store, _signer, T0.AddHours(1)));

        Assert.That(refused!.Problems, Is.EquivalentTo(new[]
        {
            $"{_streams[0]}: checkpoint 1 signed 5 event(s) of it, and it is gone (deleted?)",
            $"{_streams[1]}: checkpoint 1 signed 5 event(s) and 4 are left (deleted from the end?)",
        }));
    }

    [Test]
    public async Task Truncated_checkpoints_are_noticed_by_the_key_that_signed_them()
    {
        await SqlAsync("DELETE FROM {s}.mt_doc_checkpoint");

        var refused = await Assert.ThrowsAsync<CheckpointRefusedException>(() => Checkpoints.CreateAsync(_store, _signer, T0.AddHours(1)));

        Assert.That(refused!.Problems.Single(), Does.StartWith("checkpoint 1, which this key signed, is gone from the database or changed"));
        Assert.That(await CountAsync(), Is.EqualTo(0), "no new chain of checkpoints was begun over the gap");

        // An operator who reset the database on purpose says so by removing the key's memory.
        File.Delete(Path.Combine(_keys, CheckpointSigner.MemoryFileName));
        Assert.That((await Checkpoints.CreateAsync(_store, _signer, T0.AddHours(2))).Id, Is.EqualTo(1));
    }

    private async Task<long> CountAsync()
    {
        await using var query = _store.QuerySession();
        return await query.Query<Domain.Audit.Checkpoint>().CountAsync();
    }

    [Test]
    public async Task A_checkpoint_edited_in_the_database_or_signed_by_another_key_is_refused()
    {
        await SqlAsync("UPDATE {s}.mt_doc_checkpoint SET data = jsonb_set(data, ARRAY[(SELECT k FROM jsonb_object_keys(data) k WHERE lower(k) = 'at')], '\"2020-01-01T00:00:00+00:00\"')");
        Assert.That((await Checkpoints.VerifyAllAsync(_store, _signer.PublicKeyHex)).Single().SignatureValid, Is.False);

        using var other = CheckpointSigner.Load(Path.Combine(_keys, "other"));
        Assert.That((await Checkpoints.VerifyAllAsync(_store, other.PublicKeyHex)).Single().SignatureValid, Is.False);
        Assert.That(CheckpointSigner.Verify("not hex", [1, 2, 3], "00"), Is.False);
    }

    [Test]
    public void The_signing_key_is_kept_and_reloaded()
    {
        using var again = CheckpointSigner.Load(_keys);
        Assert.That(again.PublicKeyHex, Is.EqualTo(_signer.PublicKeyHex));
        var data = "heads"u8.ToArray();
        Assert.That(CheckpointSigner.Verify(_signer.PublicKeyHex, data, again.Sign(data)), Is.True);
    }

    [Test]
    public async Task A_schema_where_nothing_was_ever_written_gets_an_empty_checkpoint_not_a_missing_table()
    {
        // The first request of a new host can come before anything created the event tables.
        using var fresh = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, TestDatabase.NewSchema());
        using var signer = CheckpointSigner.Load(Path.Combine(_keys, "fresh"));
        Assert.That(await CheckpointLog.LatestAsync(fresh), Is.Null);

        var first = await Checkpoints.CreateAsync(fresh, signer, T0);

        Assert.That((first.Heads.Count, first.TreeSize), Is.EqualTo((0, 0L)));
        Assert.That((await CheckpointLog.LatestAsync(fresh))?.Signature, Is.EqualTo(first.Signature));
    }

    [Test]
    public async Task The_signer_reads_a_stream_only_from_its_signed_head_and_an_older_edit_still_fails_the_audit()
    {
        // An edit before the head checkpoint 1 signed, then honest growth: the new events chain on from the signed link.
        await SqlAsync("UPDATE {s}.mt_events SET data = jsonb_set(data, ARRAY[(SELECT k FROM jsonb_object_keys(data) k WHERE lower(k) = 'at')], '\"2030-01-01T00:00:00+00:00\"') WHERE stream_id = @s AND version = 2", ("s", _streams[0]));
        await new MartenJournal(_store).AppendAsync(_streams[0], 5, [new SessionResumed(Guid.Empty, T0)]);

        var second = await Checkpoints.CreateAsync(_store, _signer, T0.AddHours(1));

        // What it signs is true of the genuine chain; the edit is the audit's to find, and it does, at the event.
        Assert.That(second.Heads.Single(h => h.Stream == _streams[0]).Version, Is.EqualTo(6));
        var chain = await ChainVerifier.VerifyAsync(_store, _streams[0]);
        Assert.That((chain.Break?.Version, chain.Break?.Reason), Is.EqualTo(((long?)2, "it no longer matches its hash: data edited (or the event moved)")));
        Assert.That((await Checkpoints.VerifyAllAsync(_store, _signer.PublicKeyHex)).Select(r => r.Holds), Is.EqualTo(new[] { false, false }));
    }
}
