using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Checking;

/// <summary>
/// Check 5: the objective recomputed exactly from the integer allocation (MODEL.md "Allocation objective"): arcs at
/// (landed - bonus) fen/kg x kg, unmet kg at the line's penalty fen/kg, plus the policy penalties; compared with the
/// result's objective and statistics, the bound must not exceed it, and the model-size counts must match the scan.
/// </summary>
internal static class ObjectiveChecks
{
    public const decimal BoundTolerance = 0.01m;

    /// <summary>Checks objective, policy outcomes, bound and statistics; returns the recomputed objective, CNY.</summary>
    public static decimal Run(CheckContext context, ScanResult scan)
    {
        var fen = context.Costed.Sum(a => a.NetFen * a.Kg);
        for (var d = 0; d < context.Lines.Length; d++)
        {
            fen += context.LinePenaltyFen[d] * context.UnmetKg(d);
        }

        var (outcomes, policyPenalty) = PolicyChecks.Recompute(context);
        PolicyChecks.Compare(context, outcomes);
        var objective = Money.ToCny(fen) + policyPenalty;
        var result = context.Result;
        var stats = result.Statistics;
        var parts = $"arcs and unmet {Fmt.Cny(Money.ToCny(fen))} + policy {Fmt.Cny(policyPenalty)}";
        if (result.ObjectiveCny != objective)
        {
            context.Issues.Add("objective-mismatch", $"objective stated {Fmt.Cny(result.ObjectiveCny)}, recomputed {Fmt.Cny(objective)} ({parts})");
        }

        if (stats.ObjectiveCny != objective)
        {
            context.Issues.Add("statistics-objective-mismatch", $"statistics objective stated {Fmt.Cny(stats.ObjectiveCny)}, recomputed {Fmt.Cny(objective)}");
        }

        if (stats.BoundCny > objective + BoundTolerance)
        {
            context.Issues.Add("bound-above-objective", $"bound {Fmt.Cny(stats.BoundCny)} is above the objective {Fmt.Cny(objective)}; a lower bound cannot exceed a feasible objective");
        }

        CheckStatistics(context, scan);
        return objective;
    }

    private static void CheckStatistics(CheckContext context, ScanResult scan)
    {
        var result = context.Result;
        var stats = result.Statistics;
        var found = new List<string>();
        if (result.Status != stats.Status)
        {
            found.Add($"status {result.Status} vs statistics status {stats.Status}");
        }

        Count(found, "lots", stats.Lots, context.Lots.Length);
        Count(found, "lines", stats.Lines, context.Lines.Length);
        Count(found, "same-product pairs", stats.SameProductPairs, scan.SameProductPairs);
        Count(found, "candidate arcs", stats.Arcs, scan.Arcs);
        var stated = new Dictionary<UnmetReason, long>();
        foreach (var r in stats.RejectedPairs)
        {
            stated[r.Reason] = stated.GetValueOrDefault(r.Reason) + r.Pairs;
        }

        foreach (var reason in Enum.GetValues<UnmetReason>())
        {
            Count(found, $"{reason} pairs", stated.GetValueOrDefault(reason), scan.RejectedByStage[(int)PairRules.StageOf(reason)]);
        }

        if (found.Count > 0)
        {
            context.Issues.Add("statistics-mismatch", string.Join("; ", found));
        }
    }

    private static void Count(List<string> found, string what, long stated, long recomputed)
    {
        if (stated != recomputed)
        {
            found.Add($"{what} stated {Fmt.Count(stated)}, recomputed {Fmt.Count(recomputed)}");
        }
    }
}
