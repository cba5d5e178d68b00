using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Tests.Routing;

/// <summary>
/// A line of locations 10 apart (location k at distance 10 k from the depot), travel time = distance,
/// depot open [0, 200], one vehicle of 10 kg.
/// </summary>
public sealed class UnroutedStopTests
{
    [Fact]
    public void Stop_heavier_than_any_vehicle_is_unrouted_for_capacity()
    {
        var problem = Line([new RoutingStop("heavy", 1, 11, 0, 200, 0)]);

        var solution = Router.Solve(problem);

        Assert.Equal(UnroutedReason.Capacity, Assert.Single(solution.Unrouted).Reason);
        Assert.Empty(RouteChecker.Violations(problem, solution));
    }

    [Fact]
    public void Stop_whose_window_closes_before_a_direct_trip_arrives_is_unrouted_for_its_time_window()
    {
        var problem = Line([new RoutingStop("early", 3, 1, 0, 29, 0)]);

        var solution = Router.Solve(problem);

        var unrouted = Assert.Single(solution.Unrouted);
        Assert.Equal(UnroutedReason.TimeWindow, unrouted.Reason);
        Assert.Contains("30", unrouted.Message, StringComparison.Ordinal);
        Assert.Empty(RouteChecker.Violations(problem, solution));
    }

    [Fact]
    public void Stop_served_too_late_to_return_by_the_horizon_is_unrouted_for_its_time_window()
    {
        var problem = Line([new RoutingStop("late", 5, 1, 160, 170, 5)]);

        var solution = Router.Solve(problem);

        Assert.Equal(UnroutedReason.TimeWindow, Assert.Single(solution.Unrouted).Reason);
        Assert.Empty(RouteChecker.Violations(problem, solution));
    }

    [Fact]
    public void Stop_longer_than_the_route_duration_alone_is_unrouted_for_route_length()
    {
        var problem = Line([new RoutingStop("far", 6, 1, 0, 200, 0)], maxDuration: 100);

        var solution = Router.Solve(problem);

        Assert.Equal(UnroutedReason.RouteLength, Assert.Single(solution.Unrouted).Reason);
        Assert.Empty(RouteChecker.Violations(problem, solution));
    }

    [Fact]
    public void Waiting_is_not_counted_against_the_route_duration_when_the_vehicle_can_leave_later()
    {
        var problem = Line([new RoutingStop("afternoon", 4, 1, 150, 160, 0)], maxDuration: 80);

        var solution = Router.Solve(problem);

        Assert.Empty(solution.Unrouted);
        Assert.Empty(RouteChecker.Violations(problem, solution));
    }

    [Fact]
    public void Stops_feasible_alone_but_beyond_the_fleet_are_unrouted_for_no_vehicle_and_the_cheaper_one_is_kept()
    {
        var problem = Line([new RoutingStop("near", 1, 8, 0, 200, 0), new RoutingStop("far", 9, 8, 0, 200, 0)]);

        var solution = Router.Solve(problem);

        var unrouted = Assert.Single(solution.Unrouted);
        Assert.Equal(("far", UnroutedReason.NoVehicle), (unrouted.StopId, unrouted.Reason));
        Assert.Equal("near", Assert.Single(Assert.Single(solution.Routes).Visits).StopId);
        Assert.Empty(RouteChecker.Violations(problem, solution));
    }

    [Fact]
    public void Every_reason_is_reported_together_and_the_servable_stops_are_routed()
    {
        var problem = Line(
        [
            new RoutingStop("heavy", 1, 11, 0, 200, 0),
            new RoutingStop("early", 3, 1, 0, 29, 0),
            new RoutingStop("far", 8, 1, 0, 200, 0),
            new RoutingStop("ok-1", 2, 4, 0, 200, 10),
            new RoutingStop("ok-2", 3, 4, 0, 200, 10),
        ], maxDuration: 150);

        var solution = Router.Solve(problem);

        Assert.Equal(
            [("early", UnroutedReason.TimeWindow), ("far", UnroutedReason.RouteLength), ("heavy", UnroutedReason.Capacity)],
            solution.Unrouted.Select(u => (u.StopId, u.Reason)).OrderBy(x => x.StopId));
        Assert.Equal(["ok-1", "ok-2"], solution.Routes.SelectMany(r => r.Visits).Select(v => v.StopId).Order());
        Assert.Empty(RouteChecker.Violations(problem, solution));
    }

    private static RoutingProblem Line(IReadOnlyList<RoutingStop> stops, long? maxDuration = null)
    {
        var points = Enumerable.Range(0, 10).Select(k => (10.0 * k, 0.0)).ToList();
        var grid = TravelMatrix.Euclidean(points, ArcRounding.Dimacs);
        var travel = new TravelMatrix(Unscale(grid.Distance), Unscale(grid.Time));
        return new RoutingProblem(
            "line", new RoutingDepot(0, 0, 200), stops, new RoutingFleet(1, 10, maxDuration), travel,
            new RoutingSettings(TimeSpan.FromMilliseconds(200)));
    }

    private static long[][] Unscale(long[][] tenths) => tenths.Select(row => row.Select(x => x / 10).ToArray()).ToArray();
}
