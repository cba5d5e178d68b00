using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Matching;

/// <summary>
/// Explains every unmet or partly met line with numbers: the furthest filter its best lot reached when no
/// lot was compatible, else the competition from the duals (MODEL.md "Explanations of unmet demand").
/// </summary>
internal sealed class UnmetExplainer(ProblemIndex index, ArcSet arcs, AllocationSolution solution, LineDiagnosis[] diagnoses)
{
    private const int ListedIds = 5;
    private readonly Lazy<(int First, int Count)[]> _lineArcs = new(() => LineArcRanges(index, arcs));
    private readonly Lazy<List<(int Line, int Kg)>[]> _takenFromLot = new(() => TakenFromLot(index, arcs, solution));

    public UnmetLine Explain(int line, int allocatedKg)
    {
        var demand = index.Lines[line];
        var diagnosis = diagnoses[line];
        var penalty = index.LinePenaltyFen[line] / 100m;
        var explanation = diagnosis.CompatibleLots > 0
            ? Competition(line, diagnosis, penalty)
            : Filtered(line, diagnosis, penalty);
        var reason = diagnosis.CompatibleLots > 0 ? UnmetReason.OutCompeted
            : diagnosis.Stage < 0 ? UnmetReason.NoSupplyInWindow
            : CandidateArcs.ReasonOf(diagnosis.Stage);
        return new UnmetLine(demand.Id, demand.BuyerId, demand.ProductCode, demand.QuantityKg, allocatedKg,
            demand.QuantityKg - allocatedKg, reason, explanation);
    }

    private UnmetExplanation Filtered(int line, LineDiagnosis diagnosis, decimal penalty)
    {
        var demand = index.Lines[line];
        var product = ProductOf(line);
        var text = ExplanationText.ForFilter(product, line, diagnosis, index);
        var stage = diagnosis.Stage;
        return new UnmetExplanation(
            CompatibleLots: 0,
            CheapestLandedCnyPerKg: stage == 5 ? diagnosis.CheapestLandedFen / 100m : null,
            MaxLandedCnyPerKg: demand.MaxLandedCnyPerKg,
            BestFreshnessPercent: stage == 4 ? diagnosis.BestFreshness : null,
            MinFreshnessPercent: demand.MinFreshnessPercent,
            BestGrade: stage == 0 ? (Grade)diagnosis.BestGrade : null,
            MissingCertifications: stage == 1 ? index.MissingCertifications(diagnosis.CertificationBase, index.LineBuyer[line]) : null,
            ClearingPriceCnyPerKg: null,
            PenaltyCnyPerKg: penalty,
            ContestedLotIds: null,
            CompetingLineIds: null,
            Message: text.En,
            MessageZh: text.Zh);
    }

    /// <summary>
    /// The price at which lot s would serve the line is the line's dual plus the arc's reduced cost
    /// (for the flow: landed - bonus + the lot's rent). The line stays unmet because the cheapest such price
    /// is at least its penalty; the lines that took those lots are the competition.
    /// </summary>
    private UnmetExplanation Competition(int line, LineDiagnosis diagnosis, decimal penalty)
    {
        var (first, count) = _lineArcs.Value[line];
        var last = first + count;
        var prices = new List<(int Lot, double Fen)>(count);
        var cheapestLanded = int.MaxValue;
        for (var a = first; a < last; a++)
        {
            prices.Add((arcs.Arcs[a].Lot, ClearingFen(a)));
            cheapestLanded = Math.Min(cheapestLanded, arcs.Arcs[a].LandedFen);
        }

        var contested = prices.OrderBy(p => p.Fen).ThenBy(p => index.Lots[p.Lot].Id, StringComparer.Ordinal).Take(ListedIds).ToList();
        var competitors = contested.SelectMany(p => _takenFromLot.Value[p.Lot])
            .Where(t => t.Line != line)
            .GroupBy(t => t.Line)
            .Select(g => (Line: g.Key, Kg: g.Sum(t => t.Kg)))
            .OrderByDescending(t => t.Kg).ThenBy(t => index.Lines[t.Line].Id, StringComparer.Ordinal)
            .Take(ListedIds)
            .Select(t => index.Lines[t.Line].Id)
            .ToList();
        decimal? clearing = solution.LinePriceFen is null ? null : Math.Round((decimal)contested[0].Fen / 100m, 4);
        var text = ExplanationText.ForCompetition(ProductOf(line), diagnosis.CompatibleLots, clearing, penalty, competitors);
        return new UnmetExplanation(
            diagnosis.CompatibleLots, cheapestLanded / 100m, index.Lines[line].MaxLandedCnyPerKg, null, index.Lines[line].MinFreshnessPercent,
            null, null, clearing, penalty,
            contested.Select(p => index.Lots[p.Lot].Id).ToList(), competitors, text.En, text.Zh);
    }

    private double ClearingFen(int a)
    {
        var arc = arcs.Arcs[a];
        if (solution.LinePriceFen is null || solution.LotPriceFen is null)
        {
            return arc.CostFen;
        }

        return solution.ReducedCostFen is { } reduced
            ? solution.LinePriceFen[arc.Line] + reduced[a]
            : arc.CostFen + solution.LotPriceFen[arc.Lot];
    }

    private Product ProductOf(int line) =>
        index.Products[Array.BinarySearch(index.ProductCodes, index.Lines[line].ProductCode, StringComparer.Ordinal)];

    /// <summary>Arcs are built line by line, so each line's arcs are contiguous: (first arc, count) per line.</summary>
    private static (int First, int Count)[] LineArcRanges(ProblemIndex index, ArcSet arcs)
    {
        var ranges = new (int First, int Count)[index.Lines.Length];
        for (var a = arcs.Arcs.Length - 1; a >= 0; a--)
        {
            ref var range = ref ranges[arcs.Arcs[a].Line];
            range = (a, range.Count + 1);
        }

        return ranges;
    }

    private static List<(int Line, int Kg)>[] TakenFromLot(ProblemIndex index, ArcSet arcs, AllocationSolution solution)
    {
        var taken = Enumerable.Range(0, index.Lots.Length).Select(_ => new List<(int, int)>()).ToArray();
        for (var a = 0; a < arcs.Arcs.Length; a++)
        {
            if (solution.Flow[a] > 0)
            {
                taken[arcs.Arcs[a].Lot].Add((arcs.Arcs[a].Line, solution.Flow[a]));
            }
        }

        return taken;
    }
}
