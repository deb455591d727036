using SmpAcademy.Audit.Credentials.Rdf;

namespace SmpAcademy.Audit.Tests.Credentials.Rdf;

public sealed class NQuadsTests
{
    private const string XsdInteger = "http://www.w3.org/2001/XMLSchema#integer";

    [Test]
    public void Every_kind_of_term_is_read()
    {
        var quads = NQuads.Parse("""
            # a comment line, then a blank one

            <urn:ex:s> <urn:ex:p> "chat"@fr-CA <urn:ex:g> . # trailing comment
            _:b.0	<urn:ex:p>	"42"^^<http://www.w3.org/2001/XMLSchema#integer>	_:g1.
            _:s <urn:ex:p> "plain" .
            """);

        Assert.That(quads, Is.EqualTo(new[]
        {
            new RdfQuad(RdfTerm.Iri("urn:ex:s"), RdfTerm.Iri("urn:ex:p"), RdfTerm.Literal("chat", language: "fr-CA"), RdfTerm.Iri("urn:ex:g")),
            new RdfQuad(RdfTerm.Blank("b.0"), RdfTerm.Iri("urn:ex:p"), RdfTerm.Literal("42", XsdInteger), RdfTerm.Blank("g1")),
            new RdfQuad(RdfTerm.Blank("s"), RdfTerm.Iri("urn:ex:p"), RdfTerm.Literal("plain")),
        }));
    }

    [Test]
    public void Escapes_are_decoded()
    {
        var quad = NQuads.Parse("<urn:ex:\\u0073> <urn:ex:p> \"\\t\\b\\n\\r\\f\\\"\\'\\\\ \\u00e9 \\U0001F303\" .")[0];

        Assert.That(quad.Subject.Value, Is.EqualTo("urn:ex:s"));
        Assert.That(quad.Object.Value, Is.EqualTo("\t\b\n\r\f\"'\\ é 🌃"));
    }

    [Test]
    public void CR_LF_and_lone_CR_end_lines_and_count_once_each()
    {
        var error = Assert.Throws<FormatException>(() => NQuads.Parse("<urn:ex:s> <urn:ex:p> <urn:ex:o> .\r\n\r<urn:ex:s> <urn:ex:p> .\n"));

        Assert.That(error!.Message, Does.Contain("line 3"));
        Assert.That(NQuads.Parse("<urn:ex:s> <urn:ex:p> \"1\" .\r\n<urn:ex:s> <urn:ex:p> \"2\" .\r"), Has.Count.EqualTo(2));
    }

    [Test]
    public void Literals_are_written_in_canonical_form()
    {
        var quad = new RdfQuad(RdfTerm.Iri("urn:ex:s"), RdfTerm.Iri("urn:ex:p"), RdfTerm.Literal("\b\t\n\v\f\r\"\\\u0000\u001F\u007F é 🌃 \uFFFE \uD800x"));

        Assert.That(NQuads.Serialize(quad), Is.EqualTo(
            "<urn:ex:s> <urn:ex:p> \"\\b\\t\\n\\u000B\\f\\r\\\"\\\\\\u0000\\u001F\\u007F é 🌃 \\uFFFE \\uD800x\" .\n"));
    }

    [Test]
    public void Xsd_string_is_left_implicit_and_other_datatypes_and_language_tags_are_kept_as_given()
    {
        var s = RdfTerm.Iri("urn:ex:s");
        var p = RdfTerm.Iri("urn:ex:p");

        Assert.That(NQuads.Serialize(new RdfQuad(s, p, RdfTerm.Literal("a", RdfTerm.XsdString))), Is.EqualTo("<urn:ex:s> <urn:ex:p> \"a\" .\n"));
        Assert.That(NQuads.Serialize(new RdfQuad(s, p, RdfTerm.Literal("1", XsdInteger))), Is.EqualTo($"<urn:ex:s> <urn:ex:p> \"1\"^^<{XsdInteger}> .\n"));
        Assert.That(NQuads.Serialize(new RdfQuad(s, p, RdfTerm.Literal("a", language: "en-US"), RdfTerm.Blank("g"))), Is.EqualTo("<urn:ex:s> <urn:ex:p> \"a\"@en-US _:g .\n"));
    }

    [Test]
    public void Characters_an_IRI_cannot_hold_are_written_as_uchar()
    {
        var quad = new RdfQuad(RdfTerm.Iri("urn:ex:a b>\\"), RdfTerm.Iri("urn:ex:p"), RdfTerm.Iri("urn:ex:∞"));

        Assert.That(NQuads.Serialize(quad), Is.EqualTo("<urn:ex:a\\u0020b\\u003E\\u005C> <urn:ex:p> <urn:ex:∞> .\n"));
        Assert.That(NQuads.Parse(NQuads.Serialize(quad)), Is.EqualTo(new[] { quad }));
    }

    [Test]
    public void What_is_written_reads_back_the_same()
    {
        var quads = new List<RdfQuad>
        {
            new(RdfTerm.Blank("a"), RdfTerm.Iri("urn:ex:p"), RdfTerm.Literal("line\nnext \"quoted\" \\ \u0001 \u007F 🌃")),
            new(RdfTerm.Iri("https://example.org/s?q=1#f"), RdfTerm.Iri("urn:ex:p"), RdfTerm.Literal("x", language: "de"), RdfTerm.Iri("urn:ex:g")),
            new(RdfTerm.Blank("b"), RdfTerm.Iri("urn:ex:p"), RdfTerm.Literal("2.5", "http://www.w3.org/2001/XMLSchema#decimal"), RdfTerm.Blank("g")),
        };

        var document = NQuads.Serialize(quads);

        Assert.That(document.Split('\n'), Has.Length.EqualTo(4));
        Assert.That(NQuads.Parse(document), Is.EqualTo(quads));
    }

    [TestCase("<urn:ex:s> <urn:ex:p> <urn:ex:o>", "expected '.'")]
    [TestCase("<urn:ex:s> <urn:ex:p> <urn:ex:o> . <urn:ex:x>", "after '.'")]
    [TestCase("<s> <urn:ex:p> <urn:ex:o> .", "not absolute")]
    [TestCase("<urn:ex:s <urn:ex:p> <urn:ex:o> .", "not allowed in an IRI")]
    [TestCase("<urn:ex:s> <urn:ex:p> <urn:ex:o", "unterminated IRI")]
    [TestCase("<urn:ex:s> <urn:ex:p> \"open .", "unterminated string")]
    [TestCase("<urn:ex:s> <urn:ex:p> \"\\x\" .", "invalid escape")]
    [TestCase("<urn:ex:s> <urn:ex:p> \"\\u12\" .", "invalid \\u")]
    [TestCase("<urn:ex:s> <urn:ex:p> \"\\uD800\" .", "invalid \\u")]
    [TestCase("<urn:ex:s> <urn:ex:p> \"\\U00110000\" .", "invalid \\u")]
    [TestCase("<urn:ex:s> <urn:ex:p> \"a\"@ .", "empty language tag")]
    [TestCase("<urn:ex:s> <urn:ex:p> \"a\"@en- .", "empty language subtag")]
    [TestCase("<urn:ex:s> <urn:ex:p> \"a\"^<urn:ex:t> .", "'^^<'")]
    [TestCase("\"s\" <urn:ex:p> <urn:ex:o> .", "as subject")]
    [TestCase("<urn:ex:s> _:p <urn:ex:o> .", "as predicate")]
    [TestCase("<urn:ex:s> <urn:ex:p> o .", "as object")]
    [TestCase("_:.a <urn:ex:p> <urn:ex:o> .", "blank node label")]
    [TestCase("_a <urn:ex:p> <urn:ex:o> .", "'_:'")]
    [TestCase("<urn:ex:s> <urn:ex:p> <urn:ex:o> \"g\" .", "expected '.'")]
    public void Bad_input_is_refused_with_its_line(string statement, string reason)
    {
        var error = Assert.Throws<FormatException>(() => NQuads.Parse("<urn:ex:s> <urn:ex:p> <urn:ex:o> .\n" + statement + "\n"));

        Assert.That(error!.Message, Does.Contain("line 2").And.Contain(reason));
    }
}
