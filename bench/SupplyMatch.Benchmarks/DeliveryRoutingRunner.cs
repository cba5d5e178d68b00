using System.Diagnostics;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/SupplyMatch.Benchmarks -- logistics-routes [--size LOTSxLINESxPRODUCTS]</c>: routes the
/// deliveries of one fixed plan in the <see cref="Variants"/> and prints routes, km, cost and time side by side, with the
/// plan's per-kg city delivery charge for comparison.
/// </summary>
public static class DeliveryRoutingRunner
{
    public static int Run(string[] args)
    {
        var options = LogisticsGapRunner.Options.Parse(args);
        var (problem, plan) = Plan(options.Text("size", "10000x20000x60"));
        Console.WriteLine($"plan: {plan.DeliveryRuns.Count} runs, {plan.DeliveryRuns.Sum(r => r.Stops.Count)} stops, {plan.DeliveryRuns.Sum(r => (long)r.TotalKg):N0} kg via centres, planned city delivery {plan.Objective.CityDeliveryCny:N0} CNY");
        Console.WriteLine("variant\troutes\tstops\tunrouted\tkm\tcost_cny\tfill_pct\tseconds");
        foreach (var (name, settings) in Variants())
        {
            var clock = Stopwatch.StartNew();
            var k = DeliveryRouting.Route(problem, plan, settings).Routing!;
            Console.WriteLine($"{name}\t{k.Routes}\t{k.Stops}\t{k.UnroutedStops}\t{k.Km:0.0}\t{k.CostCny:0.00}\t{k.AverageFillPercent:0.0}\t{clock.Elapsed.TotalSeconds:0.00}");
        }

        return 0;
    }

    /// <summary>The rounded-LP plan of a generated instance, without routes.</summary>
    public static (MatchingProblem Problem, LogisticsResult Plan) Plan(string size)
    {
        var parts = size.Split('x').Select(int.Parse).ToArray();
        var problem = LogisticsInstances.Generate(parts[0], parts[1], parts[2], 7, 42);
        var plan = LogisticsPlanner.Plan(problem, new LogisticsSettings { Workers = 2, Engine = LogisticsEngine.RoundedLp, BoundShare = 0, RouteDeliveries = false });
        return (problem, plan);
    }

    /// <summary>
    /// first-solution: path cheapest arc only; default: <see cref="LogisticsSettings"/> as shipped (descent to a local
    /// optimum); guided-up-to-60: guided local search on runs of up to 60 visits, descent above; guided-everywhere: guided
    /// local search on every run. Guided local search runs until its solution limit or the time budget, whichever first.
    /// </summary>
    public static IEnumerable<(string Name, LogisticsSettings Settings)> Variants() =>
    [
        ("first-solution", Settings(solutions: 1)),
        ("default", new LogisticsSettings { Workers = 2 }),
        ("guided-up-to-60", new LogisticsSettings { Workers = 2, RoutingGuidedMaxVisits = 60 }),
        ("guided-everywhere", new LogisticsSettings { Workers = 2, RoutingGuidedMaxVisits = int.MaxValue }),
    ];

    /// <summary>Routing stopped on the solution count only (the clock limit far away), two workers.</summary>
    public static LogisticsSettings Settings(int solutions) =>
        new() { Workers = 2, RoutingSolutionLimit = solutions, RoutingSecondsPerRun = 120 };
}
