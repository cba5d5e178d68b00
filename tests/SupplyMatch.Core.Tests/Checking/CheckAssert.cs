using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Checking;

/// <summary>Mutations of a result and assertions on the checker's report.</summary>
internal static class CheckAssert
{
    public static CheckReport Check(MatchingResult result, MatchingProblem? problem = null) =>
        FeasibilityChecker.Check(problem ?? TinyRound.Problem(), result);

    /// <summary>The report has an issue with <paramref name="code"/>; returns it.</summary>
    public static CheckIssue Caught(CheckReport report, string code)
    {
        Assert.False(report.Ok);
        Assert.False(report.ProvenOptimal);
        var issue = report.Issues.FirstOrDefault(i => i.Code == code);
        Assert.True(issue is not null, $"expected {code}, got: {string.Join(" | ", report.Issues)}");
        return issue;
    }

    /// <summary>The report has no issue with any of <paramref name="codes"/>.</summary>
    public static void NotCaught(CheckReport report, params string[] codes)
    {
        var found = report.Issues.Where(i => codes.Contains(i.Code)).ToList();
        Assert.True(found.Count == 0, $"unexpected: {string.Join(" | ", found)}");
    }

    public static MatchingResult WithAllocation(this MatchingResult result, string lotId, string lineId, Func<Allocation, Allocation> change)
    {
        Assert.Contains(result.Allocations, a => a.LotId == lotId && a.LineId == lineId);
        return result with
        {
            Allocations = result.Allocations.Select(a => a.LotId == lotId && a.LineId == lineId ? change(a) : a).ToList(),
        };
    }

    public static MatchingResult WithUnmet(this MatchingResult result, string lineId, Func<UnmetLine, UnmetLine> change)
    {
        Assert.Contains(result.Unmet, u => u.LineId == lineId);
        return result with { Unmet = result.Unmet.Select(u => u.LineId == lineId ? change(u) : u).ToList() };
    }

    public static MatchingResult WithExplanation(this MatchingResult result, string lineId, Func<UnmetExplanation, UnmetExplanation> change) =>
        result.WithUnmet(lineId, u => u with { Explanation = change(u.Explanation) });

    public static MatchingResult WithLinePrice(this MatchingResult result, string lineId, decimal price) => result with
    {
        ShadowPrices = result.ShadowPrices! with
        {
            Lines = result.ShadowPrices.Lines.Select(p => p.LineId == lineId ? p with { CnyPerKg = price } : p).ToList(),
        },
    };

    public static MatchingResult WithLotPrice(this MatchingResult result, string lotId, decimal price) => result with
    {
        ShadowPrices = result.ShadowPrices! with
        {
            Lots = result.ShadowPrices.Lots.Select(p => p.LotId == lotId ? p with { CnyPerKg = price } : p).ToList(),
        },
    };
}
