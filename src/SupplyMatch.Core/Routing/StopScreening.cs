using System.Globalization;

namespace SupplyMatch.Core.Routing;

/// <summary>
/// Finds the stops no route can serve, before the search: each is tried alone on a route from the depot
/// leaving when its goods are released (capacity, then time window and horizon, then route duration). The rest go to the solver.
/// </summary>
internal static class StopScreening
{
    /// <summary>Indices of the stops worth routing, and the stops that cannot be served even alone.</summary>
    public static (IReadOnlyList<int> Routable, IReadOnlyList<UnroutedStop> Rejected) Screen(RoutingProblem problem)
    {
        var routable = new List<int>();
        var rejected = new List<UnroutedStop>();
        for (var s = 0; s < problem.Stops.Count; s++)
        {
            var rejection = Check(problem, problem.Stops[s]);
            if (rejection is null)
                routable.Add(s);
            else
                rejected.Add(rejection);
        }

        return (routable, rejected);
    }

    /// <summary>Why the stop cannot be served even alone, or null when it can.</summary>
    public static UnroutedStop? Check(RoutingProblem problem, RoutingStop stop)
    {
        var fleet = problem.Fleet;
        if (stop.DemandKg > fleet.CapacityKg)
        {
            return new UnroutedStop(stop.Id, UnroutedReason.Capacity,
                $"Demand {stop.DemandKg} kg exceeds the vehicle capacity of {fleet.CapacityKg} kg.");
        }

        var (depot, travel) = (problem.Depot, problem.Travel);
        var there = travel.Time[depot.Location][stop.Location];
        var back = travel.Time[stop.Location][depot.Location];
        var open = Math.Max(depot.Ready, stop.Release);
        var start = Math.Max(open + there, stop.Ready);
        if (start > stop.Due)
        {
            var why = stop.Release > depot.Ready ? $"leaving when its goods are ready at {T(travel, stop.Release)}" : "directly from the depot";
            return new UnroutedStop(stop.Id, UnroutedReason.TimeWindow,
                $"Earliest arrival {why} is {T(travel, open + there)}, after the stop's due time {T(travel, stop.Due)}.");
        }

        var home = start + stop.ServiceTime + back;
        if (home > depot.Due)
        {
            return new UnroutedStop(stop.Id, UnroutedReason.TimeWindow,
                $"Served at {T(travel, start)} the vehicle is back at {T(travel, home)}, after the depot closes at {T(travel, depot.Due)}.");
        }

        // Leaving the depot as late as possible removes waiting and gives the shortest route alone.
        var leave = Math.Max(open, stop.Ready - there);
        var shortest = Math.Max(leave + there, stop.Ready) + stop.ServiceTime + back - leave;
        if (fleet.MaxRouteDuration is { } limit && shortest > limit)
        {
            return new UnroutedStop(stop.Id, UnroutedReason.RouteLength,
                $"Alone on a route it takes {T(travel, shortest)}, more than the maximum route duration {T(travel, limit)}.");
        }

        return null;
    }

    private static string T(TravelMatrix travel, long units) =>
        travel.ToTime(units).ToString("0.###", CultureInfo.InvariantCulture);
}
