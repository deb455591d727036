using SmpAcademy.Cli.Commands;
using SmpAcademy.Curriculum.Loading;

const string Usage = """
    smp — SmpAcademy command line

      smp demo [--skin ID] [--session N] [--skill good|sloppy|deep-handed|grid-like] [--dots N] [--seed N] [--needle ID] [--spacing MM]
          a simulated trainee practises on a curriculum skin; every dot is scored
      smp curriculum validate [--curriculum DIR]
          load and check every curriculum file
      smp audit verify BUNDLE [--key HEX] [--witness DIR]
          check an audit bundle offline: files, hash chains, signed checkpoints (with the platform's
          published key, GET /api/audit/public-key), re-scoring and the certification decision;
          with --witness, also that its checkpoint is one this witness saw (exit 0 verified,
          1 not verified, 3 unanchored)
      smp audit witness URL --state DIR [--key HEX]
          pull the platform's signed checkpoints, check their signatures and that they extend the
          ones kept in DIR, and keep them; the first run pins --key (exit 0 consistent, 1 fork,
          rollback or bad signature, 4 platform unreachable); run it on a schedule
      smp load [--trainees 200] [--instructors 20] [--rate 100] [--batch 10] [--seconds 60 | --dots N] [--skill good|…]
               [--transport mixed|signalr|http] [--url URL] [--json load-report.json] [--baselines yes|no]
          a class of simulated trainees placing dots at once with instructors watching; starts its own
          server (private PostgreSQL + host) unless --url; prints throughput, latencies, server CPU and
          memory, and raw Marten / binary COPY baselines from the same run
      smp cert verify FILE [--issuer DID] [--status-list FILE]
          check a certificate: signature, issuer, validity and revocation (status list fetched from the
          URL in the certificate unless given as a file)

    Options common to all: --curriculum DIR (default: the nearest curriculum/ folder, or $SMP_CURRICULUM)
    """;

try
{
    var line = new CommandLine(args);
    return line.Words switch
    {
        ["demo"] => DemoCommand.Run(line, Console.Out),
        ["curriculum", "validate"] => CurriculumCommand.Validate(line, Console.Out),
        ["audit", "verify", var bundle] => AuditCommand.Verify(line, bundle, Console.Out),
        ["audit", "witness", var url] => await WitnessCommand.RunAsync(line, url, Console.Out),
        ["load"] => await SmpAcademy.Cli.Load.LoadCommand.RunAsync(line, Console.Out),
        ["cert", "verify", var file] => await CertCommand.VerifyAsync(line, file, Console.Out),
        [] or ["help"] => Help(Console.Out),
        _ => throw new UsageException($"unknown command '{string.Join(' ', line.Words)}'"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"smp: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (CurriculumException e)
{
    Console.Error.WriteLine($"smp: {e.Message}");
    return 1;
}

static int Help(TextWriter output)
{
    output.WriteLine(Usage);
    return 0;
}
