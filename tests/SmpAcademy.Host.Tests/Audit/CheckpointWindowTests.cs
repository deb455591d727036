using SmpAcademy.Host.Audit;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.Tests.Audit;

/// <summary>The unanchored window is a setting with a sane default and range; a bad value stops the start with the setting named, not a crash.</summary>
public class CheckpointWindowTests
{
    private static TimeSpan Window(params (string Key, string? Value)[] settings) =>
        CheckpointWriter.IntervalFrom(TestSettings.Of(settings));

    [Test]
    public void It_is_a_minute_unless_set()
    {
        Assert.That(Window(), Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(Window((CheckpointWriter.Setting, "5")), Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(Window(("Smp:CheckpointMinutes", "10")), Is.EqualTo(TimeSpan.FromMinutes(10)), "the old setting is still read");
    }

    [TestCase("Smp:CheckpointMinutes", "100000")]
    [TestCase("Smp:CheckpointSeconds", "0")]
    [TestCase("Smp:CheckpointSeconds", "-5")]
    [TestCase("Smp:CheckpointSeconds", "soon")]
    [TestCase("Smp:CheckpointSeconds", "NaN")]
    public void Out_of_range_is_refused_with_the_setting_named(string key, string value)
    {
        var refusal = Assert.Throws<StartupRefusedException>(() => Window((key, value)))!;
        Assert.That(refusal.Message, Is.EqualTo($"{key} is '{value}': the time between signed checkpoints (how long an event may stay unanchored) is from 1 s to 86,400 s (a day)"));
    }

    [Test]
    public async Task The_host_given_one_does_not_start_and_says_why()
    {
        var (code, output) = await HostRun.RunToExitAsync(new Dictionary<string, string> { ["Smp__CheckpointMinutes"] = "100000" }, "--urls", "http://127.0.0.1:0");
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("SmpAcademy did not start: Smp:CheckpointMinutes is '100000'"));
    }
}
