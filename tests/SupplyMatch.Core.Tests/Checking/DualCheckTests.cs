using SupplyMatch.Core.Matching;
using static SupplyMatch.Core.Tests.Checking.CheckAssert;

namespace SupplyMatch.Core.Tests.Checking;

public sealed class DualCheckTests
{
    private static readonly MatchingResult Good = TinyRound.Result();

    [Fact]
    public void Line_price_above_what_an_arc_costs_is_dual_infeasible()
    {
        // L-2 -> D-1 costs 4.05 + lot price 3.15 = 7.20 < 7.30.
        var report = Check(Good.WithLinePrice("D-1", 7.30m));

        Caught(report, "dual-infeasible-arc");
        Assert.Contains(report.Issues, i => i.Code == "dual-infeasible-arc" && i.Message.StartsWith("arc L-2 -> D-1", StringComparison.Ordinal));
    }

    [Fact]
    public void Negative_lot_price_is_dual_infeasible()
    {
        Caught(Check(Good.WithLotPrice("L-4", -0.50m)), "dual-infeasible-lot");
    }

    [Fact]
    public void Line_price_above_its_penalty_is_dual_infeasible()
    {
        Caught(Check(Good.WithLinePrice("D-5", 3.50m)), "dual-infeasible-line");
    }

    [Fact]
    public void Spare_lot_with_a_price_violates_slackness()
    {
        Assert.Contains("10,000 kg spare", Caught(Check(Good.WithLotPrice("L-3", 0.50m)), "slackness-violated-lot").Message);
    }

    [Fact]
    public void Unmet_line_priced_below_its_penalty_violates_slackness()
    {
        Caught(Check(Good.WithLinePrice("D-4", 4.00m)), "slackness-violated-line");
    }

    [Fact]
    public void Allocated_arc_that_is_not_tight_violates_slackness_and_opens_a_duality_gap()
    {
        // D-2 at 7.60 stays dual feasible (4.01 + 3.65 = 7.66 >= 7.60) but is not tight, and the gap is 0.06 x 3,000.
        var report = Check(Good.WithLinePrice("D-2", 7.60m));

        Caught(report, "slackness-violated-arc");
        Assert.Contains("49,200.00 CNY", Caught(report, "duality-gap").Message);
        NotCaught(report, "dual-infeasible-arc");
    }

    [Fact]
    public void Missing_or_unknown_shadow_prices_are_caught()
    {
        var prices = Good.ShadowPrices! with { Lots = [.. Good.ShadowPrices!.Lots.Skip(1), new("L-99", 0m)] };

        var report = Check(Good with { ShadowPrices = prices });

        Caught(report, "shadow-price-missing");
        Caught(report, "shadow-price-unknown");
    }

    [Fact]
    public void Feasible_but_suboptimal_allocation_cannot_be_proven_optimal()
    {
        // Shorting D-1 instead of D-3: every figure is consistent, but it costs 50,680.00 against 49,380.00.
        var report = Check(SuboptimalResult());

        var dualCodes = new[] { "slackness-violated-arc", "slackness-violated-line", "dual-infeasible-arc", "dual-infeasible-line", "duality-gap" };
        Assert.Equal(50_680.00m, report.RecomputedObjectiveCny);
        Assert.NotEmpty(report.Issues);
        Assert.All(report.Issues, i => Assert.Contains(i.Code, dualCodes));
        Assert.False(report.ProvenOptimal);
    }

    private static MatchingResult SuboptimalResult()
    {
        var good = TinyRound.Result();
        var d1 = new UnmetLine("D-1", "U-GZ", "P-CHOYSUM", 4_000, 3_000, 1_000, UnmetReason.OutCompeted,
            new UnmetExplanation(2, 3.65m, 4.50m, null, null, null, null, null, 8.50m, null, null, "Out-competed", "被其他需求占用"));
        return good
            .WithAllocation("L-2", "D-1", a => a with { Kg = 1_000 })
            .WithAllocation("L-2", "D-3", a => a with { Kg = 2_000 }) with
        {
            ObjectiveCny = 50_680.00m,
            Unmet = [d1, .. good.Unmet.Where(u => u.LineId != "D-3")],
            Kpis = good.Kpis with { LinesFullyMet = 2, LinesPartlyMet = 1 },
            Statistics = good.Statistics with { ObjectiveCny = 50_680.00m, BoundCny = 50_680.00m },
        };
    }
}
