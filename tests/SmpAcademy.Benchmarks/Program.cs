using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using SmpAcademy.Benchmarks;
using SmpAcademy.Benchmarks.Appends;

// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- --filter '*'   (add --job short for a quick look)
// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- append        (durable dots/s: grain vs raw Marten)
if (args is ["append", ..])
{
    await AppendThroughput.RunAsync(args);
    return;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(DotsPerSecondColumn).Assembly)
    .Run(args, DefaultConfig.Instance.AddColumn(new DotsPerSecondColumn()));
DotsPerSecondColumn.PrintRatios(summaries);
