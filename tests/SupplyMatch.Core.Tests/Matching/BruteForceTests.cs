using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Matching;

/// <summary>On tiny instances, both solvers match an exhaustive search over every integer allocation of the arcs.</summary>
public sealed class BruteForceTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 100; seed < 130; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Flow_and_lp_equal_exhaustive_search(int seed)
    {
        var problem = TinyProblem(seed);
        var index = new ProblemIndex(problem);
        var arcs = Matcher.BuildArcs(index, new LineDiagnosis[index.Lines.Length], CancellationToken.None);

        var best = Exhaustive(index, arcs);

        Assert.True(arcs.Arcs.Length >= 2, "the instance should offer a choice");
        Assert.Equal(best, Matcher.Solve(problem with { Settings = problem.Settings with { Solver = SolverChoice.Flow } }).ObjectiveCny);
        Assert.Equal(best, Matcher.Solve(problem with { Settings = problem.Settings with { Solver = SolverChoice.Lp } }).ObjectiveCny);
    }

    private static MatchingProblem TinyProblem(int seed)
    {
        var random = new Random(seed);
        var problem = TestProblems.Random(seed, lots: 3, lines: 3);
        return problem with
        {
            Lots = [.. problem.Lots.Select(l => l with { QuantityKg = random.Next(1, 5), ProductCode = TestProblems.ChoySum.Code })],
            Lines = [.. problem.Lines.Select(l => l with
            {
                QuantityKg = random.Next(1, 5),
                ProductCode = TestProblems.ChoySum.Code,
                BuyerId = "U0",
                MinGrade = Domain.Grade.Second,
                Earliest = TestProblems.Monday.AddDays(1),
                Latest = TestProblems.Monday.AddDays(6),
                MinFreshnessPercent = 0,
                MaxLandedCnyPerKg = 3.5m + (random.Next(0, 300) / 100m),
            })],
        };
    }

    /// <summary>Depth-first over every arc's kg within the remaining supply and demand; cost in fen.</summary>
    private static decimal Exhaustive(ProblemIndex index, ArcSet arcs)
    {
        var lotLeft = index.Lots.Select(l => l.QuantityKg).ToArray();
        var lineLeft = index.Lines.Select(l => l.QuantityKg).ToArray();
        var best = long.MaxValue;

        void Search(int a, long cost)
        {
            if (a == arcs.Arcs.Length)
            {
                var total = cost + lineLeft.Select((kg, d) => kg * index.LinePenaltyFen[d]).Sum();
                best = Math.Min(best, total);
                return;
            }

            var arc = arcs.Arcs[a];
            for (var kg = 0; kg <= Math.Min(lotLeft[arc.Lot], lineLeft[arc.Line]); kg++)
            {
                lotLeft[arc.Lot] -= kg;
                lineLeft[arc.Line] -= kg;
                Search(a + 1, cost + ((long)kg * arc.CostFen));
                lotLeft[arc.Lot] += kg;
                lineLeft[arc.Line] += kg;
            }
        }

        Search(0, 0);
        return best / 100m;
    }
}
