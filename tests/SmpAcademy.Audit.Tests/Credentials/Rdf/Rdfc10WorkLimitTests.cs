using System.Diagnostics;
using System.Text;
using SmpAcademy.Audit.Credentials.Rdf;

namespace SmpAcademy.Audit.Tests.Credentials.Rdf;

/// <summary>Untrusted credentials must not make a verifier spin: symmetric blank nodes hit the work limit quickly.</summary>
public sealed class Rdfc10WorkLimitTests
{
    [Test]
    public void The_poison_clique_fails_fast_with_the_default_work_factor()
    {
        var dataset = NQuads.Parse(Rdfc10SuiteTests.Read("rdfc10/test074-in.nq"));
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<RdfcWorkLimitException>(() => Rdfc10.Canonicalize(dataset));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
        Assert.That(error!.Message, Does.Contain("Hash N-Degree Quads"));
    }

    [Test]
    public void The_poison_clique_fails_within_seconds_even_at_the_suites_high_work_factor()
    {
        var dataset = NQuads.Parse(Rdfc10SuiteTests.Read("rdfc10/test074-in.nq"));
        var clock = Stopwatch.StartNew();

        Assert.Throws<RdfcWorkLimitException>(() => Rdfc10.Canonicalize(dataset, maxWorkFactor: 3));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Orderings_of_a_related_node_listed_once_per_graph_are_capped_although_few_deep_iterations_are_needed()
    {
        // Two identical stars; each leaf is linked from its centre in three graphs, so the centre's related list is the
        // multiset {leaf0 ×3, …, leaf4 ×3}: about 400 000 orderings but fewer than 500 deep iterations (1 728 allowed).
        var document = new StringBuilder();
        foreach (var star in new[] { "x1", "x2" })
            for (var leaf = 0; leaf < 5; leaf++)
                for (var graph = 0; graph < 3; graph++)
                    document.Append($"_:{star} <urn:ex:p> _:{star}leaf{leaf} <urn:ex:g{graph}> .\n");
        var dataset = NQuads.Parse(document.ToString());
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<RdfcWorkLimitException>(() => Rdfc10.Canonicalize(dataset, maxWorkFactor: 3));

        Assert.That(error!.Message, Does.Contain("permutations"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void A_work_factor_of_zero_allows_no_n_degree_hashing_and_the_default_of_one_is_linear()
    {
        // Expected values from rdf-canonize 5.0.0 with the same work factors.
        var distinct = NQuads.Parse("_:x <urn:ex:p> \"1\" .\n_:y <urn:ex:p> \"2\" .\n");
        var cycle = NQuads.Parse("_:x <urn:ex:p> _:y .\n_:y <urn:ex:p> _:x .\n");

        Assert.That(Rdfc10.Canonicalize(distinct, maxWorkFactor: 0), Is.EqualTo("_:c14n0 <urn:ex:p> \"2\" .\n_:c14n1 <urn:ex:p> \"1\" .\n"));
        Assert.Throws<RdfcWorkLimitException>(() => Rdfc10.Canonicalize(cycle, maxWorkFactor: 0));
        // Two symmetric nodes need four runs: more than 2^1, within 2^2.
        Assert.Throws<RdfcWorkLimitException>(() => Rdfc10.Canonicalize(cycle));
        Assert.That(Rdfc10.Canonicalize(cycle, maxWorkFactor: 2), Is.EqualTo("_:c14n0 <urn:ex:p> _:c14n1 .\n_:c14n1 <urn:ex:p> _:c14n0 .\n"));
    }

    [Test]
    public void A_huge_work_factor_saturates_instead_of_overflowing_into_no_work_at_all()
    {
        var dataset = NQuads.Parse(Rdfc10SuiteTests.Read("rdfc10/test021-in.nq"));

        Assert.That(Rdfc10.Canonicalize(dataset, int.MaxValue), Is.EqualTo(Rdfc10SuiteTests.Read("rdfc10/test021-rdfc10.nq")));
    }
}
