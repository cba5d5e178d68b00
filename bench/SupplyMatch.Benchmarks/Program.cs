using BenchmarkDotNet.Running;
using SupplyMatch.Benchmarks;

if (args.Length > 0 && args[0] == "phases")
{
    PhaseTimes.Run(args.Length > 1 ? args[1] : "gba-week");
    return 0;
}

if (args.Length > 0 && args[0].StartsWith("logistics-", StringComparison.Ordinal))
{
    return LogisticsCommands.Run(args);
}

if (args.Length > 0 && args[0] == "routing-solomon")
{
    return SolomonSetRunner.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
