using SmpAcademy.Cli.Commands;

// smp --help lists the commands; smp COMMAND --help says what each takes.
return await SmpCommandLine.InvokeAsync(args, Console.Out, Console.Error);
