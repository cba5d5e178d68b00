namespace SupplyMatch.Core.Checking;

/// <summary>
/// Check 3: supply and demand. Per lot the allocated kg must not exceed its quantity; per line the allocated kg must
/// not exceed the requested kg (the rest is unmet, see <see cref="UnmetChecks"/>).
/// </summary>
/// <remarks>
/// <c>MinOrderKg</c> and all-or-nothing lines are integer conditions the allocation relaxes (MODEL.md), so they are
/// not checked here. A logistics check adds them as one more <see cref="CheckFamily"/> reading the same totals
/// (<see cref="CheckContext.LotAllocatedKg"/>, <see cref="CheckContext.LineAllocatedKg"/>,
/// <see cref="CheckContext.Costed"/>) and passes it to <see cref="FeasibilityChecker.Check(Matching.MatchingProblem, Matching.MatchingResult, IEnumerable{CheckFamily})"/>.
/// </remarks>
internal static class QuantityChecks
{
    public static void Run(CheckContext context)
    {
        for (var s = 0; s < context.Lots.Length; s++)
        {
            var lot = context.Lots[s];
            if (context.LotAllocatedKg[s] > lot.QuantityKg)
            {
                context.Issues.Add("supply-exceeded", $"lot {lot.Id} has {Fmt.Kg(lot.QuantityKg)}, allocations sum to {Fmt.Kg(context.LotAllocatedKg[s])}");
            }
        }

        for (var d = 0; d < context.Lines.Length; d++)
        {
            var line = context.Lines[d];
            if (context.LineAllocatedKg[d] > line.QuantityKg)
            {
                context.Issues.Add("demand-exceeded", $"line {line.Id} requests {Fmt.Kg(line.QuantityKg)}, allocations sum to {Fmt.Kg(context.LineAllocatedKg[d])}");
            }
        }
    }
}
