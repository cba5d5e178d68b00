using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Matching;

/// <summary>The independent checker accepts every engine result, and proves the flow's optimality from its duals.</summary>
public sealed class CheckerAgreementTests
{
    public static TheoryData<int, SolverChoice> Cases()
    {
        var data = new TheoryData<int, SolverChoice>();
        for (var seed = 1; seed <= 25; seed++)
        {
            data.Add(seed, SolverChoice.Flow);
            data.Add(seed, SolverChoice.Lp);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checker_accepts_engine_results_and_proves_them_optimal(int seed, SolverChoice solver)
    {
        var problem = TestProblems.Random(seed, lots: 25, lines: 40, new MatchingSettings { Solver = solver });

        var report = FeasibilityChecker.Check(problem, Matcher.Solve(problem));

        Assert.True(report.Ok, string.Join(Environment.NewLine, report.Issues.Select(i => $"{i.Code}: {i.Message}")));
        Assert.True(report.ProvenOptimal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Checker_accepts_lp_results_with_policy_targets(int seed)
    {
        var policy = new PolicyTargets(new Dictionary<Province, decimal> { [Province.Guizhou] = 20_000m, [Province.Guangxi] = 5_000m }, 55m);
        var problem = TestProblems.Random(seed, lots: 25, lines: 40, new MatchingSettings { Policy = policy });

        var result = Matcher.Solve(problem);
        var report = FeasibilityChecker.Check(problem, result);

        Assert.Equal("lp", result.Statistics.Solver);
        Assert.True(report.Ok, string.Join(Environment.NewLine, report.Issues.Select(i => $"{i.Code}: {i.Message}")));
        Assert.True(result.Statistics.BoundCny <= result.ObjectiveCny);
    }

    [Fact]
    public void Checker_rejects_the_greedy_baseline_as_not_proven_optimal_but_feasible()
    {
        var problem = TestProblems.Random(9, lots: 25, lines: 40);

        var report = FeasibilityChecker.Check(problem, Matcher.SolveGreedy(problem));

        Assert.True(report.Ok, string.Join(Environment.NewLine, report.Issues.Select(i => $"{i.Code}: {i.Message}")));
        Assert.False(report.ProvenOptimal);
    }
}
