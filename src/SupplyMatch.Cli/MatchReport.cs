using System.Text;
using SupplyMatch.Core.Matching;
using static SupplyMatch.Cli.Words;

namespace SupplyMatch.Cli;

/// <summary>The table output of <c>match</c>: KPIs, unmet demand by reason, policy targets, solver statistics.</summary>
internal static class MatchReport
{
    public static string Render(MatchingProblem problem, MatchingResult result)
    {
        var text = new StringBuilder();
        var k = result.Kpis;
        var s = result.Statistics;
        text.AppendLine($"Matching round: {Count(problem.Lots.Count)} lots, {Count(problem.Lines.Count)} lines; solver {s.Solver}, status {Of(result.Status)}");
        FillRate(text, k);
        Costs(text, k);
        Poverty(text, k);
        Unmet(text, k);
        Policy(text, result.Policy);
        Solver(text, s, result.Timings);
        return text.ToString();
    }

    /// <summary>
    /// One table row: a label, the first cell right-aligned so that it ends in the same column on every row (a label
    /// wider than its 26 columns takes the room from the cell's padding), the rest after it. Widths are terminal columns:
    /// a Chinese character takes two.
    /// </summary>
    internal static void Row(StringBuilder text, string label, params string[] cells)
    {
        var width = Columns(label);
        var padded = label + new string(' ', Math.Max(0, 26 - width));
        text.AppendLine($"  {padded}{string.Join("   ", cells.Select((c, i) => i == 0 ? c.PadLeft(46 - Math.Max(26, width)) : c))}".TrimEnd());
    }

    /// <summary>Terminal columns a text takes: East Asian wide and full-width characters (CJK, Hangul, full-width forms) take two.</summary>
    internal static int Columns(string text) => text.Sum(c => c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
        or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6') ? 2 : 1);

    private static void FillRate(StringBuilder text, Kpis k)
    {
        text.AppendLine().AppendLine("Fill rate");
        Row(text, "demand", Kg(k.DemandKg), Count(k.Lines, "line"));
        Row(text, "allocated", Kg(k.AllocatedKg), Percent(k.AllocatedKg, k.DemandKg) + " of demand kg");
        Row(text, "lines fully met", Count(k.LinesFullyMet), Percent(k.LinesFullyMet, k.Lines) + " of lines");
        Row(text, "lines partly met", Count(k.LinesPartlyMet), Percent(k.LinesPartlyMet, k.Lines));
        Row(text, "lines unmet", Count(k.LinesUnmet), Percent(k.LinesUnmet, k.Lines));
    }

    private static void Costs(StringBuilder text, Kpis k)
    {
        text.AppendLine().AppendLine("Cost");
        Row(text, "ex-farm", Cny(k.ExFarmCostCny));
        Row(text, "transport", Cny(k.TransportCostCny), k.AllocatedKg > 0 ? $"{Cny(k.TransportCostCny / k.AllocatedKg)} per kg" : "-");
        Row(text, "landed", Cny(k.LandedCostCny), k.AllocatedKg > 0 ? $"{Cny(k.LandedCnyPerKg)} per kg" : "-");
        Row(text, "ton-km", Number(k.TonKm, 1));
    }

    private static void Poverty(StringBuilder text, Kpis k)
    {
        text.AppendLine().AppendLine("Poverty alleviation (purchases from poverty-linked bases)");
        Row(text, "total", Kg(k.PovertyLinkedKg), Cny(k.PovertyLinkedCny), Percent(k.PovertyLinkedKg, k.AllocatedKg) + " of allocated kg");
        Row(text, "households reached", Count(k.HouseholdsReached));
        foreach (var p in k.PovertyPurchasesByProvince)
        {
            Row(text, "  " + Province(p.Province), Kg(p.Kg), Cny(p.Cny), Count(p.Households, "household"));
        }
    }

    private static void Unmet(StringBuilder text, Kpis k)
    {
        text.AppendLine().AppendLine("Unmet demand by reason");
        if (k.UnmetByReason.Count == 0)
        {
            Row(text, "none", "0 kg");
            return;
        }

        foreach (var u in k.UnmetByReason.OrderByDescending(u => u.Kg).ThenBy(u => u.Reason))
        {
            Row(text, Of(u.Reason), Kg(u.Kg), Count(u.Lines, "line"));
        }
    }

    private static void Policy(StringBuilder text, IReadOnlyList<PolicyOutcome> policy)
    {
        if (policy.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("Policy targets");
        foreach (var p in policy)
        {
            Row(text, p.Target, $"{p.Achieved:N2} of {p.Required:N2} {p.Unit}", $"shortfall {p.Shortfall:N2}", $"penalty {Cny(p.PenaltyCny)}");
        }
    }

    private static void Solver(StringBuilder text, SolverStatistics s, SolveTimings? timings)
    {
        text.AppendLine().AppendLine("Solver");
        Row(text, "solver, status", $"{s.Solver}, {Of(s.Status)}");
        Row(text, "lots x lines", $"{Count(s.Lots)} x {Count(s.Lines)}", $"{Count(s.SameProductPairs)} same-product pairs");
        Row(text, "arcs", Count(s.Arcs), $"{Count(s.Variables)} variables, {Count(s.Constraints)} constraints");
        Row(text, "objective", Cny(s.ObjectiveCny));
        Row(text, "bound", Cny(s.BoundCny), $"gap {Number(s.GapPercent, 4)} %");
        Row(text, "LP relaxation", Cny(s.LpObjectiveCny));
        foreach (var r in s.RejectedPairs.OrderByDescending(r => r.Pairs).ThenBy(r => r.Reason))
        {
            Row(text, "rejected: " + Of(r.Reason), Count(r.Pairs, "pair"));
        }

        if (timings is { } t)
        {
            Row(text, "time", $"{Number(t.TotalMs, 1)} ms", $"candidates {Number(t.CandidatesMs, 1)}, solve {Number(t.SolveMs, 1)}, results {Number(t.ResultsMs, 1)} ms");
        }
    }
}
