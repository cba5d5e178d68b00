using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Logistics;

/// <summary>Bounds and start figures computed before the search.</summary>
internal sealed record PlanningFigures(long? LpBoundFen, long? LagrangianBoundFen, long StartFen, int SlopeScalingIterations, int LocalMoves, int BoundIterations);

/// <summary>Assembles the public result of a plan: records, objective by term, unmet lines, KPIs and statistics.</summary>
internal static class LogisticsResultBuilder
{
    /// <summary>
    /// How far under its true value a bound may be reported: every bound is rounded down to whole fen, the Lagrangian's
    /// after taking 1 fen off for its floating-point sums. A plan this close to its bound is optimal.
    /// </summary>
    private const decimal BoundRoundingCny = 0.02m;

    public static LogisticsResult Build(LogisticsNetwork network, PlanState state, LogisticsSettings settings, SearchReport search, PlanningFigures figures)
    {
        var records = new FlowRecords(network, state, settings);
        var allocations = records.Allocations();
        var shipments = ShipmentBuilder.Build(network, state);
        var objective = Objective(network.Index, allocations, shipments);
        var objectiveCny = objective.TotalCny;
        var bound = search.BestBoundFen == long.MinValue ? (decimal?)null : Money.ToCny(Math.Min(search.BestBoundFen, Money.ToFen(objectiveCny)));
        var gap = bound is { } b ? ResultBuilder.Gap(objectiveCny, b) : 0;
        var status = bound is { } proven && objectiveCny - proven <= BoundRoundingCny ? SolveStatus.Optimal : SolveStatus.Feasible;
        var candidates = state.Candidates;
        var statistics = new LogisticsStatistics(
            search.Solver, status, network.Index.Lots.Length, network.Index.Lines.Length, candidates.EnumeratedArcs, candidates.PairArcs,
            candidates.Arcs.Length, candidates.Complete, candidates.Bins.Length, search.Variables, search.Constraints, search.Neighbourhoods,
            search.Improvements, objectiveCny, bound ?? 0, Money.ToCny(figures.LpBoundFen ?? 0), Money.ToCny(figures.LagrangianBoundFen ?? 0),
            Money.ToCny(figures.StartFen), figures.SlopeScalingIterations, figures.LocalMoves, figures.BoundIterations, Math.Round(gap, 4));
        var unmet = Unmet(network.Index, state);
        return new LogisticsResult(status, objectiveCny, objective, allocations, shipments, records.Pickups(), records.Deliveries(),
            records.DeliveryRuns(), unmet, LogisticsKpiCalculator.Compute(network, state, objective, shipments, unmet), statistics)
        {
            Policy = PolicyEvaluator.Evaluate(network.Index.Problem, [.. allocations.Select(a => new Purchase(a.BaseId, a.ExFarmCnyPerKg, a.Kg))]),
        };
    }

    /// <summary>The objective recomputed from the records, exact in fen.</summary>
    public static ObjectiveBreakdown Objective(ProblemIndex index, IReadOnlyList<LogisticsAllocation> allocations, IReadOnlyList<Shipment> shipments)
    {
        long exFarm = 0, bonus = 0, feeder = 0, hub = 0, dc = 0, local = 0;
        var served = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var a in allocations)
        {
            exFarm += Money.ToFen(a.ExFarmCnyPerKg) * a.Kg;
            bonus += Money.ToFen(a.PovertyBonusCnyPerKg) * a.Kg;
            feeder += Money.ToFen(a.FeederCnyPerKg) * a.Kg;
            hub += Money.ToFen(a.HubHandlingCnyPerKg) * a.Kg;
            dc += Money.ToFen(a.DcHandlingCnyPerKg) * a.Kg;
            local += Money.ToFen(a.CityDeliveryCnyPerKg) * a.Kg;
            served[a.LineId] = served.GetValueOrDefault(a.LineId) + a.Kg;
        }

        var penalty = 0L;
        for (var d = 0; d < index.Lines.Length; d++)
        {
            penalty += (index.Lines[d].QuantityKg - served.GetValueOrDefault(index.Lines[d].Id)) * index.LinePenaltyFen[d];
        }

        return new ObjectiveBreakdown(Money.ToCny(exFarm), Money.ToCny(bonus), shipments.Sum(s => s.CostCny), Money.ToCny(feeder),
            Money.ToCny(hub), Money.ToCny(dc), Money.ToCny(local), Money.ToCny(penalty));
    }

    private static List<LogisticsUnmet> Unmet(ProblemIndex index, PlanState state)
    {
        var unmet = new List<LogisticsUnmet>();
        for (var d = 0; d < index.Lines.Length; d++)
        {
            var line = index.Lines[d];
            var served = (int)state.LineServed[d];
            if (served >= line.QuantityKg)
            {
                continue;
            }

            var stage = state.Candidates.LineStage[d];
            var reason = stage >= 6 ? UnmetReason.OutCompeted : stage < 0 ? UnmetReason.NoSupplyInWindow : CandidateArcs.ReasonOf(stage);
            var (message, zh) = (reason == UnmetReason.OutCompeted ? state.Candidates.Reach.Unservable(d, served) : null) ?? Text(reason);
            unmet.Add(new LogisticsUnmet(line.Id, line.BuyerId, line.ProductCode, line.QuantityKg, served, line.QuantityKg - served, reason, message, zh));
        }

        return [.. unmet.OrderBy(u => u.LineId, StringComparer.Ordinal)];
    }

    private static (string, string) Text(UnmetReason reason) => reason switch
    {
        UnmetReason.GradeTooLow => ("No lot of the product reaches the line's minimum grade.", "没有批次达到需求的最低等级。"),
        UnmetReason.CertificationMissing => ("No base offering the product holds the certifications the buyer requires.", "供应该产品的基地均不具备采购商要求的认证。"),
        UnmetReason.NoColdChain => ("The product needs a cold chain and there is no refrigerated vehicle type.", "该产品需要冷链，但没有冷藏车型。"),
        UnmetReason.NoSupplyInWindow => ("No lot can arrive inside the delivery window along any path (direct, hub or distribution centre).", "任何路径（直达、集配中心或分拨中心）都无法在交货窗口内送达。"),
        UnmetReason.NotFreshEnough => ("Every lot that arrives in time has less remaining shelf life than the line requires.", "按时到达的批次剩余保质期均低于要求。"),
        UnmetReason.TooExpensive => ("Every path's landed price (ex-farm plus planning tariff) exceeds the line's ceiling.", "所有路径的到岸价（出园价加计划运价）均高于最高到岸价。"),
        _ => ("Compatible supply exists, but with whole trucks, minimum orders, all-or-nothing lines and other lines' claims on the supply, serving it would cost more than leaving it unmet.",
              "存在可用货源，但按整车运输、最小起订量、整单满足及其他需求占用计算，供货成本高于不满足的罚金。"),
    };
}
