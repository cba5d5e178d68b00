using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Checking;

public sealed class CorrectResultTests
{
    [Fact]
    public void Hand_derived_optimal_round_passes_with_no_issues_and_is_proven_optimal()
    {
        var report = CheckAssert.Check(TinyRound.Result());

        Assert.True(report.Ok, string.Join(" | ", report.Issues));
        Assert.Empty(report.Issues);
        Assert.True(report.ProvenOptimal);
    }

    [Fact]
    public void Recomputed_objective_and_kpis_equal_the_paper_derivation()
    {
        var report = CheckAssert.Check(TinyRound.Result());

        Assert.Equal(49_380.00m, report.RecomputedObjectiveCny);
        var expected = TinyRound.Kpis();
        var actual = report.RecomputedKpis;
        Assert.Equal(WithoutLists(expected), WithoutLists(actual));
        Assert.Equal(expected.PovertyPurchasesByProvince, actual.PovertyPurchasesByProvince);
        Assert.Equal(expected.PovertyPurchasesByCounty, actual.PovertyPurchasesByCounty);
        Assert.Equal(expected.UnmetByReason, actual.UnmetByReason);
    }

    private static Kpis WithoutLists(Kpis kpis) =>
        kpis with { PovertyPurchasesByProvince = [], PovertyPurchasesByCounty = [], UnmetByReason = [] };

    [Fact]
    public void Result_read_back_from_json_still_passes()
    {
        var roundTripped = MatchingJson.Deserialize(MatchingJson.Serialize(TinyRound.Result()));

        var report = CheckAssert.Check(roundTripped);

        Assert.Empty(report.Issues);
        Assert.True(report.ProvenOptimal);
    }

    [Fact]
    public void Result_without_shadow_prices_is_feasible_but_not_proven_optimal()
    {
        var report = CheckAssert.Check(TinyRound.Result() with { ShadowPrices = null });

        Assert.True(report.Ok, string.Join(" | ", report.Issues));
        Assert.False(report.ProvenOptimal);
    }

    [Fact]
    public void Issue_message_names_the_lot_and_both_quantities()
    {
        var result = TinyRound.Result().WithAllocation("L-1", "D-1", a => a with { Kg = 2_200 });

        var issue = CheckAssert.Caught(CheckAssert.Check(result), "supply-exceeded");

        Assert.Equal("lot L-1 has 5,000 kg, allocations sum to 5,200 kg", issue.Message);
        Assert.Equal("supply-exceeded: lot L-1 has 5,000 kg, allocations sum to 5,200 kg", issue.ToString());
    }

    [Fact]
    public void A_systematic_error_is_listed_a_hundred_times_and_counted_beyond()
    {
        var many = Enumerable.Range(0, 250).Select(i => TinyRound.Result().Allocations[0] with { LotId = $"L-X{i}" }).ToList();

        var report = CheckAssert.Check(TinyRound.Result() with { Allocations = many });

        Assert.Equal(100, report.Issues.Count(i => i.Code == "unknown-lot" && i.Message.StartsWith("allocation", StringComparison.Ordinal)));
        Assert.Contains(report.Issues, i => i.Code == "unknown-lot" && i.Message == "150 more issues of this kind not listed");
    }
}
