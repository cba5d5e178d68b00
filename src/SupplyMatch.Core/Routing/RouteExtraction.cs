using System.Diagnostics;
using Google.OrTools.ConstraintSolver;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Routing;

/// <summary>Turns an OR-Tools assignment into <see cref="RoutingSolution"/> routes with their schedule.</summary>
internal static class RouteExtraction
{
    public static RoutingSolution Extract(
        RoutingProblem problem, VrptwModel model, Assignment assignment, IReadOnlyList<UnroutedStop> rejected, TimeSpan elapsed)
    {
        var routes = new List<VehicleRoute>();
        for (var v = 0; v < model.Vehicles; v++)
        {
            var route = ExtractRoute(problem, model, assignment, v);
            if (route.Visits.Count > 0)
                routes.Add(route);
        }

        var served = routes.SelectMany(r => r.Visits).Select(v => v.StopId).ToHashSet();
        var rejectedIds = rejected.Select(r => r.StopId).ToHashSet();
        var dropped = problem.Stops
            .Where(s => !served.Contains(s.Id) && !rejectedIds.Contains(s.Id))
            .Select(s => new UnroutedStop(s.Id, UnroutedReason.NoVehicle,
                "It could be served alone, but the fleet has no room for it beside the other stops."));
        var distance = routes.Sum(r => r.Distance);
        var fixedCosts = problem.Settings.Objective == RoutingObjective.DistancePlusFixedCost
            ? routes.Count * problem.Fleet.FixedCostPerVehicle
            : 0;
        return new RoutingSolution(
            problem.Name, routes, distance, routes.Count, distance + fixedCosts, SolveStatus.Feasible, elapsed,
            rejected.Concat(dropped).ToList());
    }

    /// <summary>
    /// One vehicle's route. Service starts are the time dimension's cumuls; arrival is the previous
    /// departure plus travel time, so any waiting shows as ServiceStart - Arrival.
    /// </summary>
    private static VehicleRoute ExtractRoute(RoutingProblem problem, VrptwModel model, Assignment assignment, int vehicle)
    {
        var (routing, time, travel) = (model.Model, model.TimeDimension, problem.Travel);
        var visits = new List<RouteVisit>();
        var index = routing.Start(vehicle);
        var departDepot = assignment.Min(time.CumulVar(index));
        var (place, ready, distance, load) = (problem.Depot.Location, departDepot, 0L, 0);
        index = assignment.Value(routing.NextVar(index));
        while (!routing.IsEnd(index))
        {
            var stop = model.StopAt(index) ?? throw new UnreachableException("A route passes through the depot.");
            var start = assignment.Min(time.CumulVar(index));
            visits.Add(new RouteVisit(stop.Id, stop.Location, ready + travel.Time[place][stop.Location], start, start + stop.ServiceTime));
            distance += travel.Distance[place][stop.Location];
            load += stop.DemandKg;
            (place, ready) = (stop.Location, start + stop.ServiceTime);
            index = assignment.Value(routing.NextVar(index));
        }

        distance += travel.Distance[place][problem.Depot.Location];
        var returnDepot = assignment.Min(time.CumulVar(index));
        return new VehicleRoute(vehicle, visits, departDepot, returnDepot, load, visits.Count == 0 ? 0 : distance);
    }
}
