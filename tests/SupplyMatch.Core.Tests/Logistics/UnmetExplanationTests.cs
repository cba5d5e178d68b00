using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using static SupplyMatch.Core.Tests.Logistics.LogisticsProblems;

namespace SupplyMatch.Core.Tests.Logistics;

/// <summary>
/// An unmet line with compatible lots that no plan could serve (too little supply for an all-or-nothing line, minimum
/// orders no set of lines reaches) is explained with those figures, not as left unmet because serving it costs more.
/// </summary>
public sealed class UnmetExplanationTests
{
    private static readonly LogisticsSettings Settings = new() { TimeLimitSeconds = 20 };

    [Fact]
    public void All_or_nothing_line_larger_than_its_compatible_supply_is_explained_by_the_supply()
    {
        var problem = Problem([Base("B0")], [Buyer("U0")], [Lot("L1", "B0", 3_000, 1.50m, Potato), Lot("L2", "B0", 2_000, 1.60m, Potato)],
            [Line("D-WHOLE", "U0", 6_000, 9.00m, Potato, partial: false, priority: 1)]);

        var unmet = Assert.Single(LogisticsPlanner.Plan(problem, Settings).Unmet);

        Assert.Equal((UnmetReason.OutCompeted, 6_000), (unmet.Reason, unmet.UnmetKg));
        Assert.Equal("All-or-nothing line of 6,000 kg, but its compatible lots hold 5,000 kg in all, so it cannot be served whole.", unmet.Message);
        Assert.Equal("整单满足的需求为 6,000 公斤，但可用批次合计只有 5,000 公斤，无法整单满足。", unmet.MessageZh);
    }

    [Fact]
    public void Lines_of_a_lot_whose_minimum_order_they_cannot_reach_together_name_the_lot_and_its_figures()
    {
        var problem = Problem([Base("B0")], [Buyer("U0"), Buyer("U1", Shenzhen)], [Lot("L-MOQ", "B0", 9_000, 1.50m, Potato, minOrder: 8_000)],
            [Line("D1", "U0", 1_000, 9.00m, Potato), Line("D2", "U1", 1_000, 9.00m, Potato)]);

        var unmet = LogisticsPlanner.Plan(problem, Settings).Unmet;

        Assert.Equal(["D1", "D2"], unmet.Select(u => u.LineId));
        Assert.All(unmet, u => Assert.Equal(
            "Every compatible lot has a minimum order above what all the lines it can supply ask for together (lot L-MOQ: at least 8,000 kg, 2,000 kg asked), so none can sell to this line.",
            u.Message));
        Assert.All(unmet, u => Assert.Contains("批次 L-MOQ：至少 8,000 公斤，需求合计 2,000 公斤", u.MessageZh, StringComparison.Ordinal));
    }

    [Fact]
    public void All_or_nothing_line_counts_only_the_lots_whose_minimum_order_can_be_reached()
    {
        var problem = Problem([Base("B0")], [Buyer("U0")],
            [Lot("L-FREE", "B0", 3_000, 1.50m, Potato), Lot("L-MOQ", "B0", 9_000, 1.50m, Potato, minOrder: 8_000)],
            [Line("D-WHOLE", "U0", 5_000, 9.00m, Potato, partial: false)]);

        var unmet = Assert.Single(LogisticsPlanner.Plan(problem, Settings).Unmet);

        Assert.Equal(
            "All-or-nothing line of 5,000 kg, but its compatible lots hold 3,000 kg in all (counting only lots whose minimum order the lines they can supply reach), so it cannot be served whole.",
            unmet.Message);
    }

    [Fact]
    public void Partly_served_line_that_took_all_its_compatible_supply_says_no_plan_serves_the_rest()
    {
        var problem = Problem([Base("B0")], [Buyer("U0")], [Lot("L1", "B0", 5_000, 1.50m, Potato)], [Line("D1", "U0", 6_000, 9.00m, Potato, priority: 1)]);

        var unmet = Assert.Single(LogisticsPlanner.Plan(problem, Settings).Unmet);

        Assert.Equal((5_000, 1_000), (unmet.AllocatedKg, unmet.UnmetKg));
        Assert.Equal("Its compatible lots hold 5,000 kg in all, all of it served to this line: no plan can serve the other 1,000 kg.", unmet.Message);
        Assert.Equal("可用批次合计只有 5,000 公斤，已全部供应该需求，其余 1,000 公斤任何方案都无法满足。", unmet.MessageZh);
    }

    [Fact]
    public void Line_left_unmet_because_its_truck_costs_more_than_its_penalty_keeps_the_cost_explanation()
    {
        // A 5 kg line of a 10 kg lot on 4 kg trucks at 9 CNY each: the fifth kg's truck costs more than its penalty.
        VehicleType[] fourKgReefer = [new("T-R4", "小冷藏车", "small reefer", 4, true, 0m, 9m, 60)];
        var problem = Problem([Base("B0")], [Buyer("U0")], [Lot("L0", "B0", 10, 1.00m)], [Line("D1", "U0", 5, 4.00m)], fourKgReefer);

        var unmet = Assert.Single(LogisticsPlanner.Plan(problem, Settings with { UseHubs = false }).Unmet);

        Assert.Equal((UnmetReason.OutCompeted, 1), (unmet.Reason, unmet.UnmetKg));
        Assert.StartsWith("Compatible supply exists, but with whole trucks", unmet.Message, StringComparison.Ordinal);
    }
}
