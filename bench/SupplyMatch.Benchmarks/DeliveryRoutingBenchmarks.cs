using BenchmarkDotNet.Attributes;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// City delivery routing of a fixed plan (the rounded-LP whole-truck plan of a generated instance, routing off): every
/// (centre, day) run routed with each allowed vehicle type: the path-cheapest-arc start alone against the default search
/// (descent to a local optimum). Guided local search takes seconds per run; it is compared in <c>logistics-routes</c>.
/// Route quality for the same variants:
/// <c>logistics-routes</c> (<see cref="DeliveryRoutingRunner"/>).
/// </summary>
[MemoryDiagnoser]
public class DeliveryRoutingBenchmarks
{
    private MatchingProblem _problem = null!;
    private LogisticsResult _plan = null!;

    [Params("200x400x20", "1000x2000x30")]
    public string Size { get; set; } = "1000x2000x30";

    [GlobalSetup]
    public void Setup() => (_problem, _plan) = DeliveryRoutingRunner.Plan(Size);

    [Benchmark(Baseline = true)]
    public decimal FirstSolution() => Route("first-solution");

    [Benchmark]
    public decimal Default() => Route("default");

    private decimal Route(string variant) =>
        DeliveryRouting.Route(_problem, _plan, DeliveryRoutingRunner.Variants().Single(v => v.Name == variant).Settings).Routing!.CostCny;
}
