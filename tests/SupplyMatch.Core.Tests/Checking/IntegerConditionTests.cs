using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Checking;

/// <summary>MinOrderKg and all-or-nothing lines are relaxed by the allocation (MODEL.md) and left to a logistics family.</summary>
public sealed class IntegerConditionTests
{
    private static MatchingProblem ProblemWithIntegerConditions()
    {
        var lots = TinyRound.Lots().Select(l => l.Id == "L-2" ? l with { MinOrderKg = 1_500 } : l).ToList();
        var lines = TinyRound.Lines().Select(l => l.Id == "D-3" ? l with { PartialAllowed = false } : l).ToList();
        return TinyRound.Problem() with { Lots = lots, Lines = lines };
    }

    [Fact]
    public void Minimum_orders_and_all_or_nothing_lines_are_not_checked_on_the_allocation()
    {
        var report = FeasibilityChecker.Check(ProblemWithIntegerConditions(), TinyRound.Result());

        Assert.Empty(report.Issues);
        Assert.True(report.ProvenOptimal);
    }

    [Fact]
    public void A_logistics_family_adds_them_on_the_same_totals()
    {
        var report = FeasibilityChecker.Check(ProblemWithIntegerConditions(), TinyRound.Result(), [IntegerConditions]);

        // L-2 -> D-3 carries 1,000 kg < 1,500 kg, and D-3 gets 1,000 of 2,000 kg.
        Assert.Equal(["min-order-violated", "all-or-nothing-violated"], report.Issues.Select(i => i.Code));
        Assert.False(report.ProvenOptimal);
    }

    private static void IntegerConditions(CheckContext context)
    {
        foreach (var a in context.Costed.Where(a => a.Kg < context.Lots[a.Lot].MinOrderKg))
        {
            context.Issues.Add("min-order-violated", $"{context.Lots[a.Lot].Id} -> {context.Lines[a.Line].Id}");
        }

        for (var d = 0; d < context.Lines.Length; d++)
        {
            if (!context.Lines[d].PartialAllowed && context.LineAllocatedKg[d] > 0 && context.UnmetKg(d) > 0)
            {
                context.Issues.Add("all-or-nothing-violated", context.Lines[d].Id);
            }
        }
    }
}
