using System.Text;
using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Audit.Tests.Credentials;

public sealed class MultibaseTests
{
    // Bitcoin Core's base58 test vectors (hex, base58).
    [TestCase("", "")]
    [TestCase("61", "2g")]
    [TestCase("626262", "a3gV")]
    [TestCase("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2")]
    [TestCase("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L")]
    [TestCase("bf4f89001e670274dd", "3SEo3LWLoPntC")]
    [TestCase("ecac89cad93923c02321", "EJDM8drfXA6uyA")]
    [TestCase("00000000000000000000", "1111111111")]
    public void Base58btc_matches_the_Bitcoin_vectors_both_ways(string hex, string base58)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.That(Base58Btc.Encode(bytes), Is.EqualTo(base58));
        Assert.That(Base58Btc.Decode(base58), Is.EqualTo(bytes));
    }

    [Test]
    public void Base58btc_round_trips_leading_zero_bytes_and_random_data()
    {
        var random = new Random(8785);
        for (var i = 0; i < 200; i++)
        {
            var data = new byte[random.Next(0, 70)];
            random.NextBytes(data);
            data.AsSpan(0, Math.Min(data.Length, random.Next(0, 4))).Clear();

            var encoded = Multibase.EncodeBase58Btc(data);

            Assert.That(encoded[0], Is.EqualTo('z'));
            Assert.That(Multibase.DecodeBase58Btc(encoded), Is.EqualTo(data), encoded);
        }
    }

    [Test]
    public void Hello_world_is_the_multibase_spec_example() =>
        Assert.That(Multibase.EncodeBase58Btc(Encoding.UTF8.GetBytes("Hello World!")), Is.EqualTo("z2NEpo7TZRRrLZSi2U"));

    [TestCase("z0OIl")]
    [TestCase("z2NEpo 7TZ")]
    [TestCase("2NEpo7TZRRrLZSi2U")]
    [TestCase("")]
    [TestCase("u2NEpo7TZRRrLZSi2U=")]
    public void Bad_base58btc_multibase_is_a_format_exception(string text) =>
        Assert.Throws<FormatException>(() => Multibase.DecodeBase58Btc(text));

    [Test]
    public void Base64url_uses_the_url_alphabet_without_padding()
    {
        var encoded = Multibase.EncodeBase64Url([0xfb, 0xff]);

        Assert.That(encoded, Is.EqualTo("u-_8"));
        Assert.That(Multibase.DecodeBase64Url(encoded), Is.EqualTo(new byte[] { 0xfb, 0xff }));
        Assert.That(Multibase.Decode(encoded), Is.EqualTo(new byte[] { 0xfb, 0xff }));
    }

    [TestCase("-_8")]
    [TestCase("u-_8=")]
    [TestCase("u+/8")]
    [TestCase("u-_ 8")]
    [TestCase("uA")]
    [TestCase("z-_8")]
    public void Bad_base64url_multibase_is_a_format_exception(string text) =>
        Assert.Throws<FormatException>(() => Multibase.DecodeBase64Url(text));

    [Test]
    public void An_unknown_multibase_prefix_is_a_format_exception() =>
        Assert.Throws<FormatException>(() => Multibase.Decode("mAQID"));

    [Test]
    public void A_hostile_megabyte_of_base58_is_refused_by_its_length_before_it_is_decoded()
    {
        var hostile = "z" + new string('z', 1 << 20); // decoding is quadratic: a megabyte would take minutes

        var refused = Assert.Throws<FormatException>(() => Multibase.DecodeBase58Btc(hostile))!;

        Assert.That(refused.Message, Does.Contain("far longer than any key or signature"));
        Assert.That(Base58Btc.Decode(new string('z', Base58Btc.MaxLength)), Has.Length.GreaterThan(1000), "the cap leaves room for anything genuine");
    }
}
