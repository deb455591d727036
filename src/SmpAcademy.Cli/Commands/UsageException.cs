namespace SmpAcademy.Cli.Commands;

/// <summary>The command line asks for something that cannot be done (an unknown skin, a missing folder): exit 2, one line.</summary>
public sealed class UsageException(string message) : Exception(message);
