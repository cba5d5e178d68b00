using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using static SupplyMatch.Core.Tests.Checking.CheckAssert;

namespace SupplyMatch.Core.Tests.Checking;

public sealed class AllocationCheckTests
{
    private static readonly MatchingResult Good = TinyRound.Result();

    [Fact]
    public void Allocation_from_a_lot_that_does_not_exist_is_caught()
    {
        var result = Good.WithAllocation("L-1", "D-1", a => a with { LotId = "L-99" });

        Assert.Contains("L-99", Caught(Check(result), "unknown-lot").Message);
    }

    [Fact]
    public void Allocation_to_a_line_that_does_not_exist_is_caught()
    {
        Caught(Check(Good.WithAllocation("L-1", "D-1", a => a with { LineId = "D-99" })), "unknown-line");
    }

    [Fact]
    public void Potatoes_allocated_to_a_choy_sum_line_are_caught()
    {
        var result = Good.WithAllocation("L-2", "D-3", a => a with { LotId = "L-3", ProductCode = "P-POTATO" });

        Caught(Check(result), "product-mismatch");
    }

    [Fact]
    public void Allocation_stating_another_base_or_buyer_is_caught()
    {
        var report = Check(Good.WithAllocation("L-1", "D-1", a => a with { BaseId = "B-GX", BuyerId = "U-HK" }));

        Caught(report, "base-mismatch");
        Caught(report, "buyer-mismatch");
    }

    [Fact]
    public void Allocation_of_zero_kg_is_caught()
    {
        Caught(Check(Good.WithAllocation("L-2", "D-3", a => a with { Kg = 0 })), "kg-not-positive");
    }

    [Fact]
    public void The_same_arc_allocated_twice_is_caught()
    {
        var split = Good.Allocations.Where(a => a.LineId != "D-1" || a.LotId != "L-1")
            .Append(Good.Allocations[0] with { Kg = 1_000 }).Append(Good.Allocations[0] with { Kg = 1_000 }).ToList();

        Caught(Check(Good with { Allocations = split }), "duplicate-allocation");
    }

    [Fact]
    public void First_grade_lot_allocated_to_a_premium_line_is_caught()
    {
        var result = Good.WithAllocation("L-2", "D-3", a => a with { LotId = "L-1", BaseId = "B-YN" });

        Assert.Contains("First", Caught(Check(result), "grade-too-low").Message);
    }

    [Fact]
    public void Uncertified_base_supplying_the_hong_kong_importer_is_caught()
    {
        var result = Good.WithAllocation("L-1", "D-2", a => a with { LotId = "L-2", BaseId = "B-GX" });

        Assert.Contains("gba_basket", Caught(Check(result), "certification-missing").Message);
    }

    [Fact]
    public void Chilled_produce_without_a_refrigerated_vehicle_is_caught()
    {
        var problem = TinyRound.Problem() with { Reference = TinyRound.Reference(refrigerated: false) };

        Caught(Check(Good, problem), "no-cold-chain");
    }

    [Fact]
    public void Ship_day_before_the_lot_is_available_is_caught()
    {
        var result = Good.WithAllocation("L-2", "D-1", a => a with { ShipDay = TinyRound.March1, DeliveryDay = TinyRound.Day(2), FreshnessPercent = 100 });

        Caught(Check(result), "ship-day-outside-lot-window");
    }

    [Fact]
    public void Delivery_day_that_does_not_follow_from_the_ship_day_is_caught()
    {
        var result = Good.WithAllocation("L-2", "D-3", a => a with { DeliveryDay = TinyRound.Day(4), FreshnessPercent = 80 });

        var issue = Caught(Check(result), "delivery-day-wrong");

        Assert.Contains("2025-03-03", issue.Message);
    }

    [Fact]
    public void Delivery_after_the_line_window_is_caught()
    {
        var result = Good.WithAllocation("L-1", "D-1", a => a with { ShipDay = TinyRound.Day(3), DeliveryDay = TinyRound.Day(4), FreshnessPercent = 70 });

        Caught(Check(result), "delivery-outside-line-window");
    }

    [Fact]
    public void Later_ship_day_than_the_earliest_feasible_one_is_caught()
    {
        var result = Good.WithAllocation("L-1", "D-2", a => a with { ShipDay = TinyRound.Day(2), DeliveryDay = TinyRound.Day(3), FreshnessPercent = 80 });

        var report = Check(result);

        Caught(report, "ship-day-not-earliest");
        NotCaught(report, "delivery-day-wrong", "freshness-mismatch", "ship-day-outside-lot-window");
    }

    [Fact]
    public void Stale_freshness_figure_is_caught()
    {
        var issue = Caught(Check(Good.WithAllocation("L-1", "D-1", a => a with { FreshnessPercent = 95 })), "freshness-mismatch");

        Assert.Contains("90%", issue.Message);
    }

    [Fact]
    public void Produce_older_than_the_line_accepts_is_caught()
    {
        var lines = TinyRound.Lines().Select(l => l.Id == "D-1" ? l with { MinFreshnessPercent = 95 } : l).ToList();

        Caught(Check(Good, TinyRound.Problem() with { Lines = lines }), "not-fresh-enough");
    }

    [Fact]
    public void Landed_price_above_the_line_ceiling_is_caught()
    {
        var lines = TinyRound.Lines().Select(l => l.Id == "D-1" ? l with { MaxLandedCnyPerKg = 3.70m } : l).ToList();

        var issue = Caught(Check(Good, TinyRound.Problem() with { Lines = lines }), "too-expensive");

        Assert.Contains("L-2 -> D-1", issue.Message);
    }

    [Fact]
    public void Wrong_landed_price_is_caught()
    {
        Caught(Check(Good.WithAllocation("L-1", "D-1", a => a with { LandedCnyPerKg = 3.66m })), "landed-mismatch");
    }

    [Fact]
    public void Vehicle_tariff_rounded_the_wrong_way_is_caught()
    {
        var issue = Caught(Check(Good.WithAllocation("L-1", "D-2", a => a with { TransportCnyPerKg = 0.92m, LandedCnyPerKg = 4.12m })), "transport-mismatch");

        Assert.Contains("0.91", issue.Message);
    }

    [Fact]
    public void Wrong_ex_farm_price_poverty_bonus_and_distance_are_caught()
    {
        var report = Check(Good.WithAllocation("L-2", "D-1", a => a with { ExFarmCnyPerKg = 3.70m, PovertyBonusCnyPerKg = 0.10m, DistanceKm = 610 }));

        Caught(report, "exfarm-mismatch");
        Caught(report, "bonus-mismatch");
        Caught(report, "distance-mismatch");
    }

    [Fact]
    public void Stated_figures_do_not_change_the_recomputed_objective()
    {
        var report = Check(Good.WithAllocation("L-1", "D-1", a => a with { LandedCnyPerKg = 1.00m, PovertyBonusCnyPerKg = 0m }));

        Assert.Equal(49_380.00m, report.RecomputedObjectiveCny);
        NotCaught(report, "objective-mismatch");
    }
}
