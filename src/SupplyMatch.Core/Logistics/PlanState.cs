using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// A whole-truck plan under construction: kg per retained arc, the kg each lot, line and bin carries, and the
/// cheapest trucks for every bin's load. The objective (fen) is kept exact as arcs change.
/// </summary>
internal sealed class PlanState
{
    private readonly long[] _binTruckFen;

    public PlanState(ProblemIndex index, Candidates candidates, int[] flow)
    {
        Index = index;
        Candidates = candidates;
        Flow = (int[])flow.Clone();
        LotUsed = new long[index.Lots.Length];
        LineServed = new long[index.Lines.Length];
        BinLoad = new long[candidates.Bins.Length];
        _binTruckFen = new long[candidates.Bins.Length];
        LotArcs = Group(candidates.Arcs.Length, a => candidates.Arcs[a].Lot, index.Lots.Length);
        BinArcs = Group(candidates.Arcs.Length, a => candidates.Arcs[a].Bin, candidates.Bins.Length);
        for (var a = 0; a < Flow.Length; a++)
        {
            var arc = candidates.Arcs[a];
            LotUsed[arc.Lot] += Flow[a];
            LineServed[arc.Line] += Flow[a];
            BinLoad[arc.Bin] += Flow[a];
            ArcFen += (long)Flow[a] * arc.KgCostFen;
        }

        for (var d = 0; d < index.Lines.Length; d++)
        {
            PenaltyFen += (index.Lines[d].QuantityKg - LineServed[d]) * index.LinePenaltyFen[d];
        }

        for (var b = 0; b < BinLoad.Length; b++)
        {
            _binTruckFen[b] = candidates.Bins[b].Cover.CostOf(BinLoad[b]);
            TruckFen += _binTruckFen[b];
        }
    }

    public ProblemIndex Index { get; }

    public Candidates Candidates { get; }

    public int[] Flow { get; }

    public long[] LotUsed { get; }

    public long[] LineServed { get; }

    public long[] BinLoad { get; }

    /// <summary>Retained arcs per lot.</summary>
    public int[][] LotArcs { get; }

    /// <summary>Retained arcs per bin.</summary>
    public int[][] BinArcs { get; }

    public long ArcFen { get; private set; }

    public long PenaltyFen { get; private set; }

    public long TruckFen { get; private set; }

    public long ObjectiveFen => ArcFen + PenaltyFen + TruckFen;

    public long BinTruckFen(int bin) => _binTruckFen[bin];

    /// <summary>A lot's minimum order, capped at its quantity (taking the whole lot always satisfies it).</summary>
    public int MinOrder(int lot) => Math.Min(Index.Lots[lot].MinOrderKg, Index.Lots[lot].QuantityKg);

    /// <summary>Sets the kg of arc <paramref name="a"/>; the trucks of its bin are re-priced.</summary>
    public void Set(int a, int kg)
    {
        var delta = kg - Flow[a];
        if (delta == 0)
        {
            return;
        }

        var arc = Candidates.Arcs[a];
        Flow[a] = kg;
        LotUsed[arc.Lot] += delta;
        LineServed[arc.Line] += delta;
        BinLoad[arc.Bin] += delta;
        ArcFen += (long)delta * arc.KgCostFen;
        PenaltyFen -= delta * Index.LinePenaltyFen[arc.Line];
        var trucks = Candidates.Bins[arc.Bin].Cover.CostOf(BinLoad[arc.Bin]);
        TruckFen += trucks - _binTruckFen[arc.Bin];
        _binTruckFen[arc.Bin] = trucks;
    }

    /// <summary>Whether every lot meets its minimum order (or is untouched) and every all-or-nothing line is whole or empty.</summary>
    public bool MeetsIntegerConditions() =>
        Enumerable.Range(0, LotUsed.Length).All(s => LotUsed[s] == 0 || LotUsed[s] >= MinOrder(s))
        && Enumerable.Range(0, LineServed.Length).All(d => Index.Lines[d].PartialAllowed || LineServed[d] == 0 || LineServed[d] == Index.Lines[d].QuantityKg);

    /// <summary>Whether the lots and lines of the given arcs stay within their quantities (a solver's answer is trusted no further).</summary>
    public bool WithinQuantities(IEnumerable<int> arcs) =>
        arcs.All(a => Flow[a] >= 0
            && LotUsed[Candidates.Arcs[a].Lot] <= Index.Lots[Candidates.Arcs[a].Lot].QuantityKg
            && LineServed[Candidates.Arcs[a].Line] <= Index.Lines[Candidates.Arcs[a].Line].QuantityKg);

    private static int[][] Group(int count, Func<int, int> groupOf, int groups)
    {
        var sizes = new int[groups];
        for (var i = 0; i < count; i++)
        {
            sizes[groupOf(i)]++;
        }

        var lists = sizes.Select(n => new int[n]).ToArray();
        Array.Clear(sizes);
        for (var i = 0; i < count; i++)
        {
            var g = groupOf(i);
            lists[g][sizes[g]++] = i;
        }

        return lists;
    }
}
