using System.IO.Compression;
using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Audit.Tests.Credentials;

public sealed class StatusListTests
{
    private const string Issuer = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
    private static readonly int[] Revoked = [0, 7, 8, 131071];

    private static JsonObject List(IEnumerable<int> revoked) =>
        StatusList.Build(SampleCertificates.ListUrl, Issuer, revoked, SampleCertificates.IssuedAt, SampleCertificates.IssuedAt + StatusList.Lifetime);

    private static string EncodedList(JsonObject list) => list["credentialSubject"]!["encodedList"]!.GetValue<string>();

    private static JsonObject WithEncodedList(string encodedList)
    {
        var list = List([]);
        list["credentialSubject"]!["encodedList"] = encodedList;
        return list;
    }

    private static string Gzipped(byte[] bits)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(bits);
        return Multibase.EncodeBase64Url(output.ToArray());
    }

    [TestCase(0, true)]
    [TestCase(7, true)]
    [TestCase(8, true)]
    [TestCase(131071, true)]
    [TestCase(1, false)]
    [TestCase(9, false)]
    [TestCase(131070, false)]
    public void Revoked_indexes_read_back_as_revoked_and_others_not(int index, bool revoked) =>
        Assert.That(StatusList.IsRevoked(List(Revoked), index), Is.EqualTo(revoked));

    [Test]
    public void The_bitstring_is_16_KB_with_index_0_as_the_most_significant_bit()
    {
        var encoded = EncodedList(List(Revoked));
        Assert.That(encoded, Does.StartWith("u").And.Not.Contain("="));
        using var gzip = new GZipStream(new MemoryStream(Multibase.DecodeBase64Url(encoded)), CompressionMode.Decompress);
        using var bits = new MemoryStream();
        gzip.CopyTo(bits);

        var bytes = bits.ToArray();

        Assert.That(bytes, Has.Length.EqualTo(16384));
        Assert.That(bytes[0], Is.EqualTo(0b1000_0001));
        Assert.That(bytes[1], Is.EqualTo(0b1000_0000));
        Assert.That(bytes[^1], Is.EqualTo(0b0000_0001));
        Assert.That(bytes[2..^1], Is.All.EqualTo(0));
    }

    [Test]
    public void The_list_credential_has_the_spec_shape()
    {
        var list = List([]);

        Assert.That(list["type"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "VerifiableCredential", "BitstringStatusListCredential" }));
        Assert.That(list["id"]!.GetValue<string>(), Is.EqualTo(SampleCertificates.ListUrl));
        Assert.That(list["issuer"]!.GetValue<string>(), Is.EqualTo(Issuer));
        Assert.That(list["credentialSubject"]!["id"]!.GetValue<string>(), Is.EqualTo(SampleCertificates.ListUrl + "#list"));
        Assert.That(list["credentialSubject"]!["type"]!.GetValue<string>(), Is.EqualTo("BitstringStatusList"));
        Assert.That(list["credentialSubject"]!["statusPurpose"]!.GetValue<string>(), Is.EqualTo("revocation"));
    }

    [Test]
    public void The_spec_example_list_has_nothing_revoked()
    {
        var list = WithEncodedList("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA");

        Assert.That(StatusList.IsRevoked(list, 0), Is.False);
        Assert.That(StatusList.IsRevoked(list, StatusList.Capacity - 1), Is.False);
    }

    [TestCase(-1)]
    [TestCase(StatusList.Capacity)]
    public void An_index_outside_the_list_is_unknown(int index) =>
        Assert.That(StatusList.IsRevoked(List(Revoked), index), Is.Null);

    [Test]
    public void A_longer_list_than_the_minimum_is_read_to_its_end()
    {
        var bits = new byte[StatusList.Capacity / 8 * 2];
        bits[^1] = 1;

        Assert.That(StatusList.IsRevoked(WithEncodedList(Gzipped(bits)), (StatusList.Capacity * 2) - 1), Is.True);
    }

    [Test]
    public void A_list_shorter_than_the_spec_minimum_is_unknown() =>
        Assert.That(StatusList.IsRevoked(WithEncodedList(Gzipped(new byte[1024])), 0), Is.Null);

    [TestCase("not multibase")]
    [TestCase("uAAAA")]
    [TestCase("zH4sIAAAAAAAAA")]
    [TestCase("u!!!!")]
    public void A_malformed_encoded_list_is_unknown(string encodedList) =>
        Assert.That(StatusList.IsRevoked(WithEncodedList(encodedList), 0), Is.Null);

    [TestCase("statusPurpose", "\"suspension\"")]
    [TestCase("type", "\"SomethingElse\"")]
    [TestCase("encodedList", "5")]
    public void A_list_that_is_not_a_revocation_bitstring_is_unknown(string member, string json)
    {
        var list = List(Revoked);
        list["credentialSubject"]![member] = JsonNode.Parse(json);

        Assert.That(StatusList.IsRevoked(list, 0), Is.Null);
    }

    [Test]
    public void A_list_that_repeats_a_member_name_is_unknown()
    {
        var text = List(Revoked).ToJsonString().Replace("\"statusPurpose\":", "\"statusPurpose\":\"suspension\",\"statusPurpose\":", StringComparison.Ordinal);

        Assert.That(StatusList.IsRevoked(JsonNode.Parse(text)!.AsObject(), 0), Is.Null);
    }

    [Test]
    public void A_missing_subject_is_unknown() =>
        Assert.That(StatusList.IsRevoked(new JsonObject { ["credentialSubject"] = "x" }, 0), Is.Null);

    [TestCase(-1)]
    [TestCase(StatusList.Capacity)]
    public void Building_with_an_index_outside_the_list_is_refused(int index) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => List([index]));

    [Test]
    public void The_signed_list_verifies_and_a_swapped_list_does_not()
    {
        using var temporary = new TemporarySigner();
        var signer = temporary.Signer;
        var signed = signer.Sign(StatusList.Build(SampleCertificates.ListUrl, signer.IssuerDid, Revoked, SampleCertificates.IssuedAt, SampleCertificates.IssuedAt + StatusList.Lifetime), SampleCertificates.IssuedAt);

        var check = CredentialVerifier.VerifyStatusList(signed, SampleCertificates.IssuedAt.AddMinutes(20), [signer.IssuerDid]);

        Assert.That(check.Problems, Is.Empty);
        Assert.That(check.CredentialId, Is.EqualTo(SampleCertificates.ListUrl));
        Assert.That(check.SubjectId, Is.EqualTo(SampleCertificates.ListUrl + "#list"));
        signed["credentialSubject"]!["encodedList"] = EncodedList(List([]));
        Assert.That(CredentialVerifier.VerifyStatusList(signed, SampleCertificates.IssuedAt.AddMinutes(20)).Problems, Is.EqualTo(new[] { CredentialVerifier.AlteredOrForged }));
    }

    [Test]
    public void A_list_past_its_validUntil_or_without_one_is_refused_as_stale_however_well_signed()
    {
        using var temporary = new TemporarySigner();
        var signer = temporary.Signer;
        var until = SampleCertificates.IssuedAt + StatusList.Lifetime;
        var signed = signer.Sign(StatusList.Build(SampleCertificates.ListUrl, signer.IssuerDid, [], SampleCertificates.IssuedAt, until), SampleCertificates.IssuedAt);

        Assert.That(CredentialVerifier.VerifyStatusList(signed, until, [signer.IssuerDid]).Problems, Is.Empty, "valid up to validUntil itself");
        Assert.That(CredentialVerifier.VerifyStatusList(signed, until.AddSeconds(1), [signer.IssuerDid]).Problems,
            Is.EqualTo(new[] { "stale: the list was valid until 2026-03-01T10:30:00Z; fetch the issuer's list now" }));

        var undated = StatusList.Build(SampleCertificates.ListUrl, signer.IssuerDid, [], SampleCertificates.IssuedAt, until);
        undated.Remove("validUntil");
        Assert.That(CredentialVerifier.VerifyStatusList(signer.Sign(undated, SampleCertificates.IssuedAt), SampleCertificates.IssuedAt, [signer.IssuerDid]).Problems,
            Is.EqualTo(new[] { "stale: the list has no validUntil, so nothing shows it is current; fetch the issuer's list now" }));
    }

    [Test]
    public void A_lists_window_starts_on_a_refresh_boundary_or_at_a_later_change_and_lasts_its_lifetime()
    {
        var now = new DateTimeOffset(2026, 3, 1, 10, 22, 41, 500, TimeSpan.Zero);
        var boundary = new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero);

        Assert.That(StatusList.Window(now, boundary.AddDays(-3)), Is.EqualTo((boundary, boundary + StatusList.Lifetime)), "nothing changed lately: the window's start");
        Assert.That(StatusList.Window(now.AddMinutes(7), boundary.AddDays(-3)), Is.EqualTo(StatusList.Window(now, boundary.AddDays(-3))), "the same list all through a window");
        var revoked = new DateTimeOffset(2026, 3, 1, 10, 20, 5, 900, TimeSpan.Zero);
        Assert.That(StatusList.Window(now, revoked), Is.EqualTo((revoked.AddMilliseconds(-900), boundary + StatusList.Lifetime)), "a change in the window dates the list, to the second");
        Assert.That(StatusList.Window(now, now.AddHours(1)).ValidFrom, Is.LessThanOrEqualTo(now), "never valid from the future");
        Assert.That(StatusList.Window(now.AddMinutes(15), boundary.AddDays(-3)).ValidFrom, Is.EqualTo(boundary.AddMinutes(15)), "the next window");
    }

    [Test]
    public void Building_a_list_that_is_never_valid_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusList.Build(SampleCertificates.ListUrl, Issuer, [], SampleCertificates.IssuedAt, SampleCertificates.IssuedAt));
}
