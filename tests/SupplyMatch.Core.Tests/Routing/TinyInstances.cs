using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Tests.Routing;

/// <summary>Random small VRPTW instances on a 50 x 50 plane, reproducible from their seed.</summary>
internal static class TinyInstances
{
    /// <summary>As <see cref="Random"/>, each stop's goods released at the depot at a random time in [0, 100].</summary>
    public static RoutingProblem WithReleases(int seed, TimeSpan timeLimit)
    {
        var problem = Random(seed, timeLimit);
        var random = new Random(seed + 1000);
        long scale = problem.Travel.TimeScale;
        return problem with { Stops = [.. problem.Stops.Select(s => s with { Release = random.Next(0, 101) * scale })] };
    }

    public static RoutingProblem Random(int seed, TimeSpan timeLimit)
    {
        var random = new Random(seed);
        var stops = random.Next(4, BruteForceVrptw.MaxStops + 1);
        var points = Enumerable.Range(0, stops + 1).Select(_ => ((double)random.Next(0, 51), (double)random.Next(0, 51))).ToList();
        var rounding = random.Next(2) == 0 ? ArcRounding.Dimacs : ArcRounding.None;
        var travel = TravelMatrix.Euclidean(points, rounding);
        long scale = travel.TimeScale;
        var list = Enumerable.Range(1, stops).Select(i =>
        {
            var ready = random.Next(0, 120);
            var width = random.Next(15, 90);
            return new RoutingStop($"s{i}", i, random.Next(1, 11), ready * scale, (ready + width) * scale, random.Next(0, 11) * scale);
        }).ToList();
        var fixedCost = random.Next(3) == 0 ? random.Next(10, 60) * scale : 0;
        long? maxDuration = random.Next(3) == 0 ? random.Next(80, 160) * scale : null;
        var fleet = new RoutingFleet(random.Next(1, 4), random.Next(12, 31), maxDuration, fixedCost);
        var objective = fixedCost > 0 ? RoutingObjective.DistancePlusFixedCost : RoutingObjective.Distance;
        return new RoutingProblem(
            $"tiny-{seed}", new RoutingDepot(0, 0, 240 * scale), list, fleet, travel,
            new RoutingSettings(timeLimit, objective));
    }
}
