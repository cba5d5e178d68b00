using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Matching;

public sealed class SolverAgreementTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Flow_and_lp_reach_the_same_optimum_on_random_instances(int seed)
    {
        var problem = TestProblems.Random(seed, lots: 12, lines: 18);

        var flow = Matcher.Solve(problem with { Settings = problem.Settings with { Solver = SolverChoice.Flow } });
        var lp = Matcher.Solve(problem with { Settings = problem.Settings with { Solver = SolverChoice.Lp } });

        Assert.Equal(SolveStatus.Optimal, flow.Status);
        Assert.Equal(SolveStatus.Optimal, lp.Status);
        Assert.Equal(flow.ObjectiveCny, lp.ObjectiveCny);
        Assert.Equal(flow.Statistics.BoundCny, flow.ObjectiveCny);
        Assert.Equal(["0", "0"], new[] { flow, lp }.Select(r => System.Text.Json.JsonSerializer.Serialize(r.Statistics.GapPercent)));
    }

    [Theory]
    [InlineData("-5.00", "-5.00")]
    [InlineData("-1234.56", "-1234.560")]
    [InlineData("0", "0")]
    [InlineData("812.40", "812.40")]
    public void A_proven_optimum_has_a_gap_of_zero_never_minus_zero(string objective, string bound)
    {
        var gap = ResultBuilder.Gap(decimal.Parse(objective, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(bound, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("0", System.Text.Json.JsonSerializer.Serialize(gap));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Flow_duals_prove_optimality_by_strong_duality(int seed)
    {
        var problem = TestProblems.Random(seed, lots: 12, lines: 18);

        var result = Matcher.Solve(problem with { Settings = problem.Settings with { Solver = SolverChoice.Flow } });

        var prices = Assert.IsType<ShadowPrices>(result.ShadowPrices);
        var lineValue = prices.Lines.Sum(p => p.CnyPerKg * problem.Lines.Single(l => l.Id == p.LineId).QuantityKg);
        var lotValue = prices.Lots.Sum(p => p.CnyPerKg * problem.Lots.Single(l => l.Id == p.LotId).QuantityKg);
        Assert.Equal(result.ObjectiveCny, lineValue - lotValue);
        Assert.All(prices.Lots, p => Assert.True(p.CnyPerKg >= 0));
    }
}

public sealed class RandomInstanceCoverageTests
{
    [Fact]
    public void Random_instances_exercise_allocation_competition_and_every_filter()
    {
        var results = Enumerable.Range(1, 40).Select(seed => Matcher.Solve(TestProblems.Random(seed, lots: 12, lines: 18))).ToList();

        Assert.All(results, r => Assert.True(r.Statistics.Arcs > 0));
        Assert.Contains(results, r => r.Unmet.Any(u => u.Reason == UnmetReason.OutCompeted));
        Assert.Contains(results, r => r.Unmet.Any(u => u.Reason == UnmetReason.OutCompeted && u.AllocatedKg > 0));
        var rejected = results.SelectMany(r => r.Statistics.RejectedPairs).GroupBy(p => p.Reason).ToDictionary(g => g.Key, g => g.Sum(p => p.Pairs));
        foreach (var reason in new[] { UnmetReason.GradeTooLow, UnmetReason.CertificationMissing, UnmetReason.NoSupplyInWindow, UnmetReason.NotFreshEnough, UnmetReason.TooExpensive })
        {
            Assert.True(rejected[reason] > 0, $"no pair rejected as {reason}");
        }
    }
}
