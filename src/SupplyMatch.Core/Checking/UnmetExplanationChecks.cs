using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Checking;

/// <summary>
/// The numbers an unmet line's explanation states, each checked when it is given (null fields are not required):
/// compatible lots, the line's own ceiling and freshness minimum, the best grade of the product's lots, the best
/// freshness of lots delivering in the window, the cheapest landed price of lots also fresh enough, the clearing
/// price (within the dual tolerance, when shadow prices are given), and contested lots and competing lines.
/// </summary>
internal static class UnmetExplanationChecks
{
    public static void Run(CheckContext context, UnmetLine unmet, int d, LineSummary summary)
    {
        var e = unmet.Explanation;
        var line = context.Lines[d];
        var found = new List<string>();
        Compare(found, "compatible lots", e.CompatibleLots, summary.Compatible);
        CompareIfStated(found, "max landed", e.MaxLandedCnyPerKg, line.MaxLandedCnyPerKg);
        CompareIfStated(found, "min freshness %", e.MinFreshnessPercent, line.MinFreshnessPercent);
        CompareIfStated(found, "best grade", e.BestGrade, summary.BestGrade);
        CompareIfStated(found, "best freshness %", e.BestFreshnessPercent, summary.BestFreshnessPercent);
        CompareIfStated(found, "cheapest landed", e.CheapestLandedCnyPerKg, summary.CheapestLandedFen is { } fen ? Money.ToCny(fen) : null);
        if (context.HasPolicy)
        {
            // The clearing price then includes the policy rows' duals, which a result does not state; what must
            // still hold is that serving the line would not have been cheaper than leaving it unmet.
            if (e.ClearingPriceCnyPerKg is { } clearing && clearing < e.PenaltyCnyPerKg - DualChecks.Tolerance)
            {
                found.Add($"clearing price {Fmt.Rate(clearing)} is below the penalty {Fmt.Rate(e.PenaltyCnyPerKg)}");
            }
        }
        else if (e.ClearingPriceCnyPerKg is { } clearing && summary.ClearingPriceCny is { } recomputed && Math.Abs(clearing - recomputed) > DualChecks.Tolerance)
        {
            found.Add($"clearing price {Fmt.Rate(clearing)} (recomputed {Fmt.Rate(recomputed)})");
        }

        CheckContest(context, found, e, d);
        if (found.Count > 0)
        {
            context.Issues.Add("unmet-explanation-mismatch", $"unmet line {line.Id}: {string.Join("; ", found)}");
        }
    }

    private static void CheckContest(CheckContext context, List<string> found, UnmetExplanation e, int d)
    {
        var contested = new List<int>();
        foreach (var lotId in e.ContestedLotIds ?? [])
        {
            if (!context.LotIndex.TryGetValue(lotId, out var s) || context.LotBase[s] is null || context.LotProduct[s] is null
                || context.Lots[s].ProductCode != context.Lines[d].ProductCode || !context.Rules.Evaluate(s, d).IsCompatible)
            {
                found.Add($"contested lot {lotId} is not a compatible lot of the line");
            }
            else
            {
                contested.Add(s);
            }
        }

        foreach (var lineId in e.CompetingLineIds ?? [])
        {
            var took = context.LineIndex.TryGetValue(lineId, out var other)
                && contested.Exists(s => context.AllocatedPairs.Contains((s, other)));
            if (!took)
            {
                found.Add($"competing line {lineId} took no kg from the contested lots");
            }
        }
    }

    private static void Compare<T>(List<string> found, string what, T stated, T recomputed)
    {
        if (!EqualityComparer<T>.Default.Equals(stated, recomputed))
        {
            found.Add($"{what} {Show(stated)} (recomputed {Show(recomputed)})");
        }
    }

    private static void CompareIfStated<T>(List<string> found, string what, T? stated, T? recomputed)
        where T : struct
    {
        if (stated is not null)
        {
            Compare(found, what, stated, recomputed);
        }
    }

    private static string Show<T>(T value) => value switch
    {
        null => "none",
        decimal m => Fmt.Num(m),
        _ => value.ToString() ?? "none",
    };
}
