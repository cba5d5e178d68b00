using BenchmarkDotNet.Running;
using SupplyMatch.Benchmarks;

if (args.Length > 0 && args[0].StartsWith("logistics-", StringComparison.Ordinal))
{
    return LogisticsCommands.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
