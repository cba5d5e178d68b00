using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Logistics;

/// <summary>The logistics checker accepts the planner's plans and catches each kind of broken plan.</summary>
public sealed class CheckerTests
{
    private static readonly LogisticsSettings Settings = new() { TimeLimitSeconds = 3, TargetGapPercent = 0 };

    private static readonly Lazy<(MatchingProblem Problem, LogisticsResult Result)> Planned = new(() =>
    {
        var problem = LogisticsProblems.Random(11, 60, 90);
        return (problem, LogisticsPlanner.Plan(problem, Settings));
    });

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void Checker_accepts_every_plan_of_random_problems(int seed)
    {
        var problem = LogisticsProblems.Random(seed, 50, 80);

        var result = LogisticsPlanner.Plan(problem, Settings with { TimeLimitSeconds = 2 });
        var check = LogisticsChecker.Check(problem, result, Settings);

        Assert.True(check.Ok, string.Join("; ", check.Issues.Select(i => i.Message)));
        Assert.Equal(result.ObjectiveCny, check.RecomputedObjectiveCny);
        Assert.NotEmpty(result.Shipments);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Neighbourhood_search_on_one_or_two_lanes_keeps_every_plan_feasible_and_never_dearer_than_its_start(int workers)
    {
        var problem = LogisticsProblems.Random(17, 120, 200, bases: 8, buyers: 10);
        var settings = Settings with
        {
            Engine = LogisticsEngine.NeighbourhoodSearch, Workers = workers, NeighbourhoodArcs = 60, NeighbourhoodSeconds = 0.5, TimeLimitSeconds = 120, WorkLimit = 2_000_000,
        };

        var result = LogisticsPlanner.Plan(problem, settings);
        var check = LogisticsChecker.Check(problem, result, settings);

        Assert.True(check.Ok, string.Join("; ", check.Issues.Select(i => i.Message)));
        Assert.Equal(result.ObjectiveCny, check.RecomputedObjectiveCny);
        Assert.Equal("scip-lns", result.Statistics.Solver);
        Assert.True(result.Statistics.Neighbourhoods >= workers, $"{result.Statistics.Neighbourhoods} neighbourhoods");
        Assert.True(result.Statistics.ObjectiveCny <= result.Statistics.WarmStartCny);
        Assert.True(result.Statistics.BestBoundCny <= result.Statistics.ObjectiveCny);
    }

    [Fact]
    public void Overloaded_truck_is_caught()
    {
        var (problem, result) = Planned.Value;
        var truck = result.Shipments[0];
        var load = truck.Loads[0] with { Kg = truck.Loads[0].Kg + truck.CapacityKg };
        var broken = result with { Shipments = [truck with { Loads = [load, .. truck.Loads.Skip(1)], LoadKg = truck.LoadKg + truck.CapacityKg }, .. result.Shipments.Skip(1)] };

        Assert.Contains(Codes(problem, broken), c => c is "over-capacity" or "loads-mismatch");
    }

    [Fact]
    public void Chilled_goods_on_an_ambient_truck_are_caught()
    {
        var (problem, result) = Planned.Value;
        var truck = result.Shipments.First(s => s.StorageClass == StorageClass.Chilled);
        var ambient = problem.Reference.VehicleTypes.First(v => !v.Refrigerated);
        var broken = result with { Shipments = [.. result.Shipments.Select(s => s == truck ? s with { VehicleTypeId = ambient.Id } : s)] };

        Assert.Contains("cold-chain", Codes(problem, broken));
    }

    [Fact]
    public void Part_of_an_all_or_nothing_line_is_caught()
    {
        var (problem, result) = Planned.Value;
        var whole = problem.Lines.Where(l => !l.PartialAllowed).Select(l => l.Id).ToHashSet();
        var allocation = result.Allocations.First(a => whole.Contains(a.LineId));
        var broken = result with { Allocations = [.. result.Allocations.Select(a => a == allocation ? a with { Kg = a.Kg - 1 } : a)] };

        Assert.Contains("all-or-nothing", Codes(problem, broken));
    }

    [Fact]
    public void Lot_below_its_minimum_order_is_caught()
    {
        var (problem, result) = Planned.Value;
        var lot = problem.Lots.First(l => l.MinOrderKg > 1 && result.Allocations.All(a => a.LotId != l.Id));
        var allocation = result.Allocations[0];
        var fake = allocation with { LotId = lot.Id, Kg = 1 };
        var broken = result with { Allocations = [.. result.Allocations, fake] };

        Assert.Contains("below-minimum-order", Codes(problem, broken));
    }

    [Fact]
    public void Delivery_day_that_the_path_cannot_reach_is_caught()
    {
        var (problem, result) = Planned.Value;
        var allocation = result.Allocations[0];
        var broken = result with { Allocations = [.. result.Allocations.Select(a => a == allocation ? a with { DeliveryDay = a.DeliveryDay.AddDays(-1) } : a)] };

        Assert.Contains("wrong-timing", Codes(problem, broken));
    }

    [Fact]
    public void Stated_objective_that_differs_from_the_plan_is_caught()
    {
        var (problem, result) = Planned.Value;

        Assert.Contains("objective-mismatch", Codes(problem, result with { ObjectiveCny = result.ObjectiveCny - 0.01m }));
    }

    private static List<string> Codes(MatchingProblem problem, LogisticsResult result) =>
        [.. LogisticsChecker.Check(problem, result, Settings).Issues.Select(i => i.Code)];
}
