using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Tests.Logistics;

/// <summary>On tiny problems the planner's proven optimum equals an exhaustive search over every integer kg on every arc.</summary>
public sealed class BruteForceTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 24; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Planner_optimum_equals_exhaustive_search_over_paths_trucks_minimum_orders_and_whole_lines(int seed)
    {
        var problem = LogisticsProblems.Tiny(seed);
        var settings = new LogisticsSettings { CandidatesPerLine = 1_000, TimeLimitSeconds = 20, TargetGapPercent = 0 };

        var result = LogisticsPlanner.Plan(problem, settings);
        var best = Exhaustive(problem, settings);

        Assert.True(result.Statistics.CompleteModel);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(best, result.ObjectiveCny);
        Assert.True(result.Statistics.LpBoundCny <= best && result.Statistics.BestBoundCny <= best);
        var check = LogisticsChecker.Check(problem, result, settings);
        Assert.True(check.Ok, string.Join("; ", check.Issues.Select(i => i.Message)));
    }

    /// <summary>Depth-first over every arc's kg; trucks per bin by trying every count of every eligible vehicle.</summary>
    internal static decimal Exhaustive(MatchingProblem problem, LogisticsSettings settings)
    {
        var index = new ProblemIndex(problem);
        var network = new LogisticsNetwork(index, settings);
        var table = ArcTable.Build(network, settings, 1, CancellationToken.None);
        var lotLeft = index.Lots.Select(l => l.QuantityKg).ToArray();
        var lineLeft = index.Lines.Select(l => l.QuantityKg).ToArray();
        var load = new long[table.Bins.Length];
        var best = long.MaxValue;

        void Search(int a, long cost)
        {
            if (a == table.Count)
            {
                best = Math.Min(best, Leaf(problem, index, table, lotLeft, lineLeft, load, cost));
                return;
            }

            for (var kg = 0; kg <= Math.Min(lotLeft[table.Lot[a]], lineLeft[table.Line[a]]); kg++)
            {
                lotLeft[table.Lot[a]] -= kg;
                lineLeft[table.Line[a]] -= kg;
                load[table.Bin[a]] += kg;
                Search(a + 1, cost + (kg * table.CostFen[a]));
                lotLeft[table.Lot[a]] += kg;
                lineLeft[table.Line[a]] += kg;
                load[table.Bin[a]] -= kg;
            }
        }

        Search(0, 0);
        return Money.ToCny(best);
    }

    private static long Leaf(MatchingProblem problem, ProblemIndex index, ArcTable table, int[] lotLeft, int[] lineLeft, long[] load, long cost)
    {
        for (var s = 0; s < lotLeft.Length; s++)
        {
            var used = index.Lots[s].QuantityKg - lotLeft[s];
            if (used > 0 && used < Math.Min(index.Lots[s].MinOrderKg, index.Lots[s].QuantityKg))
            {
                return long.MaxValue;
            }
        }

        for (var d = 0; d < lineLeft.Length; d++)
        {
            if (!index.Lines[d].PartialAllowed && lineLeft[d] > 0 && lineLeft[d] < index.Lines[d].QuantityKg)
            {
                return long.MaxValue;
            }

            cost += lineLeft[d] * index.LinePenaltyFen[d];
        }

        for (var b = 0; b < load.Length; b++)
        {
            cost += load[b] == 0 ? 0 : CheapestTrucks(problem, table.Bins[b], load[b]);
        }

        return cost;
    }

    /// <summary>Every combination of up to three trucks of each eligible type.</summary>
    private static long CheapestTrucks(MatchingProblem problem, Bin bin, long kg)
    {
        var eligible = problem.Reference.VehicleTypes.Where(v => bin.StorageClass == 0 || v.Refrigerated).ToArray();
        var best = long.MaxValue;
        var counts = new int[eligible.Length];
        for (var combination = 0; combination < Math.Pow(4, eligible.Length); combination++)
        {
            var rest = combination;
            long capacity = 0, fen = 0;
            for (var v = 0; v < eligible.Length; v++, rest /= 4)
            {
                counts[v] = rest % 4;
                capacity += counts[v] * eligible[v].CapacityKg;
                fen += counts[v] * Money.ToFen(eligible[v].FixedCost + (eligible[v].CostPerKm * bin.DistanceDm / 10m));
            }

            best = capacity >= kg ? Math.Min(best, fen) : best;
        }

        return best;
    }
}
