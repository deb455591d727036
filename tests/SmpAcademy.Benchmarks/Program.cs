using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using SmpAcademy.Benchmarks;
using SmpAcademy.Benchmarks.Appends;

// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- --filter '*'   (add --job short for a quick look)
// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- append        (durable dots/s: grain vs raw Marten)
// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- verify        (hash-chain verification, 1M events)
// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- live          (dot → instructor latency at 1, 10, 100 trainees)
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

if (args is ["live", ..])
{
    await SmpAcademy.Benchmarks.Live.LiveLatency.RunAsync(args);
    return;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(DotsPerSecondColumn).Assembly)
    .Run(args, DefaultConfig.Instance.AddColumn(new DotsPerSecondColumn()));
DotsPerSecondColumn.PrintRatios(summaries);
