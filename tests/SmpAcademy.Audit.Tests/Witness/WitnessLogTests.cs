using SmpAcademy.Audit.Keys;
using SmpAcademy.Audit.Witness;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Audit.Tests.Witness;

/// <summary>The witness's checks on runs of statements signed with a real key: longer than a page, forked mid-run, renumbered, shrunk, damaged on disk.</summary>
public class WitnessLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private string _folder = null!;
    private CheckpointSigner _signer = null!;

    [SetUp]
    public void NewKey()
    {
        _folder = Path.Combine(Path.GetTempPath(), "smp-witness-" + Guid.NewGuid().ToString("N")[..8]);
        _signer = CheckpointSigner.Load(Path.Combine(_folder, "platform"));
    }

    [TearDown]
    public void Clean()
    {
        _signer.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task A_run_longer_than_a_page_is_read_page_by_page_and_kept()
    {
        var chain = Chain(WitnessLog.PageSize * 2 + 5);
        var log = Witness(chain[0]);
        var pages = 0;
        var result = await log.AcceptAsync(chain[^1], (from, to) => { pages++; return Run(chain)(from, to); });
        Assert.That((result.Verdict, result.Added, pages), Is.EqualTo((WitnessVerdict.Consistent, chain.Count - 1, 3)));
        Assert.That(WitnessLog.Open(State).Held.Select(c => c.Id), Is.EqualTo(chain.Select(c => c.Id)));
    }

    [Test]
    public async Task A_fork_in_the_middle_of_a_run_is_caught_and_nothing_is_kept()
    {
        var chain = Chain(10);
        var forked = chain.Take(5).Concat(Chain(10, chain[4], T0.AddYears(1)).Skip(5)).ToList();
        var log = Witness(chain[0]);
        var result = await log.AcceptAsync(forked[^1], Run(forked));
        Assert.That(result.Verdict, Is.EqualTo(WitnessVerdict.Fork), result.Message);
        Assert.That(WitnessLog.Open(State).Held, Has.Count.EqualTo(1));
    }

    [TestCase("renumbered")]
    [TestCase("unlinked")]
    [TestCase("shrunk")]
    public async Task A_run_that_does_not_extend_the_held_checkpoint_is_a_fork(string how)
    {
        var chain = Chain(3);
        var bad = how switch
        {
            "renumbered" => Sign(4, T0.AddMinutes(3), 3, chain[1]),
            "unlinked" => Sign(3, T0.AddMinutes(3), 3, chain[0]),
            _ => Sign(3, T0.AddMinutes(3), 1, chain[1]),
        };
        var log = Witness(chain[0]);
        await log.AcceptAsync(chain[1], Run(chain));
        var result = await log.AcceptAsync(bad, (from, to) => Task.FromResult<IReadOnlyList<Checkpoint>>([chain[1], bad]));
        Assert.That(result.Verdict, Is.EqualTo(WitnessVerdict.Fork), result.Message);
    }

    [Test]
    public void A_damaged_state_file_is_refused_on_open()
    {
        var chain = Chain(3);
        var log = Witness(chain[0]);
        Assert.That(log.AcceptAsync(chain[2], Run(chain)).Result.Verdict, Is.EqualTo(WitnessVerdict.Consistent));
        var file = Path.Combine(State, WitnessLog.LogFileName);
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, [lines[0], lines[2]]);
        Assert.That(() => WitnessLog.Open(State), Throws.TypeOf<InvalidDataException>().With.Message.Contain("numbers are skipped"));
        File.WriteAllText(file, "{not json");
        Assert.That(() => WitnessLog.Open(State), Throws.TypeOf<InvalidDataException>().With.Message.Contain("does not read"));
    }

    private string State => Path.Combine(_folder, "witness");

    private WitnessLog Witness(Checkpoint first)
    {
        var log = WitnessLog.Open(State);
        log.Pin(_signer.PublicKeyHex);
        Assert.That(log.AcceptAsync(first, (_, _) => Task.FromResult<IReadOnlyList<Checkpoint>>([])).Result.Verdict, Is.EqualTo(WitnessVerdict.Consistent));
        return log;
    }

    private List<Checkpoint> Chain(int count, Checkpoint? from = null, DateTimeOffset? at = null)
    {
        var chain = new List<Checkpoint>();
        for (var id = 1L; id <= count; id++)
            chain.Add(Sign(id, (at ?? T0).AddMinutes(id), 2, chain.Count == 0 ? from : chain[^1]));
        return chain;
    }

    private Checkpoint Sign(long id, DateTimeOffset at, int streams, Checkpoint? previous)
    {
        var heads = Enumerable.Range(0, streams).Select(i => new StreamHead($"s{i}", id, new string('0', 64)));
        var signed = Checkpoint.Sign(id, at, heads, previous, _signer.PublicKeyHex, _signer.Sign);
        return signed with { Heads = [], Proofs = [] };
    }

    /// <summary>What a platform serving <paramref name="chain"/> answers to from..to.</summary>
    private static Func<long, long, Task<IReadOnlyList<Checkpoint>>> Run(List<Checkpoint> chain) =>
        (from, to) => Task.FromResult<IReadOnlyList<Checkpoint>>([.. chain.Where(c => c.Id >= from && c.Id <= to)]);
}
