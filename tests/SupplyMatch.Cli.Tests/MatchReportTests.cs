using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Cli.Tests;

/// <summary>The table layout of 'match', on a result whose figures are set by hand.</summary>
public sealed class MatchReportTests
{
    private static readonly MatchingProblem Problem = ScenarioGenerator.Generate(new GeneratorOptions(12, 8, 3, 2, 1));

    private static MatchingResult Result(IReadOnlyList<PolicyOutcome> policy, SolveTimings? timings)
    {
        var kpis = new Kpis(
            DemandKg: 8_000, AllocatedKg: 6_000, FillRateKg: 0.75, Lines: 8, LinesFullyMet: 5, LinesPartlyMet: 1, LinesUnmet: 2, FillRateLines: 0.625,
            ExFarmCostCny: 18_000m, TransportCostCny: 3_600m, LandedCostCny: 21_600m, LandedCnyPerKg: 3.60m, TonKm: 7_890.5,
            PovertyLinkedKg: 4_500, PovertyLinkedCny: 13_500m, PovertySharePercent: 75, HouseholdsReached: 321,
            PovertyPurchasesByProvince: [new ProvincePurchase(Province.Guizhou, 4_500, 13_500m, 321)],
            PovertyPurchasesByCounty: [new CountyPurchase(Province.Guizhou, "威宁县", "Weining", 4_500, 13_500m, 321)],
            UnmetByReason: [new UnmetByReason(UnmetReason.NotFreshEnough, 500, 1), new UnmetByReason(UnmetReason.TooExpensive, 1_500, 2)]);
        var statistics = new SolverStatistics(
            "flow", SolveStatus.Optimal, 12, 8, 30, 17, [new RejectedPairs(UnmetReason.GradeTooLow, 9), new RejectedPairs(UnmetReason.TooExpensive, 4)],
            25, 20, 25_000m, 25_000m, 25_000m, 0);
        return new MatchingResult(SolveStatus.Optimal, 25_000m, [], [], policy, null, kpis, statistics) { Timings = timings };
    }

    [Fact]
    public void The_table_derives_shares_from_the_counts_and_sorts_unmet_reasons_by_kg()
    {
        var table = MatchReport.Render(Problem, Result([], new SolveTimings(1.5, 2.25, 0.5, 4.75)));

        Assert.Contains("Matching round: 12 lots, 8 lines; solver flow, status optimal", table, StringComparison.Ordinal);
        Assert.Contains("75.0 % of demand kg", table, StringComparison.Ordinal);
        Assert.Contains("62.5 % of lines", table, StringComparison.Ordinal);
        Assert.Contains("CNY 0.60 per kg", table, StringComparison.Ordinal);
        Assert.Contains("Guizhou 贵州", table, StringComparison.Ordinal);
        Assert.True(table.IndexOf("too expensive", StringComparison.Ordinal) < table.IndexOf("not fresh enough", StringComparison.Ordinal));
        Assert.Contains("rejected: grade too low", table, StringComparison.Ordinal);
        Assert.Contains("4.8 ms", table, StringComparison.Ordinal);
        Assert.DoesNotContain("Policy targets", table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_figures_of_rows_with_long_labels_end_in_the_same_column_as_the_others()
    {
        var result = Result([], null);
        RejectedPairs[] rejectedPairs = [new(UnmetReason.CertificationMissing, 743), new(UnmetReason.GradeTooLow, 3_293)];
        var withLongLabel = result with { Statistics = result.Statistics with { RejectedPairs = rejectedPairs } };
        var lines = MatchReport.Render(Problem, withLongLabel).Split('\n').Select(l => l.TrimEnd()).ToList();

        var arcs = lines.Single(l => l.StartsWith("  arcs ", StringComparison.Ordinal));
        var rejected = lines.Where(l => l.StartsWith("  rejected: ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, rejected.Count);
        Assert.All(rejected, l => Assert.Equal(arcs.IndexOf("   25 variables", StringComparison.Ordinal), l.Length));
    }

    [Fact]
    public void A_label_with_chinese_characters_keeps_its_figure_in_the_same_screen_column_as_the_others()
    {
        var lines = MatchReport.Render(Problem, Result([], null)).Split('\n').Select(l => l.TrimEnd()).ToList();

        var households = lines.Single(l => l.StartsWith("  households reached", StringComparison.Ordinal));
        var province = lines.Single(l => l.Contains("Guizhou 贵州", StringComparison.Ordinal));
        var kgEnds = province.IndexOf(" kg", StringComparison.Ordinal) + " kg".Length;

        Assert.Equal(MatchReport.Columns(households), MatchReport.Columns(province[..kgEnds]));
        Assert.Equal(2, MatchReport.Columns("贵"));
        Assert.Equal(1, MatchReport.Columns("G"));
    }

    [Fact]
    public void Policy_targets_appear_only_when_the_round_has_them_and_timings_only_when_measured()
    {
        var table = MatchReport.Render(Problem, Result([new PolicyOutcome("province:yunnan", "CNY", 50_000m, 20_000m, 30_000m, 15_000m)], null));

        Assert.Contains("province:yunnan", table, StringComparison.Ordinal);
        Assert.Contains("shortfall 30,000.00", table, StringComparison.Ordinal);
        Assert.DoesNotContain(" ms", table, StringComparison.Ordinal);
    }
}
