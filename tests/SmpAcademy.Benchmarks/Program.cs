using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using SmpAcademy.Benchmarks;

// dotnet run -c Release --project tests/SmpAcademy.Benchmarks -- --filter '*'   (add --job short for a quick look)
var summaries = BenchmarkSwitcher.FromAssembly(typeof(DotsPerSecondColumn).Assembly)
    .Run(args, DefaultConfig.Instance.AddColumn(new DotsPerSecondColumn()));
DotsPerSecondColumn.PrintRatios(summaries);
