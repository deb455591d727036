using System.Text;
using System.Text.Json.Nodes;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Domain.Tests.Audit;

/// <summary>Inputs and outputs from RFC 8785 and its reference test data (cyberphone/json-canonicalization).</summary>
public sealed class JcsTests
{
    private static string Canonical(string json) => Encoding.UTF8.GetString(Jcs.Canonicalize(JsonNode.Parse(json)));

    [Test]
    public void Arrays_keep_their_order_and_objects_sort_their_keys() =>
        Assert.That(Canonical("""[ 56, { "d": true, "10": null, "1": [ ] } ]"""), Is.EqualTo("""[56,{"1":[],"10":null,"d":true}]"""));

    [Test]
    public void Keys_sort_by_code_unit_not_by_locale() =>
        Assert.That(
            Canonical("""{ "peach": "a", "péché": "b", "pêche": "c", "sin": "d" }"""),
            Is.EqualTo("""{"peach":"a","péché":"b","pêche":"c","sin":"d"}"""));

    [Test]
    public void Nested_structures_sort_at_every_level() =>
        Assert.That(
            Canonical("""{ "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ {"e": "yes","E": "no" } ], "A": { } }"""),
            Is.EqualTo("""{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{"E":"no","e":"yes"}],"A":{},"a":{}}"""));

    [Test]
    public void Keys_sort_by_utf16_code_units_so_a_surrogate_pair_comes_before_U_FB33()
    {
        const string Input = """{ "\u20ac": "Euro Sign", "\r": "Carriage Return", "\u000a": "Newline", "1": "One", "\u0080": "Control\u007f", "\ud83d\ude02": "Smiley", "\u00f6": "Latin Small Letter O With Diaeresis", "\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge" }""";
        const string Expected = "{\"\\n\":\"Newline\",\"\\r\":\"Carriage Return\",\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u0080\":\"Control\u007f\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude02\":\"Smiley\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

        Assert.That(Jcs.Canonicalize(JsonNode.Parse(Input)), Is.EqualTo(Encoding.UTF8.GetBytes(Expected)));
    }

    [Test]
    public void Strings_escape_only_what_JSON_stringify_escapes()
    {
        const string Input = """{ "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false] }""";
        const string Expected = """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";

        Assert.That(Canonical(Input), Is.EqualTo(Expected));
    }

    [Test]
    public void Every_control_character_is_escaped_in_lowercase_hex_unless_it_has_a_short_form() =>
        Assert.That(
            Canonical("""["\u0000\u0001\u0008\u0009\u000a\u000b\u000c\u000d\u0010\u001F\u0020\u007f"]"""),
            Is.EqualTo("[\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u0010\\u001f \u007f\"]"));

    [Test]
    public void Unicode_is_written_literally_and_not_normalized() =>
        Assert.That(Jcs.Canonicalize(JsonNode.Parse("""{ "Unnormalized Unicode":"A\u030a" }""")), Is.EqualTo(new byte[] { 0x7b, 0x22, 0x55, 0x6e, 0x6e, 0x6f, 0x72, 0x6d, 0x61, 0x6c, 0x69, 0x7a, 0x65, 0x64, 0x20, 0x55, 0x6e, 0x69, 0x63, 0x6f, 0x64, 0x65, 0x22, 0x3a, 0x22, 0x41, 0xcc, 0x8a, 0x22, 0x7d }));

    [TestCase("1e21", "1e+21")]
    [TestCase("1e20", "100000000000000000000")]
    [TestCase("123e18", "123000000000000000000")]
    [TestCase("0.000001", "0.000001")]
    [TestCase("1e-7", "1e-7")]
    [TestCase("-1.5e-7", "-1.5e-7")]
    [TestCase("-0", "0")]
    [TestCase("5e-324", "5e-324")]
    [TestCase("1.7976931348623157e308", "1.7976931348623157e+308")]
    [TestCase("9007199254740993", "9007199254740992")]
    [TestCase("0.1", "0.1")]
    [TestCase("-12.75", "-12.75")]
    public void Numbers_follow_ECMAScript_Number_to_string(string json, string expected) =>
        Assert.That(Canonical(json), Is.EqualTo(expected));

    [Test]
    public void Numbers_outside_the_double_range_are_refused() =>
        Assert.Throws<NotSupportedException>(() => Jcs.Canonicalize(JsonNode.Parse("[1e400]")));

    [Test]
    public void Nodes_built_in_code_canonicalize_like_parsed_ones()
    {
        var built = new JsonObject { ["b"] = 56.0, ["a"] = new JsonArray(1, "x\u2028"), ["c"] = JsonValue.Create(DateTimeOffset.UnixEpoch) };

        Assert.That(Encoding.UTF8.GetString(Jcs.Canonicalize(built)), Is.EqualTo("{\"a\":[1,\"x\u2028\"],\"b\":56,\"c\":\"1970-01-01T00:00:00+00:00\"}"));
    }

    [Test]
    public void A_lone_surrogate_is_refused_rather_than_replaced() =>
        Assert.Throws<NotSupportedException>(() => Jcs.Canonicalize(new JsonObject { ["a"] = "\ud800" }));

    [TestCase("""{"a": 1, "a": 2}""")]
    [TestCase("""{"b": {"a": 1, "a": 2}}""")]
    [TestCase("""["\udc00"]""")]
    [TestCase("""{"\ud800": 1}""")]
    public void Parsed_JSON_that_repeats_a_name_or_is_not_UTF_16_is_refused(string json) =>
        Assert.Throws<NotSupportedException>(() => Jcs.Canonicalize(JsonNode.Parse(json)));

    private static readonly string[] Documents =
    [
        """[ 56, { "d": true, "10": null, "1": [ ] } ]""",
        """{ "peach": "a", "péché": "b", "pêche": "c", "sin": "d" }""",
        """{ "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ {"e": "yes","E": "no" } ], "A": { } }""",
        """{ "\u20ac": "Euro Sign", "\r": "Carriage Return", "\u000a": "Newline", "1": "One", "\u0080": "Control\u007f", "\ud83d\ude02": "Smiley", "\u00f6": "Latin Small Letter O With Diaeresis", "\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge" }""",
        """{ "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false] }""",
        """["\u0000\u0001\u0008\u0009\u000a\u000b\u000c\u000d\u0010\u001F\u0020\u007f"]""",
        """{"Sequence": 301.0, "X": -0, "Y": 12.50, "Big": 123456789012345678, "Tiny": -0.0000001, "Text": "é — ✓ \" \n"}""",
    ];

    /// <summary>The hash chain canonicalizes stored JSON text straight to bytes: that path must agree with the node path, document for document.</summary>
    [TestCaseSource(nameof(Documents))]
    public void Text_and_parsed_nodes_canonicalize_to_the_same_bytes(string json) =>
        Assert.That(Jcs.Canonicalize(Encoding.UTF8.GetBytes(json)), Is.EqualTo(Jcs.Canonicalize(JsonNode.Parse(json))));

    [TestCase("""{"a": 1, "a": 2}""")]
    [TestCase("""["\udc00"]""")]
    [TestCase("""{"\ud800": 1}""")]
    [TestCase("[1e400]")]
    [TestCase("{")]
    public void Text_that_JCS_cannot_express_is_refused(string json) =>
        Assert.Throws<NotSupportedException>(() => Jcs.Canonicalize(Encoding.UTF8.GetBytes(json)));
}
