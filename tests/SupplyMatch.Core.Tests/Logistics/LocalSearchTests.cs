using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;
using static SupplyMatch.Core.Tests.Logistics.LogisticsProblems;

namespace SupplyMatch.Core.Tests.Logistics;

/// <summary>
/// The whole-truck local search: from any feasible plan it only lowers the objective, keeps its running objective equal to
/// one recomputed from the flows, and keeps minimum orders, all-or-nothing lines and quantities; it makes room in a taken
/// lot by moving another line elsewhere (exchanges) where a single move cannot.
/// </summary>
public sealed class LocalSearchTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 8; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void From_a_random_feasible_plan_it_only_improves_and_keeps_every_rule(int seed)
    {
        var (index, candidates) = Build(Random(seed, 24, 48));
        var random = new Random(seed);
        for (var draw = 0; draw < 4; draw++)
        {
            var state = new PlanState(index, candidates, RandomFlow(index, candidates, random));
            WarmStart.Repair(state);
            var start = state.ObjectiveFen;

            var moves = new LocalSearch(state, seed).Run(Lines(100_000));

            var fresh = new PlanState(index, candidates, state.Flow);
            Assert.Equal(fresh.ObjectiveFen, state.ObjectiveFen);
            Assert.True(state.ObjectiveFen <= start, $"{state.ObjectiveFen} fen after {moves} moves, {start} fen before");
            Assert.True(moves == 0 ? state.ObjectiveFen == start : state.ObjectiveFen < start);
            Assert.True(state.MeetsIntegerConditions());
            Assert.True(state.WithinQuantities(Enumerable.Range(0, candidates.Arcs.Length)));
        }
    }

    /// <summary>
    /// Two lines draw on the cheap lot; the plan gives all of it to the line whose buyer would also take the dear lot. The
    /// line that can only use the cheap lot is unmet, and no single move helps it: serving it needs the first line moved to
    /// the dear lot at the same time. The search makes that exchange and reaches the exhaustive optimum.
    /// </summary>
    [Fact]
    public void An_unmet_line_gets_a_taken_lot_when_the_line_holding_it_can_move_to_another_lot()
    {
        var problem = Problem(
            [Base("B0", 24.5, 102.5), Base("B1", 25.0, 103.2)],
            [Buyer("U0", Guangzhou, 0.05, 0.02), Buyer("U1", Guangzhou, -0.02, 0.03)],
            [Lot("CHEAP", "B0", 3, 1.0m, from: 0, to: 0), Lot("DEAR", "B1", 3, 3.0m, from: 0, to: 0)],
            [Line("FLEX", "U0", 3, ceiling: 20m, priority: 3), Line("TIED", "U1", 3, ceiling: 4.5m, partial: false, priority: 1)],
            TinyFleet, [Kunming, GuangzhouDc, ShenzhenDc]);
        var (index, candidates) = Build(problem);
        var (flex, tied, cheap, dear) = (LineOf(index, "FLEX"), LineOf(index, "TIED"), LotOf(index, "CHEAP"), LotOf(index, "DEAR"));
        Assert.DoesNotContain(Arcs(candidates, tied), a => candidates.Arcs[a].Lot == dear);
        var flow = new int[candidates.Arcs.Length];
        flow[Arcs(candidates, flex).Where(a => candidates.Arcs[a].Lot == cheap).MinBy(a => candidates.Arcs[a].KgCostFen)] = 3;
        var state = new PlanState(index, candidates, flow);
        var optimum = Money.ToFen(BruteForceTests.Exhaustive(problem, Settings));
        Assert.True(state.ObjectiveFen > optimum, $"the start plan must not already be optimal {state.ObjectiveFen} {optimum} pen {string.Join(",", index.LinePenaltyFen)} arcs {string.Join(" ", candidates.Arcs.Select(a => $"{a.Line}/{a.Lot}/{a.Bin}:{a.KgCostFen}"))} trucks {state.TruckFen}");

        new LocalSearch(state, 1).Run(Lines(10_000));

        Assert.Equal(optimum, state.ObjectiveFen);
        Assert.Equal(3, state.LineServed[tied]);
        Assert.Equal(3, state.LotUsed[dear]);
    }

    private static readonly LogisticsSettings Settings = new() { CandidatesPerLine = 1_000 };

    /// <summary>Time left for at most this many lines of sweeps (far more than a local optimum of these sizes takes; a broken move cannot loop forever).</summary>
    private static Func<bool> Lines(int count) => () => count-- > 0;

    private static (ProblemIndex Index, Candidates Candidates) Build(MatchingProblem problem) => EveryArc(problem, Settings);

    private static IEnumerable<int> Arcs(Candidates candidates, int line) => Enumerable.Range(candidates.LineStart[line], candidates.LineStart[line + 1] - candidates.LineStart[line]);

    private static int LineOf(ProblemIndex index, string id) => Array.FindIndex(index.Lines, l => l.Id == id);

    private static int LotOf(ProblemIndex index, string id) => Array.FindIndex(index.Lots, l => l.Id == id);
}
