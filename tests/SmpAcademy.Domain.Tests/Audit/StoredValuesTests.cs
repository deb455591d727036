using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Domain.Tests.Audit;

public class StoredValuesTests
{
    [Test]
    public void Negative_zero_becomes_zero_and_nothing_else_changes()
    {
        Assert.That(double.IsNegative(StoredValues.PositiveZero(-0.0)), Is.False);
        foreach (var value in new[] { 0.0, 1.5, -1.5, double.Epsilon, -double.Epsilon, 1e308, -1e308 })
            Assert.That(BitConverter.DoubleToInt64Bits(StoredValues.PositiveZero(value)), Is.EqualTo(BitConverter.DoubleToInt64Bits(value)), $"{value}");
        Assert.That(StoredValues.PositiveZero((double?)null), Is.Null);
    }

    [TestCase("plain text, with tabs\tand\nlines\r\n", null)]
    [TestCase("emoji \ud83d\ude00 pair", null)]
    [TestCase("a\u0000b", "a NUL character at position 1")]
    [TestCase("\u001b[31mred", "a control character (U+001B) at position 0")]
    [TestCase("del \u007f", "a control character (U+007F) at position 4")]
    public void Text_that_cannot_be_stored_faithfully_is_named(string text, string? problem)
    {
        Assert.That(StoredValues.TextProblem(text), Is.EqualTo(problem));
        Assert.That(StoredValues.CheckText("the note", text)?.Message, problem is null ? Is.Null : Does.StartWith($"the note holds {problem}"));
    }

    /// <summary>Built at run time: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.</summary>
    [Test]
    public void Lone_surrogates_are_named_where_they_stand()
    {
        Assert.That(StoredValues.TextProblem("x" + (char)0xD83D), Is.EqualTo("a lone surrogate at position 1"));
        Assert.That(StoredValues.TextProblem((char)0xDE00 + "x"), Is.EqualTo("a lone surrogate at position 0"));
        Assert.That(StoredValues.TextProblem("a" + (char)0xDE00 + (char)0xD83D + "b"), Is.EqualTo("a lone surrogate at position 1"));
    }
}
