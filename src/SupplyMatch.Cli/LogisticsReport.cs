using System.Text;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using static SupplyMatch.Cli.MatchReport;
using static SupplyMatch.Cli.Words;

namespace SupplyMatch.Cli;

/// <summary>
/// The table output of <c>match --logistics</c>: objective by term with its bounds, solver statistics, logistics KPIs,
/// shipments and delivery routes (<see cref="ShipmentReport"/>), unmet lines by reason.
/// </summary>
internal static class LogisticsReport
{
    /// <summary>Unmet lines listed one by one after the totals per reason.</summary>
    public const int TopUnmetLines = 10;

    public static string Render(MatchingProblem problem, LogisticsResult result)
    {
        var text = new StringBuilder();
        var s = result.Statistics;
        text.AppendLine($"Logistics plan: {Count(problem.Lots.Count)} lots, {Count(problem.Lines.Count)} lines, {Count(problem.Reference.Hubs.Count, "hub")}; solver {s.Solver}, status {Of(result.Status)}");
        Objective(text, result.ObjectiveCny, result.Objective, s);
        Solver(text, s, result.Timings);
        Kpis(text, result.Kpis);
        ShipmentReport.Shipments(text, problem, result.Shipments);
        ShipmentReport.Routes(text, result);
        Unmet(text, result.Unmet);
        return text.ToString();
    }

    private static void Objective(StringBuilder text, decimal objectiveCny, ObjectiveBreakdown o, LogisticsStatistics s)
    {
        text.AppendLine().AppendLine("Objective");
        Row(text, "objective", Cny(objectiveCny));
        Row(text, "  ex-farm", Cny(o.ExFarmCny));
        Row(text, "  poverty bonus", Cny(-o.PovertyBonusCny));
        Row(text, "  line-haul trucks", Cny(o.TrucksCny));
        Row(text, "  feeders to hubs", Cny(o.FeederCny));
        Row(text, "  hub handling", Cny(o.HubHandlingCny));
        Row(text, "  centre handling", Cny(o.DcHandlingCny));
        Row(text, "  city delivery", Cny(o.CityDeliveryCny));
        Row(text, "  unmet penalty", Cny(o.UnmetPenaltyCny));
        Row(text, "best bound", Cny(s.BestBoundCny), $"gap {Number(s.GapPercent, 2)} %");
        Row(text, "LP bound", Cny(s.LpBoundCny));
        Row(text, "Lagrangian bound", Cny(s.LagrangianBoundCny), Count(s.BoundIterations, "evaluation"));
        Row(text, "start plan", Cny(s.WarmStartCny), $"{Count(s.SlopeScalingIterations, "slope-scaling iteration")}, {Count(s.LocalMoves, "local move")}");
    }

    private static void Solver(StringBuilder text, LogisticsStatistics s, LogisticsTimings? timings)
    {
        text.AppendLine().AppendLine("Solver");
        Row(text, "solver, status", $"{s.Solver}, {Of(s.Status)}");
        Row(text, "lots x lines", $"{Count(s.Lots)} x {Count(s.Lines)}");
        Row(text, "candidate arcs", Count(s.CandidateArcs), $"{Count(s.PairArcs)} LP arcs, {Count(s.Bins)} bins");
        Row(text, "retained arcs", Count(s.RetainedArcs), s.CompleteModel ? "every candidate arc" : "a restricted model");
        Row(text, "model", Count(s.Variables, "variable"), Count(s.Constraints, "constraint"));
        Row(text, "neighbourhoods", Count(s.Neighbourhoods), $"{Count(s.Improvements)} improved");
        Row(text, "work", Count(s.WorkUnits, "unit"),
            s.ClockLimited ? "cut short by the time limit: another run may give another plan" : "ended on the work limit, the target gap or a proof: the same plan for the same input");
        if (timings is { } t)
        {
            Row(text, "time", $"{Number(t.TotalMs, 1)} ms",
                $"candidates {Number(t.CandidatesMs, 1)}, LP {Number(t.LpMs, 1)}, start {Number(t.StartMs, 1)}, bound {Number(t.BoundMs, 1)}, search {Number(t.SearchMs, 1)}"
                + (t.RoutingMs > 0 ? $", delivery routes {Number(t.RoutingMs, 1)}" : string.Empty) + " ms");
        }
    }

    private static void Kpis(StringBuilder text, LogisticsKpis k)
    {
        text.AppendLine().AppendLine("Logistics KPIs");
        Row(text, "demand", Kg(k.DemandKg), Count(k.Lines, "line"));
        Row(text, "allocated", Kg(k.AllocatedKg), Percent(k.AllocatedKg, k.DemandKg) + " of demand kg");
        Row(text, "lines fully met, unmet", Count(k.LinesFullyMet), $"{Count(k.LinesUnmet)} unmet");
        Row(text, "trucks", Count(k.Trucks), $"{Count(k.RefrigeratedTrucks)} refrigerated");
        Row(text, "average fill", $"{Number(k.AverageFillPercent, 1)} %");
        Row(text, "truck km", Number(k.TruckKm, 1), $"{Number(k.TonKm, 1)} ton-km");
        Row(text, "transport cost", Cny(k.TransportCostCny), k.AllocatedKg > 0 ? $"{CnyPerKg(k.CostPerKgCny)} per kg" : "-");
        Row(text, "via origin hubs", Kg(k.KgViaOriginHubs), Percent(k.KgViaOriginHubs, k.AllocatedKg));
        Row(text, "via distribution centres", Kg(k.KgViaDcs), Percent(k.KgViaDcs, k.AllocatedKg));
        var perTonne = k.AllocatedKg > 0 ? $"{Number(k.Co2KgPerTonne, 2)} kg per tonne" : "- per tonne";
        Row(text, "CO2", $"{Number(k.Co2Kg, 1)} kg", $"line-haul {Number(k.LineHaulCo2Kg, 1)} kg, {perTonne}");
    }

    private static void Unmet(StringBuilder text, IReadOnlyList<LogisticsUnmet> unmet)
    {
        text.AppendLine().AppendLine("Unmet lines by reason");
        if (unmet.Count == 0)
        {
            Row(text, "none", "0 kg");
            return;
        }

        foreach (var g in unmet.GroupBy(u => u.Reason).OrderByDescending(g => g.Sum(u => (long)u.UnmetKg)).ThenBy(g => g.Key))
        {
            Row(text, Of(g.Key), Kg(g.Sum(u => (long)u.UnmetKg)), Count(g.Count(), "line"));
            var largest = g.OrderByDescending(u => u.UnmetKg).ThenBy(u => u.LineId, StringComparer.Ordinal).First();
            text.AppendLine($"      {largest.LineId}: {largest.Message.ReplaceLineEndings(" ")}");
            text.AppendLine($"      {largest.LineId}：{largest.MessageZh.ReplaceLineEndings(" ")}");
        }

        text.AppendLine().AppendLine($"Largest unmet lines (top {Math.Min(TopUnmetLines, unmet.Count)} of {Count(unmet.Count)})");
        foreach (var u in unmet.OrderByDescending(u => u.UnmetKg).ThenBy(u => u.LineId, StringComparer.Ordinal).Take(TopUnmetLines))
        {
            Row(text, u.LineId, $"{Kg(u.UnmetKg)} of {Count(u.RequestedKg)}", $"{u.BuyerId} {u.ProductCode}, {Of(u.Reason)}");
        }
    }
}
