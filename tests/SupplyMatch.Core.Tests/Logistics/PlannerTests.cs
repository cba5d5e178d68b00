using System.Text.Json;
using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Core.Tests.Logistics;

public sealed class PlannerTests
{
    private static readonly LogisticsSettings Quick = new() { TimeLimitSeconds = 2, TargetGapPercent = 0 };

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Objective_is_never_below_the_lp_bound_nor_the_best_bound(int seed)
    {
        var problem = LogisticsProblems.Random(seed, 60, 100);

        var result = LogisticsPlanner.Plan(problem, Quick);
        var s = result.Statistics;

        Assert.True(s.LpBoundCny > 0);
        Assert.True(s.LpBoundCny <= s.BestBoundCny && s.BestBoundCny <= s.ObjectiveCny, $"LP {s.LpBoundCny}, best {s.BestBoundCny}, objective {s.ObjectiveCny}");
        Assert.True(s.ObjectiveCny <= s.WarmStartCny);
        Assert.InRange(Math.Abs((double)((s.ObjectiveCny - s.BestBoundCny) / s.ObjectiveCny * 100m) - s.GapPercent), 0, 1e-3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(19)]
    public void Proven_optimum_is_no_dearer_than_the_per_kg_allocation_loaded_on_trucks(int seed)
    {
        var problem = LogisticsProblems.Tiny(seed);
        var settings = new LogisticsSettings { CandidatesPerLine = 1_000, TimeLimitSeconds = 20, TargetGapPercent = 0 };
        var allocation = Matcher.Solve(problem);

        var plan = LogisticsPlanner.Plan(problem, settings);
        var direct = LogisticsPlanner.LoadAllocation(problem, allocation, settings);
        var routed = LogisticsPlanner.LoadAllocation(problem, allocation, settings, routeThroughHubs: true);

        Assert.Equal(SolveStatus.Optimal, plan.Status);
        Assert.True(plan.ObjectiveCny <= routed.ObjectiveCny && routed.ObjectiveCny <= direct.ObjectiveCny,
            $"plan {plan.ObjectiveCny}, routed {routed.ObjectiveCny}, direct {direct.ObjectiveCny}");
        Assert.True(LogisticsChecker.Check(problem, direct, settings).Ok);
        Assert.True(LogisticsChecker.Check(problem, routed, settings).Ok);
    }

    [Fact]
    public void Pickups_deliveries_and_delivery_runs_account_for_every_allocated_kg()
    {
        var problem = LogisticsProblems.Random(31, 60, 100);

        var result = LogisticsPlanner.Plan(problem, Quick);

        var byLot = result.Allocations.GroupBy(a => a.LotId).ToDictionary(g => g.Key, g => g.Sum(a => a.Kg));
        Assert.Equal(byLot, result.Pickups.GroupBy(p => p.LotId).ToDictionary(g => g.Key, g => g.Sum(p => p.Kg)));
        var byLine = result.Allocations.GroupBy(a => a.LineId).ToDictionary(g => g.Key, g => g.Sum(a => a.Kg));
        Assert.Equal(byLine, result.Deliveries.GroupBy(d => d.LineId).ToDictionary(g => g.Key, g => g.Sum(d => d.Kg)));
        Assert.Equal(result.Allocations.Where(a => a.DcId is not null).Sum(a => a.Kg), result.DeliveryRuns.Sum(r => r.TotalKg));
        Assert.All(result.DeliveryRuns, r => Assert.Equal(r.TotalKg, r.Stops.Sum(s => s.Kg)));
        Assert.All(result.Pickups.Where(p => p.Mode == PickupMode.Feeder), p => Assert.StartsWith("OH-", p.ToId, StringComparison.Ordinal));
        Assert.All(result.Shipments, s => Assert.InRange(s.FillPercent, 0.01, 100));
        Assert.Equal(result.Shipments.Sum(s => s.LoadKg), result.Allocations.Sum(a => a.Kg));
    }

    [Fact]
    public void Kpis_follow_from_the_shipments()
    {
        var problem = LogisticsProblems.Random(32, 60, 100);

        var result = LogisticsPlanner.Plan(problem, Quick);
        var k = result.Kpis;

        Assert.Equal(result.Shipments.Count, k.Trucks);
        Assert.Equal(Math.Round(100.0 * result.Shipments.Sum(s => s.LoadKg) / result.Shipments.Sum(s => s.CapacityKg), 2), k.AverageFillPercent);
        Assert.Equal(result.Objective.TransportCny, k.TransportCostCny);
        Assert.Equal(Math.Round(result.Shipments.Sum(s => s.Co2Kg), 1), k.LineHaulCo2Kg);
        Assert.True(k.Co2Kg >= k.LineHaulCo2Kg);
        Assert.Equal(result.Objective.TotalCny, result.ObjectiveCny);
    }

    [Fact]
    public void Without_hubs_every_allocation_goes_direct()
    {
        var problem = LogisticsProblems.Random(33, 40, 60);

        var result = LogisticsPlanner.Plan(problem, Quick with { UseHubs = false });

        Assert.NotEmpty(result.Allocations);
        Assert.All(result.Allocations, a => Assert.Equal(PathKind.Direct, a.Path));
        Assert.Empty(result.DeliveryRuns);
        Assert.True(LogisticsChecker.Check(problem, result, Quick with { UseHubs = false }).Ok);
    }

    [Fact]
    public void Rounded_lp_plan_is_the_same_for_the_same_input()
    {
        var problem = LogisticsProblems.Random(34, 60, 100);
        var settings = Quick with { Engine = LogisticsEngine.RoundedLp };

        var first = JsonSerializer.Serialize(LogisticsPlanner.Plan(problem, settings), MatchingJson.Options);
        var second = JsonSerializer.Serialize(LogisticsPlanner.Plan(problem, settings), MatchingJson.Options);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Auto_solves_one_model_only_when_the_model_kept_every_candidate_arc()
    {
        var settings = new LogisticsSettings { TargetGapPercent = 0, TimeLimitSeconds = 120, WorkLimit = 1_500_000, NeighbourhoodArcs = 80, NeighbourhoodSeconds = 0.3 };

        var restricted = LogisticsPlanner.Plan(LogisticsProblems.Random(35, 120, 200, bases: 8, buyers: 10), settings).Statistics;
        var complete = LogisticsPlanner.Plan(LogisticsProblems.Random(36, 50, 90, bases: 8, buyers: 10), settings with { CandidatesPerLine = 1_000 }).Statistics;

        // Both are small enough for one model; only the complete one gets it (its solver bound is a bound on the problem).
        Assert.False(restricted.CompleteModel);
        Assert.InRange(restricted.RetainedArcs, 1, settings.FullModelMaxArcs);
        Assert.Equal("scip-lns", restricted.Solver);
        Assert.True(restricted.Neighbourhoods >= 2, $"{restricted.Neighbourhoods} neighbourhoods");
        Assert.True(complete.CompleteModel);
        Assert.InRange(complete.RetainedArcs, 1, settings.FullModelMaxArcs);
        Assert.Contains(complete.Solver, new[] { "scip", "scip+lns" });
        Assert.True(complete.Variables > 0 && complete.Neighbourhoods >= 1, "the one model was not solved");
        Assert.Equal(complete.Solver == "scip+lns", complete.Neighbourhoods > 1);
        Assert.InRange(complete.Improvements, 0, complete.Neighbourhoods);
    }

    [Fact]
    public void A_plan_within_the_bounds_rounding_of_its_bound_is_optimal_and_no_model_is_solved_for_it()
    {
        var problem = ScenarioGenerator.Generate(new GeneratorOptions(40, 80, 40, 21, 52));

        var result = LogisticsPlanner.Plan(problem, new LogisticsSettings { TimeLimitSeconds = 5 });
        var s = result.Statistics;

        // Premise: the bound is a fen or two under the objective (bounds are rounded down), so the target gap is met at once.
        Assert.True(s.CompleteModel);
        Assert.InRange(s.ObjectiveCny - s.BestBoundCny, 0.01m, 0.02m);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal((0, 0, 0), (s.Neighbourhoods, s.Improvements, s.Variables));
        Assert.True(LogisticsChecker.Check(problem, result, new LogisticsSettings()).Ok);
    }

    [Fact]
    public void One_model_that_lowers_the_plan_counts_as_an_improvement()
    {
        var problem = LogisticsProblems.Random(36, 50, 90, bases: 8, buyers: 10);

        // A restricted model (not every arc kept), so that the model's answer is the trace's last point (a complete one adds its bound after it).
        var settings = new LogisticsSettings { Engine = LogisticsEngine.FullModel, TargetGapPercent = 0, TimeLimitSeconds = 120, WorkLimit = 1_500_000, CompleteArcs = 0 };

        var result = LogisticsPlanner.Plan(problem, settings);

        // The model's answer is the last point of the trace; the point before it is the plan the model started from.
        var trace = result.Timings!.Trace;
        Assert.True(trace[^1].ObjectiveCny < trace[^2].ObjectiveCny, $"{trace[^2].ObjectiveCny} -> {trace[^1].ObjectiveCny}");
        Assert.Equal(("scip", 1, 1), (result.Statistics.Solver, result.Statistics.Neighbourhoods, result.Statistics.Improvements));
    }

    [Theory]
    [InlineData(LogisticsEngine.FullModel, 1)]
    [InlineData(LogisticsEngine.NeighbourhoodSearch, 1)]
    [InlineData(LogisticsEngine.NeighbourhoodSearch, 2)]
    public void Plan_is_the_same_for_the_same_input_when_the_work_limit_ends_the_search(LogisticsEngine engine, int workers)
    {
        var problem = LogisticsProblems.Random(35, 120, 200, bases: 8, buyers: 10);
        var settings = new LogisticsSettings
        {
            Engine = engine, Workers = workers, TargetGapPercent = 0, TimeLimitSeconds = 120, WorkLimit = 1_500_000, NeighbourhoodArcs = 80,
            NeighbourhoodSeconds = 0.3, RouteDeliveries = true,
        };

        var first = LogisticsPlanner.Plan(problem, settings);
        var second = LogisticsPlanner.Plan(problem, settings);

        Assert.False(first.Statistics.ClockLimited || second.Statistics.ClockLimited);
        // The search ends on its budget: spent, or too little of it left to pay a round of neighbourhoods a useful node limit.
        Assert.True(first.Statistics.WorkUnits >= 0.95 * settings.WorkLimit || first.Status == SolveStatus.Optimal, $"{first.Statistics.WorkUnits} units");
        Assert.True(engine == LogisticsEngine.FullModel || first.Statistics.Neighbourhoods >= 2, $"{first.Statistics.Neighbourhoods} neighbourhoods");
        Assert.Equal(JsonSerializer.Serialize(first, MatchingJson.Options), JsonSerializer.Serialize(second, MatchingJson.Options));
    }
}
