using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Logistics;

/// <summary>A whole-truck plan reports the round's policy targets as it meets them, recomputed here from its allocations.</summary>
public sealed class PolicyReportTests
{
    private static readonly LogisticsSettings Quick = new() { TimeLimitSeconds = 2, TargetGapPercent = 0 };

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void The_plan_reports_each_target_as_its_allocations_meet_it_without_pricing_it(int seed)
    {
        var plain = LogisticsProblems.Random(seed, 60, 100);
        var bases = plain.Reference.Bases.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var provinces = bases.Values.Select(b => b.Province).Distinct().Order().ToList();
        var policy = new PolicyTargets(provinces.ToDictionary(p => p, _ => 50_000m), 60m, ProvincePenaltyPerCny: 0.25m, PovertySharePenaltyCnyPerKg: 1.50m);
        var problem = plain with { Settings = plain.Settings with { Policy = policy } };

        var result = LogisticsPlanner.Plan(problem, Quick);

        var unpriced = LogisticsPlanner.Plan(plain, Quick);
        Assert.Empty(unpriced.Policy);
        Assert.Equal(unpriced.ObjectiveCny, result.ObjectiveCny);
        Assert.Equal([.. provinces.Select(p => $"province:{p.ToString().ToLowerInvariant()}"), "poverty-share"], result.Policy.Select(o => o.Target));
        foreach (var province in provinces)
        {
            var outcome = result.Policy.Single(o => o.Target == $"province:{province.ToString().ToLowerInvariant()}");
            var bought = result.Allocations.Where(a => bases[a.BaseId].Province == province).Sum(a => a.ExFarmCnyPerKg * a.Kg);
            Assert.Equal((50_000m, bought, Math.Max(0, 50_000m - bought)), (outcome.Required, outcome.Achieved, outcome.Shortfall));
            Assert.Equal(0.25m * outcome.Shortfall, outcome.PenaltyCny);
        }

        var share = result.Policy.Single(o => o.Target == "poverty-share");
        var allocated = result.Allocations.Sum(a => (long)a.Kg);
        var linked = result.Allocations.Where(a => bases[a.BaseId].PovertyLinked).Sum(a => (long)a.Kg);
        Assert.Equal((0.6m * allocated, (decimal)linked), (share.Required, share.Achieved));
        Assert.Equal(1.50m * Math.Max(0, 0.6m * allocated - linked), share.PenaltyCny);
    }
}
