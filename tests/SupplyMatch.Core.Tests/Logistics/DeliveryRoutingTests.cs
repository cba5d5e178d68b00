using System.Text.Json;
using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Tests.Logistics;

public sealed class DeliveryRoutingTests
{
    private static readonly LogisticsSettings Quick = new() { TimeLimitSeconds = 2, TargetGapPercent = 0, RoutingSecondsPerRun = 30 };

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    public void Every_delivery_through_a_centre_is_on_a_route_that_the_checker_accepts(int seed)
    {
        var problem = LogisticsProblems.Random(seed, 80, 160, buyers: 10);

        var result = LogisticsPlanner.Plan(problem, Quick);

        Assert.NotEmpty(result.DeliveryRuns);
        Assert.NotEmpty(result.Routes);
        var report = LogisticsChecker.Check(problem, result, Quick);
        Assert.True(report.Ok, string.Join("\n", report.Issues));
        Assert.Equal(result.DeliveryRuns.Sum(r => (long)r.TotalKg), result.Routing!.RoutedKg + result.Routing.UnroutedKg);
        Assert.All(result.Routes, r => Assert.Equal(r.Stops.Select((s, i) => i + 1), r.Stops.Select(s => s.Sequence)));
        Assert.All(result.Routes.GroupBy(r => (r.DcId, r.Day)), run =>
            Assert.Equal(run.Select((r, n) => $"R-{r.DcId}-{r.Day:yyyyMMdd}-{n + 1:D3}"), run.Select(r => r.Id)));
    }

    [Fact]
    public void Routes_share_vehicles_between_buyers_when_windows_allow()
    {
        var problem = LogisticsProblems.Random(44, 80, 160, buyers: 10);

        var result = LogisticsPlanner.Plan(problem, Quick);

        // A route per stop is always possible; the fleet objective (fixed cost per vehicle) must do better on runs with several stops.
        var multiStopRuns = result.DeliveryRuns.Count(r => r.Stops.Count > 1);
        Assert.True(multiStopRuns > 0);
        Assert.True(result.Routes.Count < result.DeliveryRuns.Sum(r => r.Stops.Count), $"{result.Routes.Count} routes for {result.DeliveryRuns.Sum(r => r.Stops.Count)} stops");
    }

    [Fact]
    public void Deliveries_that_no_route_can_reach_in_time_are_reported_with_their_reason()
    {
        var problem = LogisticsProblems.Random(41, 80, 160, buyers: 10);
        var settings = Quick with { MaxRouteMinutes = 5 };

        var result = LogisticsPlanner.Plan(problem, settings);

        Assert.Empty(result.Routes);
        Assert.NotEmpty(result.UnroutedDeliveries);
        Assert.All(result.UnroutedDeliveries, u => Assert.Equal(UnroutedReason.RouteLength, u.Reason));
        Assert.All(result.UnroutedDeliveries, u => Assert.Contains("5 min", u.Message, StringComparison.Ordinal));
        Assert.All(result.UnroutedDeliveries, u => Assert.Contains("5 分钟的时长上限", u.MessageZh, StringComparison.Ordinal));
        Assert.True(LogisticsChecker.Check(problem, result, settings).Ok);
    }

    [Fact]
    public void A_buyer_larger_than_a_city_vehicle_is_served_by_several_routes()
    {
        // An instance whose plan sends more than a city vehicle's load to one buyer through a centre (the test's premise).
        var problem = LogisticsProblems.Random(47, 80, 160, buyers: 4);
        var settings = Quick with { LocalMaxCapacityKg = 2_000 };

        var result = LogisticsPlanner.Plan(problem, settings);

        var large = result.DeliveryRuns.SelectMany(r => r.Stops.Select(s => (r.DcId, r.Day, s.BuyerId, s.Kg))).Where(s => s.Kg > 2_000).ToList();
        Assert.NotEmpty(large);
        foreach (var (dc, day, buyer, kg) in large)
        {
            var visits = result.Routes.Where(r => r.DcId == dc && r.Day == day).SelectMany(r => r.Stops).Where(s => s.BuyerId == buyer).ToList();
            Assert.True(visits.Count >= 2, $"{buyer}: {kg} kg in {visits.Count} visit(s)");
        }

        Assert.True(LogisticsChecker.Check(problem, result, settings).Ok);
    }

    [Fact]
    public void Routes_are_the_same_for_the_same_input()
    {
        var problem = LogisticsProblems.Random(42, 80, 160, buyers: 10);
        var settings = Quick with { Engine = LogisticsEngine.RoundedLp };

        var first = LogisticsPlanner.Plan(problem, settings);
        var second = LogisticsPlanner.Plan(problem, settings);

        Assert.Equal(JsonSerializer.Serialize(first.Routes, MatchingJson.Options), JsonSerializer.Serialize(second.Routes, MatchingJson.Options));
    }

    [Fact]
    public void Checker_catches_an_overloaded_route_a_route_leaving_before_its_goods_and_a_lost_delivery()
    {
        var problem = LogisticsProblems.Random(43, 80, 160, buyers: 10);
        var result = LogisticsPlanner.Plan(problem, Quick);
        var route = result.Routes[0];

        var overloaded = route with { Stops = [route.Stops[0] with { Kg = route.CapacityKg + 1 }, .. route.Stops.Skip(1)] };
        var early = route with { DepartureUtc = route.DepartureUtc.AddDays(-1) };
        Assert.Contains(Codes(problem, result with { Routes = [overloaded, .. result.Routes.Skip(1)] }), c => c is "route-capacity");
        Assert.Contains(Codes(problem, result with { Routes = [early, .. result.Routes.Skip(1)] }), c => c is "route-release");
        Assert.Contains(Codes(problem, result with { Routes = [.. result.Routes.Skip(1)] }), c => c is "delivery-not-routed");
    }

    [Fact]
    public void Without_routing_the_plan_has_no_routes_and_checks_clean()
    {
        var problem = LogisticsProblems.Random(41, 80, 160, buyers: 10);
        var settings = Quick with { RouteDeliveries = false };

        var result = LogisticsPlanner.Plan(problem, settings);

        Assert.Null(result.Routing);
        Assert.Empty(result.Routes);
        Assert.True(LogisticsChecker.Check(problem, result, settings).Ok);
    }

    private static IEnumerable<string> Codes(MatchingProblem problem, LogisticsResult result) =>
        LogisticsChecker.Check(problem, result, Quick).Issues.Select(i => i.Code);
}
