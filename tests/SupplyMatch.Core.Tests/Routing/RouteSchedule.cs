using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Tests.Routing;

/// <summary>
/// Independent evaluation of a stop sequence, written from the VRPTW definition without the router's code:
/// leave once every stop's goods are released, drive, wait for the window to open, serve, go on; back at the depot
/// by the horizon; the route duration
/// is the shortest over all feasible departure times (a later departure never lengthens a route).
/// </summary>
internal static class RouteSchedule
{
    /// <summary>Service ends at the last stop and return time at the depot, or null when a window or the horizon is missed.</summary>
    public static long? ReturnTime(RoutingProblem problem, IReadOnlyList<RoutingStop> sequence, long departure)
    {
        var (t, place) = (departure, problem.Depot.Location);
        foreach (var stop in sequence)
        {
            t = Math.Max(t + problem.Travel.Time[place][stop.Location], stop.Ready);
            if (t > stop.Due)
                return null;
            t += stop.ServiceTime;
            place = stop.Location;
        }

        t += problem.Travel.Time[place][problem.Depot.Location];
        return t <= problem.Depot.Due ? t : null;
    }

    /// <summary>Shortest duration of a feasible schedule of the sequence, or null when no departure time works.</summary>
    public static long? ShortestDuration(RoutingProblem problem, IReadOnlyList<RoutingStop> sequence)
    {
        // The vehicle carries every stop's goods, so it leaves once the last of them is released.
        var (low, high) = (Math.Max(problem.Depot.Ready, sequence.Select(s => s.Release).DefaultIfEmpty(0).Max()), problem.Depot.Due);
        if (ReturnTime(problem, sequence, low) is null)
            return null;

        // Feasibility only gets worse with a later departure: find the latest feasible one.
        while (low < high)
        {
            var mid = low + ((high - low + 1) / 2);
            if (ReturnTime(problem, sequence, mid) is null)
                high = mid - 1;
            else
                low = mid;
        }

        return ReturnTime(problem, sequence, low)!.Value - low;
    }

    /// <summary>Whether the sequence fits one vehicle: capacity, windows, horizon and route duration.</summary>
    public static bool Feasible(RoutingProblem problem, IReadOnlyList<RoutingStop> sequence)
    {
        if (sequence.Sum(s => s.DemandKg) > problem.Fleet.CapacityKg)
            return false;
        var duration = ShortestDuration(problem, sequence);
        return duration is not null && (problem.Fleet.MaxRouteDuration is not { } max || duration <= max);
    }

    /// <summary>Distance of depot - sequence - depot.</summary>
    public static long Distance(RoutingProblem problem, IReadOnlyList<RoutingStop> sequence)
    {
        var (total, place) = (0L, problem.Depot.Location);
        foreach (var stop in sequence)
        {
            total += problem.Travel.Distance[place][stop.Location];
            place = stop.Location;
        }

        return total + problem.Travel.Distance[place][problem.Depot.Location];
    }
}
