using BenchmarkDotNet.Attributes;
using Marten;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore;

namespace SmpAcademy.Benchmarks.Sessions;

/// <summary>
/// What each dot event costs on its way to the store, per event: Marten's serializer (the stored JSON),
/// the canonical form the hash chain covers, and the chain link itself (canonical JSON + SHA-256).
/// </summary>
[MemoryDiagnoser]
public class EventSerializationBenchmarks
{
    private readonly DotPlaced _dot = new(Guid.NewGuid(), 1234, 81.25, 40.5, "1RL-0.25", 0.52, 0.61, DateTimeOffset.UnixEpoch, 1, "crown", 97.5, 88.25, 91.0, DotFlags.Merge);
    private readonly string _head = HashChain.Genesis;
    private DocumentStore _store = null!;

    [GlobalSetup]
    public void Setup() => _store = DocumentStore.For(o => EventStoreSetup.Configure(o, "Host=127.0.0.1;Database=unused"));

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true, Description = "Marten serializer (stored JSON)")]
    public string MartenJson() => _store.Options.Serializer().ToJson(_dot);

    [Benchmark(Description = "canonical JSON (hashed form)")]
    public byte[] Canonical() => CanonicalJson.Of(_dot);

    [Benchmark(Description = "hash-chain link (canonical JSON + SHA-256)")]
    public string Link() => HashChain.LegacyLinkOf(_head, "session-0123456789abcdef0123456789abcdef", 1234, _dot);

    /// <summary>The chain check alone over 10,000 events already read and canonicalised: SHA-256 and compare, per call.</summary>
    [Benchmark(Description = "ChainCheck over 10k canonical events (per call)", OperationsPerInvoke = 10_000)]
    public long VerifyChain() => ChainCheck.Verify("bench", _chain, _chain.Length, inVersionOrder: true).Events;

    private ChainEntry[] _chain = [];

    [GlobalSetup(Target = nameof(VerifyChain))]
    public void SetupChain()
    {
        Setup();
        var head = HashChain.Genesis;
        _chain = [.. Enumerable.Range(1, 10_000).Select(v =>
        {
            var bytes = HashChain.LegacyPreimage("bench", v, "dot_placed_v1", CanonicalJson.Of(_dot with { Sequence = v }));
            head = HashChain.Link(head, bytes);
            return new ChainEntry(v, Guid.NewGuid(), ChainSchemes.Legacy, bytes, head, null);
        })];
    }

    [Benchmark(Description = "canonical JSON read back")]
    public object? ReadBack() => CanonicalJson.Read(_canonical, typeof(DotPlaced));

    private byte[] _canonical = [];

    [GlobalSetup(Target = nameof(ReadBack))]
    public void SetupRead()
    {
        Setup();
        _canonical = CanonicalJson.Of(_dot);
    }
}
