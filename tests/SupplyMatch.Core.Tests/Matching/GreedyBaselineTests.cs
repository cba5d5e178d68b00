using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Matching;

public sealed class GreedyBaselineTests
{
    [Fact]
    public void Greedy_is_never_cheaper_than_the_optimum_and_is_strictly_dearer_somewhere()
    {
        var pairs = Enumerable.Range(1, 30)
            .Select(seed => TestProblems.Random(seed, lots: 15, lines: 25))
            .Select(p => (Greedy: Matcher.SolveGreedy(p), Optimal: Matcher.Solve(p)))
            .ToList();

        Assert.All(pairs, p => Assert.True(p.Greedy.ObjectiveCny >= p.Optimal.ObjectiveCny));
        Assert.Contains(pairs, p => p.Greedy.ObjectiveCny > p.Optimal.ObjectiveCny);
        Assert.All(pairs, p => Assert.Equal("greedy", p.Greedy.Statistics.Solver));
    }
}
