namespace SupplyMatch.Core.Routing;

/// <summary>
/// A vehicle routing problem with time windows (VRPTW): one depot, a homogeneous fleet and stops
/// to deliver to. Every quantity is an integer in the units of <see cref="TravelMatrix"/>:
/// distances in distance units (see <see cref="TravelMatrix.DistanceScale"/>), times in time units
/// (any fixed unit, e.g. seconds or minutes; ready/due/service times and the time matrix share it).
/// </summary>
/// <param name="Name">A label carried into the solution.</param>
/// <param name="Depot">Where every route starts and ends.</param>
/// <param name="Stops">The deliveries; ids must be unique.</param>
/// <param name="Fleet">The vehicles available.</param>
/// <param name="Travel">Distances and travel times between locations.</param>
/// <param name="Settings">Objective and search limits.</param>
public sealed record RoutingProblem(
    string Name,
    RoutingDepot Depot,
    IReadOnlyList<RoutingStop> Stops,
    RoutingFleet Fleet,
    TravelMatrix Travel,
    RoutingSettings Settings);

/// <summary>The depot: routes leave no earlier than <paramref name="Ready"/> and are back by <paramref name="Due"/> (the horizon).</summary>
/// <param name="Location">Row/column of the depot in the travel matrix.</param>
public sealed record RoutingDepot(int Location, long Ready, long Due);

/// <summary>One delivery stop.</summary>
/// <param name="Location">Row/column of the stop in the travel matrix.</param>
/// <param name="DemandKg">Weight delivered, kg.</param>
/// <param name="Ready">Service may not start before this time (earlier arrivals wait).</param>
/// <param name="Due">Service must start by this time.</param>
/// <param name="ServiceTime">Time spent at the stop once service starts.</param>
/// <param name="Release">
/// When the stop's goods are at the depot: the vehicle that serves it leaves the depot no earlier (a release date;
/// 0 = whenever the depot opens). A route therefore leaves at or after the latest release of its stops.
/// </param>
public sealed record RoutingStop(string Id, int Location, int DemandKg, long Ready, long Due, long ServiceTime, long Release = 0);

/// <summary>A homogeneous fleet based at the depot.</summary>
/// <param name="Vehicles">Number of vehicles; a vehicle that stays home costs nothing.</param>
/// <param name="CapacityKg">Load limit of each vehicle, kg.</param>
/// <param name="MaxRouteDuration">Longest time from leaving the depot to coming back (null = up to the horizon).</param>
/// <param name="FixedCostPerVehicle">Cost of using a vehicle, in distance units (used by <see cref="RoutingObjective.DistancePlusFixedCost"/>).</param>
public sealed record RoutingFleet(int Vehicles, int CapacityKg, long? MaxRouteDuration = null, long FixedCostPerVehicle = 0);

/// <summary>What the router minimises.</summary>
public enum RoutingObjective
{
    /// <summary>Total distance only (the DIMACS convention for Solomon instances).</summary>
    Distance,

    /// <summary>Total distance plus the fixed cost of each vehicle used.</summary>
    DistancePlusFixedCost,
}

/// <summary>How the first routes are built before local search improves them.</summary>
public enum FirstSolutionMethod
{
    /// <summary>Extend each route by the cheapest arc (PATH_CHEAPEST_ARC).</summary>
    PathCheapestArc,

    /// <summary>Insert stops where they cost least, all routes at once (PARALLEL_CHEAPEST_INSERTION).</summary>
    ParallelCheapestInsertion,

    /// <summary>Insert stops one at a time in the cheapest place (LOCAL_CHEAPEST_INSERTION).</summary>
    LocalCheapestInsertion,

    /// <summary>Clarke-Wright savings (SAVINGS).</summary>
    Savings,
}

/// <summary>How the router improves the first routes.</summary>
public enum ImprovementMethod
{
    /// <summary>Iterated local search until the limit: ruin and recreate, then local search (the default; best on Solomon).</summary>
    IteratedLocalSearch,

    /// <summary>Guided local search until the limit.</summary>
    GuidedLocalSearch,

    /// <summary>Plain local search down to the first local optimum; usually stops well before the limit.</summary>
    LocalOptimum,
}

/// <summary>Objective and search limits of one routing solve.</summary>
/// <param name="TimeLimit">Wall-clock limit of the search. The routing search runs on one thread.</param>
/// <param name="SolutionLimit">
/// When set, the search also stops after this many solutions. A solve that stops on the solution limit
/// (rather than the time limit) is deterministic: same input, same routes, on any machine.
/// </param>
/// <param name="Workers">
/// Searches run side by side, each on its own thread with its own variant of the search (the first is the one the
/// other settings describe); the routes with the fewest stops left off, then the lowest objective, win, ties to the
/// first. One OR-Tools routing search uses one thread, so this is how a second core helps a single problem.
/// </param>
public sealed record RoutingSettings(
    TimeSpan TimeLimit,
    RoutingObjective Objective = RoutingObjective.Distance,
    FirstSolutionMethod FirstSolution = FirstSolutionMethod.PathCheapestArc,
    ImprovementMethod Improvement = ImprovementMethod.IteratedLocalSearch,
    long? SolutionLimit = null,
    int Workers = 1)
{
    /// <summary>The most <see cref="Workers"/> that run different searches (more would repeat one).</summary>
    public const int MaxWorkers = SearchSetup.Variants;

    /// <summary>Ten seconds of iterated local search from a path-cheapest-arc start, minimising distance.</summary>
    public static RoutingSettings Default { get; } = new(TimeSpan.FromSeconds(10));
}
