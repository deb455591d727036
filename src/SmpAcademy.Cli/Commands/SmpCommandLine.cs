using System.CommandLine;
using SmpAcademy.Curriculum.Loading;

namespace SmpAcademy.Cli.Commands;

/// <summary>
/// <c>smp</c>'s commands, parsed by System.CommandLine: help on every command (<c>--help</c>), unknown options and
/// words refused, bad values a one-line error naming the option (exit 2), never a stack trace.
/// </summary>
public static class SmpCommandLine
{
    public const int UsageExitCode = 2;

    public static RootCommand Create()
    {
        var root = new RootCommand("smp — SmpAcademy command line: practise, check the curriculum, audit bundles and certificates, load-test")
        {
            DemoCommand.Create(), CurriculumCommand.Create(), AuditCommand.Create(), Load.LoadOptions.Command(), CertCommand.Create(),
        };
        root.SetAction(r => Help(r, root));
        return root;
    }

    /// <summary>Parses and runs a command line, writing to <paramref name="output"/> and errors to <paramref name="error"/>; its exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var result = Create().Parse(args is ["help", .. var rest] ? [.. rest, "--help"] : args);
        if (result.Errors.Count > 0)
            return Refuse(error, result, [.. result.Errors.Select(e => e.Message)]);
        try
        {
            return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            return Refuse(error, result, e.Message);
        }
        catch (CurriculumException e)
        {
            await error.WriteLineAsync($"smp: {e.Message}");
            return 1;
        }
    }

    private static int Refuse(TextWriter error, ParseResult result, params string[] messages)
    {
        foreach (var message in messages)
            error.WriteLine($"smp: {message}");
        var path = string.Join(' ', result.CommandResult.Command is RootCommand ? [] : Path(result.CommandResult));
        error.WriteLine($"see: smp {(path.Length == 0 ? "" : path + " ")}--help");
        return UsageExitCode;
    }

    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult command) =>
        command.Parent is System.CommandLine.Parsing.CommandResult parent && parent.Command is not RootCommand ? [.. Path(parent), command.Command.Name] : [command.Command.Name];

    private static int Help(ParseResult result, RootCommand root)
    {
        // `smp` alone: what the commands are, as `smp --help` says it.
        return root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = result.InvocationConfiguration.Output });
    }
}
