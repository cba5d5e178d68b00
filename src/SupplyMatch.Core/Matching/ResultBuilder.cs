using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Matching;

/// <summary>Turns an allocation solution into the public result: allocations, unmet lines, policy outcomes, prices, KPIs.</summary>
internal static class ResultBuilder
{
    public static MatchingResult Build(ProblemIndex index, ArcSet arcs, AllocationSolution solution, LineDiagnosis[] diagnoses)
    {
        var allocations = Allocations(index, arcs, solution);
        var explainer = new UnmetExplainer(index, arcs, solution, diagnoses);
        var unmet = Enumerable.Range(0, index.Lines.Length)
            .Where(d => solution.Unmet[d] > 0)
            .Select(d => explainer.Explain(d, index.Lines[d].QuantityKg - solution.Unmet[d]))
            .OrderBy(u => u.LineId, StringComparer.Ordinal)
            .ToList();
        var policy = PolicyEvaluator.Evaluate(index.Problem, allocations);
        var objective = Objective(index, arcs, solution) + policy.Sum(p => p.PenaltyCny);
        var bound = Math.Min(objective, Math.Round(solution.LpObjectiveCny, 2));
        var statistics = new SolverStatistics(
            solution.Solver,
            solution.Status,
            index.Lots.Length,
            index.Lines.Length,
            arcs.SameProductPairs,
            arcs.Arcs.Length,
            RejectedPairs(arcs),
            solution.Variables,
            solution.Constraints,
            objective,
            bound,
            Math.Round(solution.LpObjectiveCny, 4),
            Gap(objective, bound));
        return new MatchingResult(solution.Status, objective, allocations, unmet, policy, ShadowPrices(index, solution),
            KpiCalculator.Compute(index, allocations, unmet), statistics);
    }

    /// <summary>(objective - bound) / |objective|, %: 0 (never "-0", which a zero decimal with its sign set would give) when they meet.</summary>
    internal static double Gap(decimal objective, decimal bound) =>
        objective == bound || objective == 0 ? 0 : (double)((objective - bound) / Math.Abs(objective) * 100m);

    private static List<Allocation> Allocations(ProblemIndex index, ArcSet arcs, AllocationSolution solution)
    {
        var allocations = new List<Allocation>();
        for (var a = 0; a < arcs.Arcs.Length; a++)
        {
            if (solution.Flow[a] <= 0)
            {
                continue;
            }

            var arc = arcs.Arcs[a];
            var lot = index.Lots[arc.Lot];
            var line = index.Lines[arc.Line];
            allocations.Add(new Allocation(
                lot.Id, line.Id, lot.BaseId, line.BuyerId, lot.ProductCode, solution.Flow[a],
                DateOnly.FromDayNumber(arc.ShipDay), DateOnly.FromDayNumber(arc.DeliveryDay), arc.DistanceKm, arc.FreshnessPercent,
                Money.ToCny(arc.ExFarmFen), Money.ToCny(arc.TransportFen), Money.ToCny(arc.LandedFen), Money.ToCny(arc.BonusFen)));
        }

        allocations.Sort((x, y) =>
        {
            var byLine = string.CompareOrdinal(x.LineId, y.LineId);
            return byLine != 0 ? byLine : string.CompareOrdinal(x.LotId, y.LotId);
        });
        return allocations;
    }

    /// <summary>Arc costs and unmet penalties of the integral allocation, exact in fen.</summary>
    private static decimal Objective(ProblemIndex index, ArcSet arcs, AllocationSolution solution)
    {
        long fen = 0;
        for (var a = 0; a < arcs.Arcs.Length; a++)
        {
            fen += (long)solution.Flow[a] * arcs.Arcs[a].CostFen;
        }

        for (var d = 0; d < index.Lines.Length; d++)
        {
            fen += solution.Unmet[d] * index.LinePenaltyFen[d];
        }

        return Money.ToCny(fen);
    }

    private static List<RejectedPairs> RejectedPairs(ArcSet arcs) =>
        Enum.GetValues<UnmetReason>()
            .Where(r => r != UnmetReason.OutCompeted)
            .Select(r => new RejectedPairs(r, arcs.RejectedByReason[(int)r]))
            .ToList();

    private static ShadowPrices? ShadowPrices(ProblemIndex index, AllocationSolution solution)
    {
        if (solution.LotPriceFen is null || solution.LinePriceFen is null)
        {
            return null;
        }

        return new ShadowPrices(
            index.Lots.Select((l, s) => new LotShadowPrice(l.Id, Cny(solution.LotPriceFen[s]))).OrderBy(p => p.LotId, StringComparer.Ordinal).ToList(),
            index.Lines.Select((l, d) => new LineShadowPrice(l.Id, Cny(solution.LinePriceFen[d]))).OrderBy(p => p.LineId, StringComparer.Ordinal).ToList());
    }

    /// <summary>Fen (possibly fractional, from the LP) to CNY at 4 decimals; -0 becomes 0.</summary>
    private static decimal Cny(double fen) => Math.Round((decimal)fen / 100m, 4, MidpointRounding.AwayFromZero) + 0m;
}
