using System.Diagnostics;
using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// <c>logistics-savings [--lots N] [--lines N] [--products N] [--seed N] [--time S]</c>: the per-kg allocation
/// (<see cref="Matcher.Solve"/>) loaded on trucks afterwards (direct trucks; or the same decisions routed through the
/// hubs) against whole-truck planning, all on the same objective, each plan re-checked by <see cref="LogisticsChecker"/>.
/// </summary>
internal static class LogisticsSavingsRunner
{
    public static int Run(string[] args)
    {
        var options = LogisticsGapRunner.Options.Parse(args);
        var problem = LogisticsInstances.Generate(options.Int("lots", 10_000), options.Int("lines", 20_000), options.Int("products", 60),
            options.Int("days", 7), options.Int("seed", 42));
        var settings = new LogisticsSettings { TimeLimitSeconds = options.Double("time", 60), Workers = options.Int("workers", 2), RouteDeliveries = false };
        Console.WriteLine($"load before: {LogisticsGapRunner.Load()}");
        var clock = Stopwatch.StartNew();
        var allocation = Matcher.Solve(problem);
        Console.WriteLine($"allocation (per kg, {allocation.Statistics.Solver}): {clock.Elapsed.TotalSeconds:0.0} s, objective at per-kg tariffs {allocation.ObjectiveCny:N0} CNY");
        var rows = new List<(string Name, LogisticsResult Result, double Seconds)>();
        foreach (var (name, plan) in new (string, Func<LogisticsResult>)[]
        {
            ("allocation on direct trucks", () => LogisticsPlanner.LoadAllocation(problem, allocation, settings)),
            ("allocation routed via hubs", () => LogisticsPlanner.LoadAllocation(problem, allocation, settings, routeThroughHubs: true)),
            ("whole-truck plan", () => LogisticsPlanner.Plan(problem, settings)),
        })
        {
            clock.Restart();
            var result = plan();
            rows.Add((name, result, clock.Elapsed.TotalSeconds));
        }

        Console.WriteLine($"load after: {LogisticsGapRunner.Load()}");
        Console.WriteLine("| plan | objective CNY | transport CNY | CNY/kg | trucks | fill % | truck-km | CO2 t | delivered kg | unmet penalty CNY | checker | s |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        foreach (var (name, r, seconds) in rows)
        {
            var k = r.Kpis;
            var check = LogisticsChecker.Check(problem, r, settings);
            Console.WriteLine($"| {name} | {r.ObjectiveCny:N0} | {k.TransportCostCny:N0} | {k.CostPerKgCny:0.000} | {k.Trucks:N0} | {k.AverageFillPercent:0.0} | {k.TruckKm:N0} | {k.Co2Kg / 1000:N1} | {k.AllocatedKg:N0} | {r.Objective.UnmetPenaltyCny:N0} | {(check.Ok ? "ok" : check.Issues.Count + " issues: " + check.Issues[0].Code)} | {seconds:0.0} |");
        }

        var joint = rows[^1].Result.ObjectiveCny;
        foreach (var (name, r, _) in rows.Take(2))
        {
            Console.WriteLine($"whole-truck plan saves {r.ObjectiveCny - joint:N0} CNY ({(r.ObjectiveCny - joint) / r.ObjectiveCny:P2} of the objective; transport {r.Kpis.TransportCostCny - rows[^1].Result.Kpis.TransportCostCny:N0} CNY) against: {name}");
        }

        return 0;
    }
}
