using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Tests.Routing;

/// <summary>
/// Checks a <see cref="RoutingSolution"/> against its problem from scratch: every stop once (on a route or
/// unrouted), capacity, the reported schedule (release dates, travel, waiting, windows, service, horizon, route duration),
/// distances and totals recomputed, and each unrouted reason re-derived.
/// </summary>
internal static class RouteChecker
{
    /// <summary>Every violation found; empty when the solution is valid.</summary>
    public static IReadOnlyList<string> Violations(RoutingProblem problem, RoutingSolution solution)
    {
        var errors = new List<string>();
        var stops = problem.Stops.ToDictionary(s => s.Id);
        var seen = solution.Routes.SelectMany(r => r.Visits.Select(v => v.StopId))
            .Concat(solution.Unrouted.Select(u => u.StopId)).ToList();
        foreach (var id in seen.Where(id => !stops.ContainsKey(id)))
            errors.Add($"unknown stop {id}");
        foreach (var group in seen.GroupBy(id => id).Where(g => g.Count() > 1))
            errors.Add($"stop {group.Key} appears {group.Count()} times");
        foreach (var id in stops.Keys.Except(seen))
            errors.Add($"stop {id} is neither routed nor reported");
        if (solution.Routes.Select(r => r.Vehicle).Distinct().Count() != solution.Routes.Count
            || solution.Routes.Any(r => r.Vehicle < 0 || r.Vehicle >= problem.Fleet.Vehicles))
            errors.Add("vehicle indices repeat or fall outside the fleet");

        foreach (var route in solution.Routes)
            CheckRoute(problem, stops, route, errors);
        foreach (var unrouted in solution.Unrouted.Where(u => stops.ContainsKey(u.StopId)))
            CheckReason(problem, stops[unrouted.StopId], unrouted.Reason, errors);

        if (solution.TotalDistance != solution.Routes.Sum(r => r.Distance))
            errors.Add("total distance is not the sum of the routes");
        if (solution.VehiclesUsed != solution.Routes.Count(r => r.Visits.Count > 0))
            errors.Add("vehicles used does not match the routes");
        return errors;
    }

    private static void CheckRoute(RoutingProblem problem, Dictionary<string, RoutingStop> stops, VehicleRoute route, List<string> errors)
    {
        var name = $"route of vehicle {route.Vehicle}";
        var sequence = route.Visits.Where(v => stops.ContainsKey(v.StopId)).Select(v => stops[v.StopId]).ToList();
        var load = sequence.Sum(s => s.DemandKg);
        if (load != route.LoadKg || load > problem.Fleet.CapacityKg)
            errors.Add($"{name}: load {load} kg (reported {route.LoadKg}) against capacity {problem.Fleet.CapacityKg}");
        if (RouteSchedule.Distance(problem, sequence) != route.Distance)
            errors.Add($"{name}: distance {RouteSchedule.Distance(problem, sequence)} recomputed, {route.Distance} reported");

        var time = problem.Travel.Time;
        var (place, free) = (problem.Depot.Location, route.DepartDepot);
        if (route.DepartDepot < problem.Depot.Ready)
            errors.Add($"{name}: leaves the depot at {route.DepartDepot}, before it opens");
        if (sequence.FirstOrDefault(s => s.Release > route.DepartDepot) is { } early)
            errors.Add($"{name}: leaves the depot at {route.DepartDepot}, before stop {early.Id}'s goods are released at {early.Release}");
        foreach (var (visit, stop) in route.Visits.Zip(sequence))
        {
            var arrival = free + time[place][stop.Location];
            if (visit.Arrival != arrival || visit.Location != stop.Location)
                errors.Add($"{name}: stop {stop.Id} arrival {visit.Arrival}, expected {arrival}");
            if (visit.ServiceStart < arrival || visit.ServiceStart < stop.Ready || visit.ServiceStart > stop.Due)
                errors.Add($"{name}: stop {stop.Id} served at {visit.ServiceStart}, window [{stop.Ready}, {stop.Due}], arrival {arrival}");
            if (visit.Departure != visit.ServiceStart + stop.ServiceTime)
                errors.Add($"{name}: stop {stop.Id} departure {visit.Departure} is not start + service time");
            (place, free) = (stop.Location, visit.Departure);
        }

        if (route.ReturnDepot < free + time[place][problem.Depot.Location] || route.ReturnDepot > problem.Depot.Due)
            errors.Add($"{name}: back at {route.ReturnDepot}, earliest possible {free + time[place][problem.Depot.Location]}, horizon {problem.Depot.Due}");
        if (problem.Fleet.MaxRouteDuration is { } max && route.ReturnDepot - route.DepartDepot > max)
            errors.Add($"{name}: lasts {route.ReturnDepot - route.DepartDepot}, more than {max}");
    }

    /// <summary>Re-derives why a stop may be unrouted: alone it must fail exactly the reported check.</summary>
    private static void CheckReason(RoutingProblem problem, RoutingStop stop, UnroutedReason reason, List<string> errors)
    {
        var alone = new[] { stop };
        var overCapacity = stop.DemandKg > problem.Fleet.CapacityKg;
        var missesWindow = RouteSchedule.ShortestDuration(problem, alone) is null;
        var tooLong = !missesWindow && !RouteSchedule.Feasible(problem, alone);
        var expected = overCapacity ? UnroutedReason.Capacity
            : missesWindow ? UnroutedReason.TimeWindow
            : tooLong ? UnroutedReason.RouteLength
            : UnroutedReason.NoVehicle;
        if (reason != expected)
            errors.Add($"stop {stop.Id} reported as {reason}, but alone it is {expected}");
    }
}
