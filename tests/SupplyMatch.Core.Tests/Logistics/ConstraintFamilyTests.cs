using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using static SupplyMatch.Core.Tests.Logistics.LogisticsProblems;

namespace SupplyMatch.Core.Tests.Logistics;

/// <summary>One tiny problem per constraint family, each with its optimum found by exhaustive search.</summary>
public sealed class ConstraintFamilyTests
{
    private static readonly LogisticsSettings Exact = new() { CandidatesPerLine = 1_000, TimeLimitSeconds = 20, TargetGapPercent = 0, UseHubs = false };

    /// <summary>Only a 4 kg reefer: three trucks for 9 kg, or two full trucks and 1 kg left unmet.</summary>
    private static readonly VehicleType[] FourKgReefer = [new("T-R4", "小冷藏车", "small reefer", 4, true, 0m, 9m, 60)];

    [Fact]
    public void Whole_trucks_leave_a_kg_unmet_when_its_truck_costs_more_than_its_penalty()
    {
        var problem = Problem([Base("B0")], [Buyer("U0")], [Lot("L0", "B0", 10, 1.00m)],
            [Line("D1", "U0", 4, 4.00m), Line("D2", "U0", 4, 4.00m), Line("D3", "U0", 1, 4.00m)], FourKgReefer);

        var result = Solve(problem);

        Assert.Equal(BruteForceTests.Exhaustive(problem, Exact), result.ObjectiveCny);
        Assert.Equal(1, result.Unmet.Sum(u => u.UnmetKg));
        Assert.Equal(2, result.Shipments.Count);
        Assert.All(result.Shipments, s => Assert.Equal(100.0, s.FillPercent));
    }

    [Fact]
    public void Minimum_order_keeps_a_lot_untouched_when_no_line_can_take_enough()
    {
        var problem = Problem([Base("B0")], [Buyer("U0")],
            [Lot("L-MOQ", "B0", 10, 1.00m, minOrder: 6), Lot("L-DEAR", "B0", 8, 1.50m)],
            [Line("D1", "U0", 4, 4.50m)], FourKgReefer);

        var result = Solve(problem);

        Assert.Equal(BruteForceTests.Exhaustive(problem, Exact), result.ObjectiveCny);
        var allocation = Assert.Single(result.Allocations);
        Assert.Equal(("L-DEAR", 4), (allocation.LotId, allocation.Kg));
    }

    [Fact]
    public void All_or_nothing_line_is_left_whole_when_supply_cannot_fill_it()
    {
        var problem = Problem([Base("B0")], [Buyer("U0")], [Lot("L0", "B0", 4, 1.00m)],
            [Line("D-WHOLE", "U0", 5, 5.00m, partial: false, priority: 1), Line("D-PART", "U0", 5, 5.00m)], FourKgReefer);

        var result = Solve(problem);

        Assert.Equal(BruteForceTests.Exhaustive(problem, Exact), result.ObjectiveCny);
        Assert.DoesNotContain(result.Allocations, a => a.LineId == "D-WHOLE");
        Assert.Equal(4, result.Allocations.Where(a => a.LineId == "D-PART").Sum(a => a.Kg));
        Assert.Equal(5, result.Unmet.Single(u => u.LineId == "D-WHOLE").UnmetKg);
    }

    [Fact]
    public void Chilled_product_cannot_ride_an_ambient_truck()
    {
        VehicleType[] ambientOnly = [new("T-A4", "小常温车", "small ambient truck", 4, false, 0m, 9m, 60)];
        var problem = Problem([Base("B0")], [Buyer("U0")], [Lot("L-CHILL", "B0", 4, 1.00m), Lot("L-POTATO", "B0", 4, 1.00m, Potato)],
            [Line("D-CHILL", "U0", 4, 9.00m), Line("D-POTATO", "U0", 4, 9.00m, Potato)], ambientOnly);

        var result = Solve(problem);

        Assert.Equal(UnmetReason.NoColdChain, result.Unmet.Single(u => u.LineId == "D-CHILL").Reason);
        Assert.Equal("D-POTATO", Assert.Single(result.Allocations).LineId);
        Assert.All(result.Shipments, s => Assert.Equal(StorageClass.Ambient, s.StorageClass));
    }

    [Fact]
    public void Chilled_and_ambient_goods_never_share_a_truck()
    {
        VehicleType[] reefer = [new("T-R8", "冷藏车", "reefer", 8, true, 0m, 9m, 60)];
        var problem = Problem([Base("B0")], [Buyer("U0")], [Lot("L-CHILL", "B0", 3, 1.00m), Lot("L-POTATO", "B0", 3, 1.00m, Potato)],
            [Line("D-CHILL", "U0", 3, 9.00m), Line("D-POTATO", "U0", 3, 9.00m, Potato)], reefer);

        var result = Solve(problem);

        Assert.Equal(BruteForceTests.Exhaustive(problem, Exact), result.ObjectiveCny);
        Assert.Equal(2, result.Shipments.Count);
        Assert.All(result.Shipments, s => Assert.Single(s.ByProduct));
    }

    [Fact]
    public void Small_lots_of_two_bases_consolidate_through_the_origin_hub()
    {
        VehicleType[] reefer = [new("T-R4", "小冷藏车", "small reefer", 4, true, 0.02m, 2m, 60)];
        var problem = Problem([Base("B0", 25.05, 102.70), Base("B1", 24.75, 102.95)], [Buyer("U0", Guangzhou, 0.15, 0.0)],
            [Lot("L0", "B0", 2, 1.00m), Lot("L1", "B1", 2, 1.00m)], [Line("D0", "U0", 4, 30.00m)], reefer, [Kunming, GuangzhouDc]);
        var settings = Exact with { UseHubs = true };

        var result = LogisticsPlanner.Plan(problem, settings);

        Assert.Equal(BruteForceTests.Exhaustive(problem, settings), result.ObjectiveCny);
        Assert.All(result.Allocations, a => Assert.Equal("OH-KM", a.OriginHubId));
        Assert.Equal("OH-KM", Assert.Single(result.Shipments).OriginId);
        Assert.True(LogisticsChecker.Check(problem, result, settings).Ok);
    }

    private static LogisticsResult Solve(MatchingProblem problem)
    {
        var result = LogisticsPlanner.Plan(problem, Exact);
        var check = LogisticsChecker.Check(problem, result, Exact);
        Assert.True(check.Ok, string.Join("; ", check.Issues.Select(i => i.Message)));
        return result;
    }
}
