using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Tests.Routing;

/// <summary>
/// Exact VRPTW by enumeration, for at most 7 stops: the best order of every subset of stops (all
/// permutations), then the best partition into at most the fleet's routes. Serving more stops comes first;
/// among those, the least distance (plus fixed vehicle costs when the objective has them).
/// </summary>
internal static class BruteForceVrptw
{
    public const int MaxStops = 7;

    /// <summary>The most stops that can be served, and the least cost of serving that many.</summary>
    public static (int Served, long Cost) Solve(RoutingProblem problem)
    {
        var n = problem.Stops.Count;
        if (n > MaxStops)
            throw new ArgumentException($"Brute force handles at most {MaxStops} stops.", nameof(problem));
        var fixedCost = problem.Settings.Objective == RoutingObjective.DistancePlusFixedCost ? problem.Fleet.FixedCostPerVehicle : 0;
        var routeCost = new long?[1 << n];
        for (var mask = 1; mask < 1 << n; mask++)
            routeCost[mask] = BestOrder(problem, Members(problem, mask)) + fixedCost;

        // best[k][mask]: least cost of covering exactly `mask` with k routes.
        var best = new long?[problem.Fleet.Vehicles + 1][];
        best[0] = new long?[1 << n];
        best[0][0] = 0;
        for (var k = 1; k <= problem.Fleet.Vehicles; k++)
            best[k] = Extend(best[k - 1], routeCost, n);

        (int Served, long Cost) result = (0, 0);
        for (var mask = 0; mask < 1 << n; mask++)
        {
            var cost = best.Select(row => row[mask]).Where(c => c is not null).Min();
            var served = System.Numerics.BitOperations.PopCount((uint)mask);
            if (cost is { } c && (served > result.Served || (served == result.Served && c < result.Cost)))
                result = (served, c);
        }

        return result;
    }

    private static long?[] Extend(long?[] previous, long?[] routeCost, int n)
    {
        var next = new long?[1 << n];
        for (var covered = 0; covered < 1 << n; covered++)
        {
            if (previous[covered] is not { } baseCost)
                continue;
            var free = ((1 << n) - 1) & ~covered;
            for (var route = free; route > 0; route = (route - 1) & free)
            {
                if (routeCost[route] is { } r && (next[covered | route] is not { } old || baseCost + r < old))
                    next[covered | route] = baseCost + r;
            }
        }

        return next;
    }

    /// <summary>Least distance over the feasible orders of the stops, or null when no order fits one vehicle.</summary>
    private static long? BestOrder(RoutingProblem problem, List<RoutingStop> stops)
    {
        long? best = null;
        foreach (var order in Permutations(stops))
        {
            if (RouteSchedule.Feasible(problem, order) && RouteSchedule.Distance(problem, order) is var d && (best is null || d < best))
                best = d;
        }

        return best;
    }

    private static List<RoutingStop> Members(RoutingProblem problem, int mask) =>
        problem.Stops.Where((_, i) => (mask & (1 << i)) != 0).ToList();

    private static IEnumerable<List<RoutingStop>> Permutations(List<RoutingStop> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
                yield return [items[i], .. tail];
        }
    }
}
