using SmpAcademy.Cli.Commands;

namespace SmpAcademy.Cli.Tests.Commands;

/// <summary>
/// The command line as a user meets it: help on every command, unknown options and bad values refused with one line
/// naming them and exit 2, before anything runs, and never a stack trace.
/// </summary>
public class SmpCommandLineTests
{
    private static async Task<(int Code, string Output, string Error)> SmpAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SmpCommandLine.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [TestCase("demo", "--skn", "x")]
    [TestCase("load", "--trainee", "3")]
    [TestCase("audit", "verify", "b.zip", "--witnes", "dir")]
    [TestCase("curriculum", "validate", "extra")]
    public async Task An_unknown_option_or_word_is_refused_and_nothing_runs(params string[] args)
    {
        var (code, output, error) = await SmpAsync(args);

        Assert.That((code, output), Is.EqualTo((SmpCommandLine.UsageExitCode, "")));
        Assert.That(error, Does.StartWith("smp: Unrecognized command or argument").And.Contain($"see: smp {args[0]}"));
    }

    [TestCase(new[] { "demo", "--skill", "excellent" }, "'excellent' not recognized")]
    [TestCase(new[] { "load", "--baselines", "false" }, "'false' not recognized")]
    [TestCase(new[] { "demo", "--dots", "abc" }, "--dots is a whole number ≥ 1, not 'abc'")]
    [TestCase(new[] { "demo", "--dots", "0" }, "--dots is a whole number ≥ 1, not '0'")]
    [TestCase(new[] { "load", "--rate", "-5" }, "--rate is a number > 0, not '-5'")]
    [TestCase(new[] { "load", "--rate", "NaN" }, "--rate is a number > 0, not 'NaN'")]
    [TestCase(new[] { "audit", "verify", "b.zip", "--key", "zz" }, "--key is the platform's Ed25519 public key: 64 hex digits")]
    [TestCase(new[] { "audit", "witness", "http://x" }, "Option '--state' is required")]
    [TestCase(new[] { "cert", "verify" }, "Required argument 'FILE' missing")]
    [TestCase(new[] { "audit", "verify", "/nonexistent/bundle.zip" }, "smp: no bundle at '/nonexistent/bundle.zip'")]
    [TestCase(new[] { "demo", "--skin", "moon" }, "smp: unknown skin 'moon'; skins: ")]
    [TestCase(new[] { "load", "--trainees", "2", "--instructors", "3" }, "--instructors must not exceed --trainees")]
    [TestCase(new[] { "load", "--in-flight", "5" }, "--in-flight is at most 4 (the hub's per-connection limit)")]
    [TestCase(new[] { "load", "--in-flight", "0" }, "--in-flight is a whole number ≥ 1, not '0'")]
    [TestCase(new[] { "load", "--durable", "no", "--url", "http://127.0.0.1:1" }, "--durable no needs the load's own server")]
    [TestCase(new[] { "load", "--sweep", "--dots", "100" }, "--sweep runs each step for --seconds; --dots does not apply")]
    [TestCase(new[] { "load", "--warm-up", "-1" }, "--warm-up is a number ≥ 0, not '-1'")]
    [TestCase(new[] { "load", "--sweep", "yes" }, "Unrecognized command or argument 'yes'")]
    public async Task A_bad_value_is_one_line_naming_it_with_exit_2(string[] args, string said)
    {
        var (code, output, error) = await SmpAsync(args);

        Assert.That((code, output), Is.EqualTo((SmpCommandLine.UsageExitCode, "")));
        Assert.That(error, Does.Contain(said).And.Not.Contain("   at "), "a message, not a stack trace");
    }

    [TestCase]
    [TestCase("--help")]
    [TestCase("help")]
    [TestCase("demo", "--help")]
    [TestCase("audit", "verify", "--help")]
    [TestCase("audit", "witness", "-h")]
    [TestCase("load", "--help")]
    [TestCase("cert", "verify", "--help")]
    [TestCase("help", "curriculum", "validate")]
    public async Task Every_command_has_help(params string[] args)
    {
        var (code, output, error) = await SmpAsync(args);

        Assert.That((code, error), Is.EqualTo((0, "")));
        Assert.That(output, Does.Contain("Usage:").And.Contain("Options:"));
    }

    [Test]
    public async Task A_good_command_line_runs_with_its_values()
    {
        var (code, output, error) = await SmpAsync("demo", "--dots", "5", "--skill", "sloppy", "--skin", "flat-practice-pad", "--seed", "3");

        Assert.That((code, error), Is.EqualTo((0, "")));
        Assert.That(output, Does.Contain("Simulated trainee: sloppy").And.Match(@"\b(\d) dots accepted, (\d) rejected"));
    }
}
