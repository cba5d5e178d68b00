using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Checking;

/// <summary>
/// Check 4: every line with allocated &lt; requested is listed once with the right kg, no fully met line is listed,
/// and the reason follows MODEL.md "Explanations of unmet demand": <see cref="UnmetReason.OutCompeted"/> exactly when
/// the line has a compatible lot, otherwise the furthest filter any lot of its product reached
/// (<see cref="UnmetReason.NoSupplyInWindow"/> when the product has no lot at all).
/// </summary>
internal static class UnmetChecks
{
    /// <summary>The reason the rules give a line that is (partly) unmet.</summary>
    public static UnmetReason ExpectedReason(LineSummary summary) =>
        summary.Compatible > 0 ? UnmetReason.OutCompeted : PairRules.ReasonOf(summary.Furthest);

    public static void Run(CheckContext context, ScanResult scan)
    {
        var listed = new HashSet<int>();
        foreach (var unmet in context.Result.Unmet)
        {
            if (!context.LineIndex.TryGetValue(unmet.LineId, out var d))
            {
                context.Issues.Add("unmet-unknown-line", $"unmet line {unmet.LineId} is not in the problem");
            }
            else if (!listed.Add(d))
            {
                context.Issues.Add("unmet-duplicate", $"line {unmet.LineId} is listed as unmet more than once");
            }
            else if (context.UnmetKg(d) == 0)
            {
                context.Issues.Add("unmet-spurious", $"line {unmet.LineId} is listed as unmet, but {Fmt.Kg(context.LineAllocatedKg[d])} of {Fmt.Kg(context.Lines[d].QuantityKg)} are allocated");
            }
            else
            {
                CheckFigures(context, unmet, d);
                CheckReason(context, unmet, scan.Lines[d]);
                UnmetExplanationChecks.Run(context, unmet, d, scan.Lines[d]);
            }
        }

        for (var d = 0; d < context.Lines.Length; d++)
        {
            if (context.UnmetKg(d) > 0 && !listed.Contains(d))
            {
                var line = context.Lines[d];
                context.Issues.Add("unmet-missing", $"line {line.Id} requests {Fmt.Kg(line.QuantityKg)}, gets {Fmt.Kg(context.LineAllocatedKg[d])}, and is not listed as unmet");
            }
        }
    }

    private static void CheckFigures(CheckContext context, UnmetLine unmet, int d)
    {
        var line = context.Lines[d];
        var allocated = context.LineAllocatedKg[d];
        if (unmet.RequestedKg != line.QuantityKg || unmet.AllocatedKg != allocated || unmet.UnmetKg != context.UnmetKg(d))
        {
            context.Issues.Add("unmet-kg-mismatch", $"unmet line {line.Id} states requested/allocated/unmet {Fmt.Kg(unmet.RequestedKg)} / {Fmt.Kg(unmet.AllocatedKg)} / {Fmt.Kg(unmet.UnmetKg)}, the allocations give {Fmt.Kg(line.QuantityKg)} / {Fmt.Kg(allocated)} / {Fmt.Kg(context.UnmetKg(d))}");
        }

        if (unmet.BuyerId != line.BuyerId || unmet.ProductCode != line.ProductCode)
        {
            context.Issues.Add("unmet-line-mismatch", $"unmet line {line.Id} states buyer {unmet.BuyerId} / product {unmet.ProductCode}, the line has {line.BuyerId} / {line.ProductCode}");
        }

        var penalty = Money.ToCny(context.LinePenaltyFen[d]);
        if (unmet.Explanation.PenaltyCnyPerKg != penalty)
        {
            context.Issues.Add("unmet-penalty-mismatch", $"unmet line {line.Id} states penalty {Fmt.Rate(unmet.Explanation.PenaltyCnyPerKg)}, the settings give {Fmt.Rate(penalty)} (ceiling {Fmt.Rate(line.MaxLandedCnyPerKg)}, priority {line.Priority})");
        }
    }

    private static void CheckReason(CheckContext context, UnmetLine unmet, LineSummary summary)
    {
        var expected = ExpectedReason(summary);
        if (unmet.Reason == expected)
        {
            return;
        }

        var why = summary.Compatible > 0
            ? $"{Fmt.Count(summary.Compatible)} compatible lots exist, so the reason is {expected}"
            : summary.Furthest == PairStage.None
                ? $"no lot offers {unmet.ProductCode}, so the reason is {expected}"
                : $"no lot is compatible and the furthest filter any lot of {unmet.ProductCode} reached is {expected}";
        context.Issues.Add("unmet-reason-wrong", $"unmet line {unmet.LineId} states reason {unmet.Reason}; {why}");
    }
}
