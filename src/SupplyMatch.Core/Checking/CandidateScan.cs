using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Checking;

/// <summary>What the filters say about one line against every lot of its product.</summary>
/// <param name="Compatible">Lots that pass every filter.</param>
/// <param name="Furthest">The furthest filter any lot reached (<see cref="PairStage.None"/> when the product has no lot).</param>
/// <param name="BestGrade">Best grade among the product's lots.</param>
/// <param name="BestFreshnessPercent">Best freshness among lots that deliver inside the window (passed filters 1-4).</param>
/// <param name="CheapestLandedFen">Cheapest landed price among lots that also arrive fresh enough (passed filters 1-5).</param>
/// <param name="ClearingPriceCny">Minimum over compatible lots of landed - bonus + the lot's shadow price (null without prices).</param>
internal readonly record struct LineSummary(
    int Compatible,
    PairStage Furthest,
    Grade? BestGrade,
    int? BestFreshnessPercent,
    long? CheapestLandedFen,
    decimal? ClearingPriceCny);

/// <summary>The candidate-arc enumeration: every line against every lot of the same product, never across products.</summary>
internal sealed class ScanResult(LineSummary[] lines)
{
    public LineSummary[] Lines { get; } = lines;

    public long SameProductPairs { get; set; }

    public long Arcs { get; set; }

    /// <summary>Rejected pairs per <see cref="PairStage"/> (index = stage).</summary>
    public long[] RejectedByStage { get; } = new long[(int)PairStage.Compatible + 1];
}

/// <summary>
/// Enumerates the same-product (lot, line) pairs once, product by product: for each line the numbers its unmet
/// explanation needs, the rejected-pair counts, and every candidate arc for the dual feasibility check.
/// </summary>
internal static class CandidateScan
{
    public static ScanResult Run(CheckContext context, DualChecks? duals)
    {
        var lotsByProduct = Enumerable.Range(0, context.Lots.Length)
            .Where(s => context.LotBase[s] is not null && context.LotProduct[s] is not null)
            .GroupBy(s => context.Lots[s].ProductCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var scan = new ScanResult(new LineSummary[context.Lines.Length]);
        for (var d = 0; d < context.Lines.Length; d++)
        {
            if (context.LineBuyer[d] is not null && lotsByProduct.TryGetValue(context.Lines[d].ProductCode, out var lots))
            {
                scan.Lines[d] = Summarize(context, scan, duals, d, lots);
            }
        }

        return scan;
    }

    private static LineSummary Summarize(CheckContext context, ScanResult scan, DualChecks? duals, int line, int[] lots)
    {
        var compatible = 0;
        var furthest = PairStage.None;
        Grade? bestGrade = null;
        int? bestFresh = null;
        long? cheapest = null;
        var clearingLot = -1;
        var clearingNet = 0L;
        var clearingApprox = double.PositiveInfinity;
        foreach (var lot in lots)
        {
            var grade = context.Lots[lot].Grade;
            bestGrade = bestGrade is { } g && g >= grade ? g : grade;
            var v = context.Rules.Evaluate(lot, line);
            furthest = v.Stage > furthest ? v.Stage : furthest;
            if (v.Stage >= PairStage.NotFreshEnough)
            {
                bestFresh = Math.Max(bestFresh ?? int.MinValue, v.FreshnessPercent);
            }

            if (v.Stage >= PairStage.TooExpensive)
            {
                cheapest = Math.Min(cheapest ?? long.MaxValue, v.LandedFen);
            }

            if (!v.IsCompatible)
            {
                scan.RejectedByStage[(int)v.Stage]++;
                continue;
            }

            compatible++;
            var net = v.LandedFen - context.LotBonusFen[lot];
            if (duals is not null && duals.VisitArc(lot, line, net) is var reduced && reduced < clearingApprox)
            {
                (clearingLot, clearingNet, clearingApprox) = (lot, net, reduced);
            }
        }

        decimal? clearing = clearingLot >= 0 ? duals!.ReducedCny(clearingLot, clearingNet) : null;

        scan.SameProductPairs += lots.Length;
        scan.Arcs += compatible;
        return new LineSummary(compatible, furthest, bestGrade, bestFresh, cheapest, clearing);
    }
}
