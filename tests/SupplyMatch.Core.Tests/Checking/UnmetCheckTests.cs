using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using static SupplyMatch.Core.Tests.Checking.CheckAssert;

namespace SupplyMatch.Core.Tests.Checking;

public sealed class UnmetCheckTests
{
    private static readonly MatchingResult Good = TinyRound.Result();

    [Fact]
    public void Line_served_beyond_its_quantity_is_caught()
    {
        var result = Good.WithAllocation("L-2", "D-1", a => a with { Kg = 2_100 });

        Assert.Equal("line D-1 requests 4,000 kg, allocations sum to 4,100 kg", Caught(Check(result), "demand-exceeded").Message);
    }

    [Fact]
    public void Missing_unmet_line_is_caught()
    {
        var result = Good with { Unmet = Good.Unmet.Where(u => u.LineId != "D-4").ToList() };

        Assert.Contains("D-4", Caught(Check(result), "unmet-missing").Message);
    }

    [Fact]
    public void Fully_met_line_listed_as_unmet_is_caught()
    {
        var extra = Good.Unmet[0] with { LineId = "D-1", RequestedKg = 4_000, AllocatedKg = 4_000, UnmetKg = 0 };

        Caught(Check(Good with { Unmet = [.. Good.Unmet, extra] }), "unmet-spurious");
    }

    [Fact]
    public void Line_listed_twice_as_unmet_is_caught()
    {
        Caught(Check(Good with { Unmet = [.. Good.Unmet, Good.Unmet[^1]] }), "unmet-duplicate");
    }

    [Fact]
    public void Wrong_unmet_kg_is_caught()
    {
        Caught(Check(Good.WithUnmet("D-3", u => u with { AllocatedKg = 900, UnmetKg = 1_100 })), "unmet-kg-mismatch");
    }

    [Fact]
    public void Line_with_a_compatible_lot_must_be_out_competed()
    {
        var issue = Caught(Check(Good.WithUnmet("D-3", u => u with { Reason = UnmetReason.TooExpensive })), "unmet-reason-wrong");

        Assert.Contains("OutCompeted", issue.Message);
    }

    [Fact]
    public void Line_without_a_compatible_lot_cannot_be_out_competed()
    {
        Caught(Check(Good.WithUnmet("D-5", u => u with { Reason = UnmetReason.OutCompeted })), "unmet-reason-wrong");
    }

    [Fact]
    public void Line_is_explained_by_the_furthest_filter_not_the_first_lot_that_fails()
    {
        // L-3 stops at the certification, L-4 at the window: the window is further along.
        var issue = Caught(Check(Good.WithUnmet("D-4", u => u with { Reason = UnmetReason.CertificationMissing })), "unmet-reason-wrong");

        Assert.Contains("NoSupplyInWindow", issue.Message);
    }

    [Fact]
    public void Lot_that_arrives_in_time_but_stale_moves_the_explanation_to_freshness()
    {
        // L-4 harvested 02-20 and shipped 03-01 reaches U-HK on 03-02 at 83%, below D-4's new 90% minimum.
        var lots = TinyRound.Lots().Select(l => l.Id == "L-4" ? l with { HarvestDate = new(2025, 2, 20), AvailableFrom = TinyRound.March1, AvailableTo = TinyRound.Day(3) } : l).ToList();
        var lines = TinyRound.Lines().Select(l => l.Id == "D-4" ? l with { MinFreshnessPercent = 90 } : l).ToList();
        var problem = TinyRound.Problem() with { Lots = lots, Lines = lines };

        var stale = Check(Good.WithUnmet("D-4", u => u with { Reason = UnmetReason.NotFreshEnough }), problem);
        var window = Check(Good, problem);

        NotCaught(stale, "unmet-reason-wrong");
        Assert.Contains(stale.RecomputedKpis.UnmetByReason, u => u.Reason == UnmetReason.NotFreshEnough && u.Kg == 1_500);
        Caught(window, "unmet-reason-wrong");
    }

    [Fact]
    public void Line_whose_product_has_no_lot_is_unmet_for_no_supply_in_window()
    {
        var problem = TinyRound.Problem() with { Lots = TinyRound.Lots().Where(l => l.ProductCode != "P-POTATO").ToList() };
        var result = Good.WithUnmet("D-5", u => u with { Reason = UnmetReason.NoSupplyInWindow });

        NotCaught(Check(result, problem), "unmet-reason-wrong");
        Caught(Check(Good, problem), "unmet-reason-wrong");
    }

    [Fact]
    public void Penalty_that_ignores_the_priority_is_caught()
    {
        var issue = Caught(Check(Good.WithExplanation("D-3", e => e with { PenaltyCnyPerKg = 4.20m })), "unmet-penalty-mismatch");

        Assert.Contains("7.20", issue.Message);
    }

    [Fact]
    public void Wrong_numbers_in_an_explanation_are_caught()
    {
        var report = Check(Good
            .WithExplanation("D-5", e => e with { CheapestLandedCnyPerKg = 1.40m })
            .WithExplanation("D-3", e => e with { CompatibleLots = 2, ClearingPriceCnyPerKg = 6.00m }));

        var messages = report.Issues.Where(i => i.Code == "unmet-explanation-mismatch").Select(i => i.Message).ToList();

        Assert.Contains(messages, m => m.Contains("D-5", StringComparison.Ordinal) && m.Contains("cheapest landed 1.40", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("compatible lots 2 (recomputed 1)", StringComparison.Ordinal) && m.Contains("clearing price", StringComparison.Ordinal));
    }

    [Fact]
    public void Contested_lot_the_line_could_not_use_is_caught()
    {
        var issue = Caught(Check(Good.WithExplanation("D-3", e => e with { ContestedLotIds = ["L-1"], CompetingLineIds = ["D-2"] })), "unmet-explanation-mismatch");

        Assert.Contains("contested lot L-1", issue.Message);
    }
}
