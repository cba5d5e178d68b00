using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// City delivery routes for a plan (MODEL.md "Logistics", delivery routes): one vehicle routing problem with time windows
/// per distribution centre and delivery day, solved once per vehicle type allowed on city runs; the cheapest complete answer
/// wins (fewest kg left unrouted, then lowest cost). Buyers whose kg exceed a vehicle are split over several visits. Every
/// delivery ends on a route or in <see cref="LogisticsResult.UnroutedDeliveries"/> with its reason.
/// </summary>
public static class DeliveryRouting
{
    /// <summary>The result with <see cref="LogisticsResult.Routes"/>, <see cref="LogisticsResult.UnroutedDeliveries"/> and <see cref="LogisticsResult.Routing"/> filled in.</summary>
    public static LogisticsResult Route(MatchingProblem problem, LogisticsResult result, LogisticsSettings settings, CancellationToken cancellationToken = default)
    {
        var legs = new NetworkLegs(problem.Reference, problem.Settings);
        var vehicles = problem.Reference.VehicleTypes.ToDictionary(v => v.Id, StringComparer.Ordinal);
        var runs = result.DeliveryRuns;
        var answers = new RunAnswer[runs.Count];
        var workers = Math.Max(1, settings.Workers ?? problem.Settings.Workers);
        Parallel.For(0, runs.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, r =>
        {
            var run = runs[r];
            answers[r] = run.VehicleTypeIds
                .Select(id => new DeliveryRunSolver(run, vehicles[id], legs, settings).Solve(cancellationToken))
                .OrderBy(a => a.UnroutedKg).ThenBy(a => a.CostCny).ThenBy(a => a.VehicleTypeId, StringComparer.Ordinal)
                .FirstOrDefault() ?? RunAnswer.NoVehicle(run);
        });

        var routes = new List<DeliveryRoute>();
        var unrouted = new List<UnroutedDelivery>();
        foreach (var answer in answers)
        {
            // Numbered within their run: R-<centre>-<yyyyMMdd>-001, -002, ...
            routes.AddRange(answer.Routes.Select((route, n) => route with { Id = $"R-{route.DcId}-{route.Day:yyyyMMdd}-{n + 1:D3}" }).ToList());
            unrouted.AddRange(answer.Unrouted);
        }

        return result with { Routes = routes, UnroutedDeliveries = unrouted, Routing = Kpis(runs.Count, routes, unrouted, result) };
    }

    private static RoutingKpis Kpis(int runs, List<DeliveryRoute> routes, List<UnroutedDelivery> unrouted, LogisticsResult result)
    {
        var capacity = routes.Sum(r => (long)r.CapacityKg);
        var routed = routes.Sum(r => (long)r.LoadKg);
        return new RoutingKpis(
            runs, routes.Count, routes.Sum(r => r.Stops.Count), routed, unrouted.Count, unrouted.Sum(u => (long)u.Kg),
            Math.Round(routes.Sum(r => r.DistanceKm), 1), routes.Sum(r => r.CostCny), capacity == 0 ? 0 : Math.Round(100.0 * routed / capacity, 2),
            Math.Round(routes.Sum(r => r.Co2Kg), 1), result.Objective.CityDeliveryCny);
    }
}

/// <summary>The routes of one (distribution centre, day) with one vehicle type.</summary>
internal sealed record RunAnswer(string VehicleTypeId, IReadOnlyList<DeliveryRoute> Routes, IReadOnlyList<UnroutedDelivery> Unrouted)
{
    public long UnroutedKg => Unrouted.Sum(u => (long)u.Kg);

    public decimal CostCny => Routes.Sum(r => r.CostCny);

    /// <summary>A run with no vehicle type allowed on city runs: every stop unrouted.</summary>
    public static RunAnswer NoVehicle(DeliveryRun run) =>
        new("", [],
            [.. run.Stops.Select(s => new UnroutedDelivery(run.DcId, run.Day, s.BuyerId, s.Kg, s.LineIds, UnroutedReason.NoVehicle,
                "No vehicle type may run city deliveries for these goods (refrigeration or the urban capacity limit).",
                "没有可承担这些货物城市配送的车型（冷藏要求或城区载重限制）。"))]);
}
