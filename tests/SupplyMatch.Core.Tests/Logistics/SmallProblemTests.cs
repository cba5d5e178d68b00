using System.Text.Json;
using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using static SupplyMatch.Core.Tests.Logistics.LogisticsProblems;

namespace SupplyMatch.Core.Tests.Logistics;

/// <summary>
/// Small problems under the default settings: the integer model keeps every candidate arc, so the solver proves its answer
/// on the work budget instead of searching a restricted model until the clock stops it (another plan on every run).
/// </summary>
public sealed class SmallProblemTests
{
    [Fact]
    public void Six_lots_with_minimum_orders_and_eight_whole_lines_are_planned_on_every_arc_and_the_same_on_every_run()
    {
        // Six 3,000 kg lots that sell at least 2,500 kg each and eight all-or-nothing lines of 2,600 kg: a lot serves one
        // line at most, so six lines (15,600 kg) is the most any plan serves.
        var problem = Problem(
            [Base("B0")], [Buyer("U0")],
            Enumerable.Range(1, 6).Select(i => Lot($"L{i}", "B0", 3_000, 2.00m, Potato, minOrder: 2_500, from: 0, to: 2)),
            Enumerable.Range(1, 8).Select(i => Line($"D{i}", "U0", 2_600, 9.00m, Potato, partial: false)),
            hubs: [Kunming, GuangzhouDc, ShenzhenDc]);
        var settings = new LogisticsSettings { TimeLimitSeconds = 20 };

        var first = LogisticsPlanner.Plan(problem, settings);
        var second = LogisticsPlanner.Plan(problem, settings);

        var s = first.Statistics;
        Assert.True(s.CompleteModel, $"{s.RetainedArcs} of {s.CandidateArcs} arcs kept");
        Assert.False(s.ClockLimited, $"cut short by the clock after {s.Neighbourhoods} neighbourhoods");
        Assert.InRange(s.GapPercent, 0, settings.TargetGapPercent);
        Assert.Equal(15_600, first.Kpis.AllocatedKg);
        Assert.Equal(6, first.Kpis.LinesFullyMet);
        Assert.Equal(JsonSerializer.Serialize(first, MatchingJson.Options), JsonSerializer.Serialize(second, MatchingJson.Options));
        var check = LogisticsChecker.Check(problem, first, settings);
        Assert.True(check.Ok, string.Join("; ", check.Issues.Select(i => i.Message)));
    }

    [Theory]
    [MemberData(nameof(BruteForceTests.Seeds), MemberType = typeof(BruteForceTests))]
    public void Small_random_problem_is_proven_optimal_on_its_work_and_scip_and_cp_sat_agree(int seed)
    {
        var problem = Random(seed, 4 + (seed % 5), 6 + (seed % 7), bases: 3, buyers: 3);
        var scip = new LogisticsSettings { TimeLimitSeconds = 30, TargetGapPercent = 0 };
        var cpSat = scip with { Solver = MipSolver.CpSat, TimeLimitSeconds = 5 };

        var result = LogisticsPlanner.Plan(problem, scip);
        var again = LogisticsPlanner.Plan(problem, scip);
        var other = LogisticsPlanner.Plan(problem, cpSat);

        var s = result.Statistics;
        Assert.True(s.CompleteModel, $"{s.RetainedArcs} of {s.CandidateArcs} arcs kept");
        Assert.False(s.ClockLimited, "cut short by the clock");
        Assert.Equal(SolveStatus.Optimal, result.Status);

        // SCIP's optimum is a proof: CP-SAT finds no cheaper plan, and the same one's cost when it proves its own.
        Assert.True(other.ObjectiveCny >= result.ObjectiveCny, $"cp-sat {other.ObjectiveCny} below the proven optimum {result.ObjectiveCny}");
        Assert.True(other.Status != SolveStatus.Optimal || other.ObjectiveCny == result.ObjectiveCny, $"cp-sat optimum {other.ObjectiveCny}, scip {result.ObjectiveCny}");
        Assert.Equal(JsonSerializer.Serialize(result, MatchingJson.Options), JsonSerializer.Serialize(again, MatchingJson.Options));
        foreach (var (plan, settings) in new[] { (result, scip), (other, cpSat) })
        {
            var check = LogisticsChecker.Check(problem, plan, settings);
            Assert.True(check.Ok, string.Join("; ", check.Issues.Select(i => i.Message)));
            Assert.Equal(plan.ObjectiveCny, check.RecomputedObjectiveCny);
        }
    }
}
