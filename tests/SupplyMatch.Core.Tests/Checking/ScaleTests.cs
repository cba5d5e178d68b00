using System.Diagnostics;
using SupplyMatch.Core.Checking;
using Xunit.Abstractions;

namespace SupplyMatch.Core.Tests.Checking;

public sealed class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void Checker_proves_a_cheapest_supplier_plan_optimal_over_a_million_arcs_in_seconds()
    {
        // 10,000 lots x 20,000 lines over 200 products: 50 x 100 pairs per product, 1,000,000 candidate arcs.
        var problem = NationalRound.Problem(lots: 10_000, lines: 20_000, products: 200, bases: 600, buyers: 400, seed: 7);
        var draft = NationalRound.CheapestSupplierResult(problem);

        var first = FeasibilityChecker.Check(problem, draft);
        Assert.All(first.Issues, i => Assert.Equal("kpi-mismatch", i.Code));
        var result = draft with { Kpis = first.RecomputedKpis };
        var watch = Stopwatch.StartNew();
        var report = FeasibilityChecker.Check(problem, result);
        watch.Stop();

        output.WriteLine($"checked 20,000 lines x 10,000 lots, {result.Statistics.Arcs:N0} arcs in {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(report.Ok, string.Join(" | ", report.Issues.Take(5)));
        Assert.True(report.ProvenOptimal);
        Assert.Equal(1_000_000, result.Statistics.Arcs);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
