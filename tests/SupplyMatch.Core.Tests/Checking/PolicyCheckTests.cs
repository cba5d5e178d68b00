using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using static SupplyMatch.Core.Tests.Checking.CheckAssert;

namespace SupplyMatch.Core.Tests.Checking;

/// <summary>
/// The tiny round with targets: Guangxi purchases >= 20,000 CNY (penalty 0.50/CNY) and a 70% poverty share
/// (penalty 2.00/kg). Guangxi sells 3,000 kg x 3.80 = 11,400: shortfall 8,600, penalty 4,300.00. Poverty-linked
/// 5,000 kg of 8,000 against 0.70 x 8,000 = 5,600: shortfall 600 kg, penalty 1,200.00. Objective
/// 49,380.00 + 4,300.00 + 1,200.00 = 54,880.00.
/// </summary>
public sealed class PolicyCheckTests
{
    private static readonly MatchingProblem Problem = TinyRound.Problem(new MatchingSettings
    {
        Policy = new PolicyTargets(new Dictionary<Province, decimal> { [Province.Guangxi] = 20_000m, [Province.Sichuan] = 0m }, 70m),
    });

    private static readonly MatchingResult Good = TinyRound.Result() with
    {
        ObjectiveCny = 54_880.00m,
        Policy =
        [
            new("province:guangxi", "CNY", 20_000m, 11_400m, 8_600m, 4_300m),
            new("poverty-share", "kg", 5_600m, 5_000m, 600m, 1_200m),
        ],
        Statistics = TinyRound.Result().Statistics with { Solver = "lp", ObjectiveCny = 54_880.00m, BoundCny = 54_880.00m },
    };

    [Fact]
    public void Result_with_policy_penalties_passes_but_is_not_claimed_proven()
    {
        var report = Check(Good, Problem);

        Assert.Empty(report.Issues);
        Assert.Equal(54_880.00m, report.RecomputedObjectiveCny);
        Assert.False(report.ProvenOptimal);
    }

    [Fact]
    public void Objective_without_the_policy_penalties_is_caught()
    {
        var result = Good with { ObjectiveCny = 49_380.00m };

        Assert.Contains("policy 5,500.00 CNY", Caught(Check(result, Problem), "objective-mismatch").Message);
    }

    [Fact]
    public void Wrong_shortfall_is_caught()
    {
        var result = Good with { Policy = [Good.Policy[0] with { Shortfall = 8_000m }, Good.Policy[1]] };

        Caught(Check(result, Problem), "policy-outcome-mismatch");
    }

    [Fact]
    public void Missing_and_unexpected_targets_are_caught()
    {
        var result = Good with { Policy = [Good.Policy[0], new("province:sichuan", "CNY", 0m, 0m, 0m, 0m)] };

        var report = Check(result, Problem);

        Caught(report, "policy-outcome-missing");
        Caught(report, "policy-outcome-unexpected");
    }

    [Fact]
    public void Policy_outcomes_without_targets_are_caught()
    {
        Caught(Check(Good with { ObjectiveCny = 49_380.00m }), "policy-outcome-unexpected");
    }
}
