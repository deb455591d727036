using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using SmpAcademy.Audit.Credentials.Rdf;

namespace SmpAcademy.Audit.Tests.Credentials.Rdf;

/// <summary>
/// The W3C RDFC-1.0 test suite (rdf-canon/README.md says which commit): one case per manifest entry, none excluded. Work
/// factors follow rdf-canonize's runner: "low" tests must pass with 0, "medium" with 2, "high" with 3.
/// </summary>
public sealed class Rdfc10SuiteTests
{
    private static readonly string Suite = Path.Combine(AppContext.BaseDirectory, "Credentials", "Rdf", "rdf-canon");

    /// <summary>One manifest entry; paths are relative to the suite folder.</summary>
    public sealed record Entry(string Id, string Type, string Action, string? Result, string Complexity, string? HashAlgorithm)
    {
        public override string ToString() => Id;
    }

    public static IEnumerable<TestCaseData> Entries()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Suite, "manifest.jsonld")));
        var cases = new List<TestCaseData>();
        foreach (var entry in manifest.RootElement.GetProperty("entries").EnumerateArray())
        {
            var test = new Entry(
                entry.GetProperty("id").GetString()!,
                entry.GetProperty("type").GetString()!,
                entry.GetProperty("action").GetString()!,
                entry.TryGetProperty("result", out var result) ? result.GetString() : null,
                entry.GetProperty("computationalComplexity").GetString()!,
                entry.TryGetProperty("hashAlgorithm", out var hash) ? hash.GetString() : null);
            cases.Add(new TestCaseData(test).SetName($"{test.Id.TrimStart('#')} {entry.GetProperty("name").GetString()}"));
        }
        // No silent pass: a missing or unreadable manifest must not turn into zero tests.
        if (cases.Count == 0)
            throw new InvalidOperationException($"The RDFC-1.0 manifest in {Suite} yields no tests.");
        return cases;
    }

    [TestCaseSource(nameof(Entries))]
    public void Manifest_entry(Entry test)
    {
        var dataset = NQuads.Parse(Read(test.Action));
        var workFactor = test.Complexity switch
        {
            "low" => 0,
            "medium" => 2,
            "high" => 3,
            _ => throw new InvalidOperationException($"Unknown computational complexity {test.Complexity}."),
        };
        var hash = test.HashAlgorithm is null ? HashAlgorithmName.SHA256 : new HashAlgorithmName(test.HashAlgorithm);

        switch (test.Type)
        {
            case "rdfc:RDFC10EvalTest":
                Assert.That(Rdfc10.Canonicalize(dataset, workFactor, hash), Is.EqualTo(Read(test.Result!)));
                break;
            case "rdfc:RDFC10MapTest":
                var expected = JsonSerializer.Deserialize<Dictionary<string, string>>(Read(test.Result!))!;
                Assert.That(Rdfc10.IssuedIdentifiers(dataset, workFactor, hash), Is.EquivalentTo(expected));
                break;
            case "rdfc:RDFC10NegativeEvalTest":
                Assert.Throws<RdfcWorkLimitException>(() => Rdfc10.Canonicalize(dataset, workFactor, hash));
                break;
            default:
                Assert.Fail($"Unknown test type {test.Type}.");
                break;
        }
    }

    [Test]
    public void Lines_are_sorted_by_code_point_not_by_UTF_16_code_unit()
    {
        // U+FFFD sorts before U+1F303 by code point, though its UTF-16 unit (0xFFFD) is above the surrogate 0xD83C.
        var dataset = NQuads.Parse("<urn:ex:s> <urn:ex:p> \"🌃\" .\n<urn:ex:s> <urn:ex:p> \"\uFFFD\" .\n");

        Assert.That(Rdfc10.Canonicalize(dataset), Is.EqualTo("<urn:ex:s> <urn:ex:p> \"\uFFFD\" .\n<urn:ex:s> <urn:ex:p> \"🌃\" .\n"));
    }

    [Test]
    public void Duplicate_quads_count_once()
    {
        var quad = new RdfQuad(RdfTerm.Blank("x"), RdfTerm.Iri("urn:ex:p"), RdfTerm.Literal("v"));

        Assert.That(Rdfc10.Canonicalize([quad, quad with { }]), Is.EqualTo("_:c14n0 <urn:ex:p> \"v\" .\n"));
        Assert.That(Rdfc10.IssuedIdentifiers([quad]), Is.EquivalentTo(new Dictionary<string, string> { ["x"] = "c14n0" }));
    }

    [Test]
    public void Blank_node_labels_and_quad_order_do_not_change_the_result()
    {
        var one = NQuads.Parse(Read("rdfc10/test021-in.nq"));
        var relabelled = one.Select(q => q with { Subject = Relabel(q.Subject), Object = Relabel(q.Object) }).Reverse().ToList();

        Assert.That(Rdfc10.Canonicalize(relabelled, 2), Is.EqualTo(Rdfc10.Canonicalize(one, 2)));

        static RdfTerm Relabel(RdfTerm term) => term.IsBlank ? RdfTerm.Blank("other" + term.Value) : term;
    }

    [Test]
    public void An_unsupported_hash_algorithm_and_a_negative_work_factor_are_refused()
    {
        var dataset = NQuads.Parse("_:x <urn:ex:p> _:y .\n");

        Assert.Throws<ArgumentException>(() => Rdfc10.Canonicalize(dataset, 1, HashAlgorithmName.MD5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rdfc10.Canonicalize(dataset, -1));
    }

    [Test]
    public void A_credential_sized_dataset_canonicalizes_in_well_under_a_millisecond()
    {
        var quads = new List<RdfQuad>();
        for (var i = 0; i < 100; i++)
            quads.Add(new RdfQuad(RdfTerm.Blank($"n{i % 10}"), RdfTerm.Iri($"https://example.org/p{i}"), RdfTerm.Literal($"value {i}")));
        Rdfc10.Canonicalize(quads); // warm up the JIT

        var clock = Stopwatch.StartNew();
        const int Runs = 50;
        for (var i = 0; i < Runs; i++)
            Rdfc10.Canonicalize(quads);

        Assert.That(clock.Elapsed / Runs, Is.LessThan(TimeSpan.FromMilliseconds(1)));
    }

    internal static string Read(string path) => File.ReadAllText(Path.Combine(Suite, path));
}
