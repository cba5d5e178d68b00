namespace SupplyMatch.Benchmarks;

/// <summary>The logistics runners that are not BenchmarkDotNet suites (one long solve each, with its trace).</summary>
public static class LogisticsCommands
{
    public static int Run(string[] args) => args[0] switch
    {
        "logistics-gap" => LogisticsGapRunner.Run(args),
        "logistics-strong-lp" => LogisticsStrongLp.Run(args),
        "logistics-dual" => LogisticsDualAscent.Run(args),
        "logistics-local" => LogisticsLocalSearch.Run(args),
        "logistics-gap-parts" => LogisticsGapParts.Run(args),
        "logistics-cluster-bound" => LogisticsClusterBound.Run(args),
        "logistics-solvers" => LogisticsSolverComparison.Run(args),
        "logistics-savings" => LogisticsSavingsRunner.Run(args),
        "logistics-routes" => DeliveryRoutingRunner.Run(args),
        _ => Unknown(args[0]),
    };

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"Unknown command '{command}'. Known: logistics-gap, logistics-gap-parts, logistics-cluster-bound, logistics-dual, logistics-local, logistics-routes, logistics-savings, logistics-solvers, logistics-strong-lp.");
        return 2;
    }
}
