using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;
using static SupplyMatch.Core.Tests.Matching.TestProblems;

namespace SupplyMatch.Core.Tests.Matching;

/// <summary>Each constraint family on a tiny instance whose optimum follows by hand from MODEL.md.</summary>
public sealed class ConstraintFamilyTests
{
    private static readonly MatchingSettings Defaults = new();

    /// <summary>Tariff from the shared transport definition for a base -> buyer pair, CNY/kg.</summary>
    private static decimal Tariff(Base origin, Buyer buyer) =>
        Money.ToCny(new TransportModel(Problem([origin], [buyer], [], []).Reference, Defaults).Leg(origin, buyer, true).TariffFenPerKg);

    [Fact]
    public void Supply_limit_serves_the_urgent_line_first_and_leaves_the_rest_out_competed()
    {
        var (b, u) = (Base("B1"), Buyer("U1"));
        var problem = Problem([b], [u], [Lot("L1", "B1", 1_000, 2.50m)],
            [Line("D-urgent", "U1", 800, 6m, priority: 1), Line("D-later", "U1", 800, 6m, priority: 5)]);

        var result = Matcher.Solve(problem);

        Assert.Equal(800, result.Allocations.Single(a => a.LineId == "D-urgent").Kg);
        Assert.Equal(200, result.Allocations.Single(a => a.LineId == "D-later").Kg);
        var unmet = Assert.Single(result.Unmet);
        Assert.Equal(("D-later", 600, UnmetReason.OutCompeted), (unmet.LineId, unmet.UnmetKg, unmet.Reason));
        Assert.Contains("D-urgent", unmet.Explanation.CompetingLineIds!);
        Assert.True(unmet.Explanation.ClearingPriceCnyPerKg >= unmet.Explanation.PenaltyCnyPerKg);
        var expected = (1_000 * (2.50m + Tariff(b, u))) + (600 * Defaults.UnmetPenaltyCnyPerKg(problem.Lines[1]));
        Assert.Equal(expected, result.ObjectiveCny);
    }

    [Fact]
    public void Cheaper_lot_wins_and_poverty_bonus_tips_a_near_tie()
    {
        var (rich, poor, u) = (Base("B-rich"), Base("B-poor", households: 120), Buyer("U1"));
        var problem = Problem([rich, poor], [u],
            [Lot("L-cheap", "B-rich", 500, 2.00m), Lot("L-dear", "B-rich", 500, 2.40m), Lot("L-poor", "B-poor", 500, 2.05m)],
            [Line("D1", "U1", 500, 6m)]);

        var result = Matcher.Solve(problem);

        var allocation = Assert.Single(result.Allocations);
        Assert.Equal(("L-poor", 500, 0.10m), (allocation.LotId, allocation.Kg, allocation.PovertyBonusCnyPerKg));
        Assert.Equal(500 * (2.05m + Tariff(poor, u) - 0.10m), result.ObjectiveCny);
    }

    [Fact]
    public void Grade_below_the_minimum_is_reported_with_the_best_grade_offered()
    {
        var problem = Problem([Base("B1")], [Buyer("U1")], [Lot("L1", "B1", 500, 2m, grade: Grade.Second)],
            [Line("D1", "U1", 300, 6m, minGrade: Grade.Premium)]);

        var unmet = Assert.Single(Matcher.Solve(problem).Unmet);

        Assert.Equal(UnmetReason.GradeTooLow, unmet.Reason);
        Assert.Equal(Grade.Second, unmet.Explanation.BestGrade);
    }

    [Fact]
    public void Importer_requiring_a_certification_names_what_is_missing()
    {
        var problem = Problem([Base("B1", certifications: ["green_food"])], [Buyer("U-HK", HongKong, ["gba_basket"])],
            [Lot("L1", "B1", 500, 2m)], [Line("D1", "U-HK", 300, 6m)]);

        var unmet = Assert.Single(Matcher.Solve(problem).Unmet);

        Assert.Equal(UnmetReason.CertificationMissing, unmet.Reason);
        Assert.Equal(["gba_basket"], unmet.Explanation.MissingCertifications!);
        Assert.Equal("采购商要求认证粤港澳大湾区“菜篮子”生产基地（gba_basket），供应菜心的基地均不具备。", unmet.Explanation.MessageZh);
    }

    [Fact]
    public void Lot_that_cannot_arrive_inside_the_window_is_out_of_window()
    {
        // Yunnan -> Guangzhou delivers two days after shipping; the lot ships only on day 0, the line wants day 1.
        var problem = Problem([Base("B1")], [Buyer("U1")], [Lot("L1", "B1", 500, 2m, toOffset: 0)],
            [Line("D1", "U1", 300, 6m, earliestOffset: 1, latestOffset: 1)]);

        var unmet = Assert.Single(Matcher.Solve(problem).Unmet);

        Assert.Equal(UnmetReason.NoSupplyInWindow, unmet.Reason);
        Assert.Contains("2026-12-09", unmet.Explanation.Message);
    }

    [Fact]
    public void Freshness_below_the_minimum_reports_the_best_freshness()
    {
        // Harvested 2 days before shipping, 2 days on the road: 4 of 6 days gone, 33 % left.
        var problem = Problem([Base("B1")], [Buyer("U1")], [Lot("L1", "B1", 500, 2m, harvestOffset: -2, toOffset: 0)],
            [Line("D1", "U1", 300, 6m, minFreshness: 50)]);

        var unmet = Assert.Single(Matcher.Solve(problem).Unmet);

        Assert.Equal(UnmetReason.NotFreshEnough, unmet.Reason);
        Assert.Equal(33, unmet.Explanation.BestFreshnessPercent);
    }

    [Fact]
    public void Ceiling_below_every_landed_price_reports_the_cheapest_landed_price()
    {
        var (b, u) = (Base("B1"), Buyer("U1"));
        var problem = Problem([b], [u], [Lot("L1", "B1", 500, 2.00m), Lot("L2", "B1", 500, 2.30m)], [Line("D1", "U1", 300, 2.20m)]);

        var unmet = Assert.Single(Matcher.Solve(problem).Unmet);

        Assert.Equal(UnmetReason.TooExpensive, unmet.Reason);
        Assert.Equal(2.00m + Tariff(b, u), unmet.Explanation.CheapestLandedCnyPerKg);
    }

    [Fact]
    public void Chilled_product_without_a_refrigerated_vehicle_has_no_cold_chain()
    {
        var problem = Problem([Base("B1")], [Buyer("U1")], [Lot("L1", "B1", 500, 2m)], [Line("D1", "U1", 300, 6m)]);
        var ambientOnly = problem with
        {
            Reference = problem.Reference with { VehicleTypes = [Reefer15 with { Id = "V-A18", Refrigerated = false }] },
        };

        var unmet = Assert.Single(Matcher.Solve(ambientOnly).Unmet);

        Assert.Equal(UnmetReason.NoColdChain, unmet.Reason);
    }

    [Fact]
    public void Province_purchase_target_buys_dearer_supply_when_its_penalty_outweighs_the_price_gap()
    {
        var problem = Problem([Base("B-yn", Province.Yunnan), Base("B-gz", Province.Guizhou, lat: 26.6, lon: 106.7)], [Buyer("U1")],
            [Lot("L-yn", "B-yn", 1_000, 2.00m), Lot("L-gz", "B-gz", 1_000, 2.60m)], [Line("D1", "U1", 1_000, 6m)]);
        var withoutTarget = Matcher.Solve(problem);
        var policy = new PolicyTargets(new Dictionary<Province, decimal> { [Province.Guizhou] = 1_300m }, null, ProvincePenaltyPerCny: 2m);

        var withTarget = Matcher.Solve(problem with { Settings = problem.Settings with { Policy = policy } });

        Assert.Equal("L-yn", Assert.Single(withoutTarget.Allocations).LotId);
        Assert.Equal("lp", withTarget.Statistics.Solver);
        Assert.Equal(500, withTarget.Allocations.Single(a => a.LotId == "L-gz").Kg);
        var outcome = Assert.Single(withTarget.Policy);
        Assert.Equal((1_300m, 0m), (outcome.Achieved, outcome.Shortfall));
    }

    [Fact]
    public void Poverty_share_target_shifts_volume_to_poverty_linked_bases()
    {
        var problem = Problem([Base("B-rich"), Base("B-poor", households: 80)], [Buyer("U1")],
            [Lot("L-rich", "B-rich", 1_000, 2.00m), Lot("L-poor", "B-poor", 1_000, 2.50m)], [Line("D1", "U1", 1_000, 6m)]);
        var policy = new PolicyTargets(new Dictionary<Province, decimal>(), 40m, PovertySharePenaltyCnyPerKg: 3m);

        var result = Matcher.Solve(problem with { Settings = problem.Settings with { Policy = policy } });

        Assert.Equal(400, result.Allocations.Single(a => a.LotId == "L-poor").Kg);
        Assert.Equal(0m, Assert.Single(result.Policy).Shortfall);
        Assert.Equal(40.0, result.Kpis.PovertySharePercent);
    }

    [Fact]
    public void Forcing_the_flow_solver_with_policy_targets_is_refused()
    {
        var problem = Random(1, 4, 4, new MatchingSettings
        {
            Solver = SolverChoice.Flow,
            Policy = new PolicyTargets(new Dictionary<Province, decimal>(), 50m),
        });

        var error = Assert.Throws<MatchingException>(() => Matcher.Solve(problem));

        Assert.Contains("--solver lp", error.Message);
    }

    [Fact]
    public void Same_input_gives_byte_identical_json()
    {
        var problem = Random(7, 30, 40);

        Assert.Equal(MatchingJson.Serialize(Matcher.Solve(problem)), MatchingJson.Serialize(Matcher.Solve(problem)));
    }
}
