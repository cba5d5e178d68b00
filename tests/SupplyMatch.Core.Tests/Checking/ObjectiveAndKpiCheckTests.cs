using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using static SupplyMatch.Core.Tests.Checking.CheckAssert;

namespace SupplyMatch.Core.Tests.Checking;

public sealed class ObjectiveAndKpiCheckTests
{
    private static readonly MatchingResult Good = TinyRound.Result();

    [Fact]
    public void Objective_off_by_one_fen_is_caught()
    {
        var issue = Caught(Check(Good with { ObjectiveCny = 49_380.01m }), "objective-mismatch");

        Assert.Contains("49,380.00", issue.Message);
    }

    [Fact]
    public void Statistics_objective_off_by_one_fen_is_caught()
    {
        Caught(Check(Good with { Statistics = Good.Statistics with { ObjectiveCny = 49_379.99m } }), "statistics-objective-mismatch");
    }

    [Fact]
    public void Bound_above_the_objective_is_caught_beyond_one_fen_only()
    {
        var above = Check(Good with { Statistics = Good.Statistics with { BoundCny = 49_380.02m } });
        var withinTolerance = Check(Good with { Statistics = Good.Statistics with { BoundCny = 49_380.005m } });

        Caught(above, "bound-above-objective");
        Assert.Empty(withinTolerance.Issues);
    }

    [Fact]
    public void Wrong_model_size_counts_are_caught()
    {
        var stats = Good.Statistics with
        {
            Arcs = 5,
            RejectedPairs = [.. Good.Statistics.RejectedPairs.Where(r => r.Reason != UnmetReason.GradeTooLow)],
        };

        var issue = Caught(Check(Good with { Statistics = stats }), "statistics-mismatch");

        Assert.Contains("candidate arcs stated 5, recomputed 4", issue.Message);
        Assert.Contains("GradeTooLow pairs stated 0, recomputed 1", issue.Message);
    }

    [Fact]
    public void Wrong_line_fill_rate_is_caught()
    {
        var issue = Caught(Check(Good with { Kpis = Good.Kpis with { FillRateLines = 0.5 } }), "kpi-mismatch");

        Assert.Equal("FillRateLines stated 0.5, recomputed 0.4", issue.Message);
    }

    [Fact]
    public void Kpi_doubles_agree_to_one_part_in_a_million()
    {
        var close = Check(Good with { Kpis = Good.Kpis with { TonKm = 8_250 * (1 + 1e-7) } });
        var far = Check(Good with { Kpis = Good.Kpis with { TonKm = 8_250 * (1 + 1e-5) } });

        Assert.Empty(close.Issues);
        Caught(far, "kpi-mismatch");
    }

    [Fact]
    public void Wrong_money_and_household_kpis_are_caught()
    {
        var kpis = Good.Kpis with { LandedCnyPerKg = 3.97m, HouseholdsReached = 0, PovertyLinkedCny = 16_500m };

        var messages = Check(Good with { Kpis = kpis }).Issues.Where(i => i.Code == "kpi-mismatch").Select(i => i.Message).ToList();

        Assert.Equal(3, messages.Count);
        Assert.Contains("LandedCnyPerKg stated 3.97, recomputed 3.9725", messages);
    }

    [Fact]
    public void Unmet_breakdown_missing_a_reason_is_caught()
    {
        var kpis = Good.Kpis with { UnmetByReason = Good.Kpis.UnmetByReason.Where(u => u.Reason != UnmetReason.TooExpensive).ToList() };

        Assert.Contains("UnmetByReason has 2 entries, recomputed 3", Caught(Check(Good with { Kpis = kpis }), "kpi-mismatch").Message);
    }

    [Fact]
    public void County_purchases_out_of_order_or_wrong_are_caught()
    {
        var county = new CountyPurchase(Province.Yunnan, "元谋县", "Yuanmou", 5_000, 16_000m, 0);

        Caught(Check(Good with { Kpis = Good.Kpis with { PovertyPurchasesByCounty = [county] } }), "kpi-mismatch");
    }
}
