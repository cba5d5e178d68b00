using Google.OrTools.ConstraintSolver;

namespace SupplyMatch.Core.Routing;

/// <summary>
/// The OR-Tools routing model of a VRPTW over the routable stops. Node 0 is the depot, node k (k >= 1) is
/// routable stop k - 1. Built in a fixed order: arc costs, capacity, time windows, release dates, dropping penalties.
/// The managed callbacks are held in fields so that the garbage collector keeps them alive while the
/// native solver calls them.
/// </summary>
internal sealed class VrptwModel : IDisposable
{
    public const string TimeDimensionName = "Time";
    private const string LoadDimensionName = "Load";
    private const string ReleaseDimensionName = "Release";

    private readonly RoutingProblem problem;
    private readonly RoutingStop[] stops;
    private readonly int[] nodeOfIndex;
    private readonly long[][] nodeDistance;
    private readonly long[][] nodeTime;
    private readonly LongLongToLong distanceCallback;
    private readonly LongLongToLong timeCallback;
    private readonly LongToLong demandCallback;

    public VrptwModel(RoutingProblem problem, IReadOnlyList<int> routable, bool distanceAsMatrix = false)
    {
        this.problem = problem;
        stops = routable.Select(s => problem.Stops[s]).ToArray();
        var locations = new[] { problem.Depot.Location }.Concat(stops.Select(s => s.Location)).ToArray();
        nodeDistance = NodeMatrix(problem.Travel.Distance, locations);
        nodeTime = NodeMatrix(problem.Travel.Time, locations);
        for (var n = 1; n < locations.Length; n++)
        {
            var service = stops[n - 1].ServiceTime;
            for (var j = 0; j < locations.Length; j++)
                nodeTime[n][j] += service;
        }

        // A used vehicle serves at least one stop, so more vehicles than stops are never needed; modelling them only
        // costs memory and search time (a Solomon file may list a fleet of 100,000 for ten customers).
        Vehicles = Math.Min(problem.Fleet.Vehicles, stops.Length);
        Manager = new RoutingIndexManager(locations.Length, Vehicles, 0);
        Model = new RoutingModel(Manager);
        nodeOfIndex = Enumerable.Range(0, Manager.GetNumberOfIndices()).Select(i => Manager.IndexToNode(i)).ToArray();
        distanceCallback = (from, to) => nodeDistance[nodeOfIndex[from]][nodeOfIndex[to]];
        timeCallback = (from, to) => nodeTime[nodeOfIndex[from]][nodeOfIndex[to]];
        demandCallback = index => nodeOfIndex[index] == 0 ? 0 : stops[nodeOfIndex[index] - 1].DemandKg;

        AddArcCosts(distanceAsMatrix);
        AddCapacity();
        TimeDimension = AddTimeWindows();
        AddReleaseDates();
        AddDropPenalties();
    }

    public RoutingIndexManager Manager { get; }

    /// <summary>The vehicles in the model: the fleet, but no more than there are stops to route.</summary>
    public int Vehicles { get; }

    public RoutingModel Model { get; }

    public RoutingDimension TimeDimension { get; }

    /// <summary>The routable stop at a routing index, or null for a vehicle's start or end.</summary>
    public RoutingStop? StopAt(long index) => nodeOfIndex[index] == 0 ? null : stops[nodeOfIndex[index] - 1];

    public void Dispose()
    {
        Model.Dispose();
        Manager.Dispose();
    }

    /// <summary>Arc cost = distance; plus a fixed cost per vehicle used when the objective asks for it.</summary>
    private void AddArcCosts(bool distanceAsMatrix)
    {
        var callback = distanceAsMatrix
            ? Model.RegisterTransitMatrix(nodeDistance)
            : Model.RegisterTransitCallback(distanceCallback);
        Model.SetArcCostEvaluatorOfAllVehicles(callback);
        if (problem.Settings.Objective == RoutingObjective.DistancePlusFixedCost && problem.Fleet.FixedCostPerVehicle > 0)
            Model.SetFixedCostOfAllVehicles(problem.Fleet.FixedCostPerVehicle);
    }

    /// <summary>Load dimension: the demand of a route's stops may not exceed the vehicle capacity.</summary>
    private void AddCapacity()
    {
        var callback = Model.RegisterUnaryTransitCallback(demandCallback);
        var capacities = Enumerable.Repeat((long)problem.Fleet.CapacityKg, Vehicles).ToArray();
        Model.AddDimensionWithVehicleCapacity(callback, 0, capacities, true, LoadDimensionName);
    }

    /// <summary>
    /// Time dimension: cumul = start of service; transit = service time at the origin + travel time;
    /// slack = waiting. Stops keep their windows, routes stay inside the depot's window and within the
    /// maximum route duration; the finalizer starts and ends routes as early as possible.
    /// </summary>
    private RoutingDimension AddTimeWindows()
    {
        var (depot, horizon) = (problem.Depot, problem.Depot.Due);
        var callback = Model.RegisterTransitCallback(timeCallback);
        Model.AddDimension(callback, horizon, horizon, false, TimeDimensionName);
        var time = Model.GetMutableDimension(TimeDimensionName);
        for (var n = 1; n <= stops.Length; n++)
            time.CumulVar(Manager.NodeToIndex(n)).SetRange(stops[n - 1].Ready, stops[n - 1].Due);

        for (var v = 0; v < Vehicles; v++)
        {
            time.CumulVar(Model.Start(v)).SetRange(depot.Ready, depot.Due);
            time.CumulVar(Model.End(v)).SetRange(depot.Ready, depot.Due);
            if (problem.Fleet.MaxRouteDuration is { } limit)
                time.SetSpanUpperBoundForVehicle(limit, v);
            Model.AddVariableMinimizedByFinalizer(time.CumulVar(Model.Start(v)));
            Model.AddVariableMinimizedByFinalizer(time.CumulVar(Model.End(v)));
        }

        return time;
    }

    /// <summary>
    /// Release dates: a route leaves the depot no earlier than the latest release of its stops. A dimension with no
    /// transit and no slack holds one value along each route, at least every visited stop's release; the vehicle's
    /// departure (its start in the time dimension) is kept at or after that value. Only built when some stop is released
    /// after the depot opens, so problems without release dates keep the plain model.
    /// </summary>
    private void AddReleaseDates()
    {
        if (stops.All(s => s.Release <= problem.Depot.Ready))
            return;

        var horizon = problem.Depot.Due;
        Model.AddConstantDimension(0, horizon, false, ReleaseDimensionName);
        var release = Model.GetMutableDimension(ReleaseDimensionName);
        for (var n = 1; n <= stops.Length; n++)
            release.CumulVar(Manager.NodeToIndex(n)).SetRange(Math.Min(stops[n - 1].Release, horizon), horizon);

        var solver = Model.solver();
        for (var v = 0; v < Vehicles; v++)
            solver.Add(solver.MakeGreaterOrEqual(TimeDimension.CumulVar(Model.Start(v)), release.CumulVar(Model.Start(v))));
    }

    /// <summary>
    /// Every stop may be dropped at a penalty larger than the cost of any set of routes, so the search
    /// drops a stop only when the fleet cannot take it (reported as <see cref="UnroutedReason.NoVehicle"/>).
    /// </summary>
    private void AddDropPenalties()
    {
        var penalty = DropPenalty();
        for (var n = 1; n <= stops.Length; n++)
            Model.AddDisjunction([Manager.NodeToIndex(n)], penalty);
    }

    private long DropPenalty()
    {
        var longestArc = nodeDistance.Max(row => row.Max());
        var arcs = (long)stops.Length + Vehicles;
        var fixedCosts = (long)Vehicles * problem.Fleet.FixedCostPerVehicle;
        var cap = long.MaxValue / 4 / Math.Max(1, stops.Length);
        var penalty = longestArc > (cap - fixedCosts) / arcs ? cap : (arcs * longestArc) + fixedCosts + 1;
        return Math.Min(cap, penalty);
    }

    private static long[][] NodeMatrix(long[][] matrix, int[] locations) =>
        locations.Select(from => locations.Select(to => matrix[from][to]).ToArray()).ToArray();
}
