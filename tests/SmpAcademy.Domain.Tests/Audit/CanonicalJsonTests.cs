using System.Text;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Domain.Tests.Audit;

public sealed class CanonicalJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_dot_is_written_with_its_data_once_and_reads_back_to_the_same_bytes()
    {
        var dot = new DotPlaced(Guid.Empty, 7, 1.5, 2.25, "1RL-0.25", 0.5, 0.6, At, 1, "pad", 100, 87.5, 92.25, DotFlags.Merge | DotFlags.Clumping);
        var bytes = CanonicalJson.Of(dot);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.That(text, Does.Not.Contain("Placement"), "the derived placement is not stored");
        Assert.That(text, Does.Contain("\"Flags\":\"Merge, Clumping\""));
        var back = (DotPlaced)CanonicalJson.Read(bytes, typeof(DotPlaced))!;
        Assert.That(CanonicalJson.Of(back), Is.EqualTo(bytes));
    }

    [Test]
    public void Dictionary_keys_are_sorted_whatever_order_they_were_added_in()
    {
        var a = new AttemptGraded(Guid.Empty, "ivy", new Dictionary<string, double> { ["b"] = 1, ["a"] = 2 }, GradeVerdict.SignedOff, "", At);
        var b = a with { Items = new Dictionary<string, double> { ["a"] = 2, ["b"] = 1 } };
        Assert.That(CanonicalJson.Of(a), Is.EqualTo(CanonicalJson.Of(b)));
        Assert.That(Encoding.UTF8.GetString(CanonicalJson.Of(a)), Does.Contain("{\"a\":2,\"b\":1}"));
    }

    [Test]
    public void Bytes_that_do_not_fit_the_type_read_as_nothing() =>
        Assert.That(CanonicalJson.Read("{\"Sequence\":\"seven\"}"u8, typeof(DotPlaced)), Is.Null);

    [Test]
    public void Stored_JSON_is_read_exactly_or_not_at_all()
    {
        var dot = new DotPlaced(Guid.NewGuid(), 7, 12.5, 40, "1RL-0.25", 0.5, 0.6, DateTimeOffset.UnixEpoch, 1, "pad", 100, 87.5, 92.25, DotFlags.Merge);
        var json = Encoding.UTF8.GetString(CanonicalJson.Of(dot));

        Assert.That(CanonicalJson.ReadExactly(Encoding.UTF8.GetBytes(json), typeof(DotPlaced)), Is.EqualTo(dot));
        Assert.That(CanonicalJson.ReadExactly(Encoding.UTF8.GetBytes(json.Replace("{", "{\"Extra\":1,", StringComparison.Ordinal)), typeof(DotPlaced)), Is.Null, "a member the type does not have");
        Assert.That(CanonicalJson.ReadExactly(Encoding.UTF8.GetBytes(json.Replace("\"Sequence\":7,", "", StringComparison.Ordinal)), typeof(DotPlaced)), Is.Null, "a member missing");
        Assert.That(CanonicalJson.ReadExactly(Encoding.UTF8.GetBytes(json.Replace("\"Needle\":\"1RL-0.25\"", "\"Needle\":null", StringComparison.Ordinal)), typeof(DotPlaced)), Is.Null, "a null the type does not allow");
    }
}
