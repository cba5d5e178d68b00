using BenchmarkDotNet.Attributes;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// City delivery routing of a fixed plan (the rounded-LP whole-truck plan of a generated instance, routing off): every
/// (centre, day) run routed with each allowed vehicle type, by guided local search stopped after 1 solution (the
/// path-cheapest-arc start), 200 (the default) and 2,000 solutions. Route quality for the same variants:
/// <c>logistics-routes</c> (<see cref="DeliveryRoutingRunner"/>).
/// </summary>
[MemoryDiagnoser]
public class DeliveryRoutingBenchmarks
{
    private MatchingProblem _problem = null!;
    private LogisticsResult _plan = null!;

    [Params("1000x2000x30", "10000x20000x60")]
    public string Size { get; set; } = "1000x2000x30";

    [GlobalSetup]
    public void Setup() => (_problem, _plan) = DeliveryRoutingRunner.Plan(Size);

    [Benchmark(Baseline = true)]
    public decimal FirstSolution() => Route(1);

    [Benchmark]
    public decimal Default() => Route(new LogisticsSettings().RoutingSolutionLimit);

    [Benchmark]
    public decimal Longer() => Route(2_000);

    private decimal Route(int solutions) => DeliveryRouting.Route(_problem, _plan, DeliveryRoutingRunner.Settings(solutions)).Routing!.CostCny;
}
