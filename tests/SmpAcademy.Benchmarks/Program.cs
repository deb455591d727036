using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using SmpAcademy.Benchmarks;
using SmpAcademy.Benchmarks.Appends;

// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- --filter '*'   (add --job short for a quick look)
// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- append        (durable dots/s: grain vs raw Marten)
// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- verify        (hash-chain verification, 1M events)
// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- checkpoint    (a checkpoint's cost after 1,000 streams changed, of 10,000)
// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- memory        (an active 10k-dot session grain's memory)
// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- --filter '*CertificateCost*'   (issue and verify a certificate, against a bare Ed25519 verify)
// load with trainees and instructors watching: dotnet run -c Release --project src/SmpAcademy.Cli -- load
if (args is ["append", ..])
{
    await AppendThroughput.RunAsync(args);
    return;
}

if (args is ["verify", ..])
{
    await SmpAcademy.Benchmarks.Audit.VerifyThroughput.RunAsync(args);
    return;
}

if (args is ["checkpoint", ..])
{
    await SmpAcademy.Benchmarks.Audit.CheckpointCost.RunAsync(args);
    return;
}

if (args is ["memory", ..])
{
    SmpAcademy.Benchmarks.Sessions.SessionMemory.Run(args);
    return;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(DotsPerSecondColumn).Assembly)
    .Run(args, DefaultConfig.Instance.AddColumn(new DotsPerSecondColumn()));
DotsPerSecondColumn.PrintRatios(summaries);
