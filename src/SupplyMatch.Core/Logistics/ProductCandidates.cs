using Google.OrTools.Graph;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>One product's retained arcs, LP flow on them and its share of the LP bound.</summary>
internal sealed class ProductCandidates
{
    /// <summary>Retained arcs in (line, lot, path, ship day) order, bins numbered.</summary>
    public required PathArc[] Arcs { get; init; }

    /// <summary>LP kg on each retained arc.</summary>
    public required int[] LpFlow { get; init; }

    /// <summary>LP objective of the product (relaxed truck rates, unmet penalties), milli-fen.</summary>
    public required long LpMilliFen { get; init; }

    public required bool LpSolved { get; init; }

    public required long EnumeratedArcs { get; init; }

    public required int PairArcs { get; init; }

    /// <summary>Furthest filter stage per line of the product (same order as the product's lines).</summary>
    public required int[] Stages { get; init; }

    public static ProductCandidates Build(ProblemIndex index, BinTable bins, PathScanner scanner, int product, int perLine)
    {
        var lines = index.LinesByProduct[product];
        var pairs = new List<(PathArc Arc, long Relaxed)>();
        var keep = new List<PathArc>();
        var buffer = new List<PathArc>();
        var stages = new int[lines.Length];
        long enumerated = 0;
        for (var j = 0; j < lines.Length; j++)
        {
            buffer.Clear();
            stages[j] = scanner.Scan(lines[j], buffer);
            enumerated += buffer.Count;
            SelectLine(bins, buffer, perLine, pairs, keep);
        }

        var (flow, unmet, solved) = RelaxedFlow.Solve(index, product, pairs);
        long lpMilli = 0;
        var used = new List<(PathArc Arc, int Kg)>();
        for (var i = 0; i < pairs.Count; i++)
        {
            lpMilli += flow[i] * pairs[i].Relaxed;
            if (flow[i] > 0)
            {
                used.Add((pairs[i].Arc, flow[i]));
            }
        }

        for (var j = 0; j < lines.Length; j++)
        {
            lpMilli += unmet[j] * index.LinePenaltyFen[lines[j]] * 1000;
        }

        AddPairVariants(bins, scanner, used, keep);
        var (arcs, lpFlow) = Deduplicate(keep, used);
        return new ProductCandidates
        {
            Arcs = arcs, LpFlow = lpFlow, LpMilliFen = lpMilli, LpSolved = solved,
            EnumeratedArcs = enumerated, PairArcs = pairs.Count, Stages = stages,
        };
    }

    /// <summary>Relaxed price of an arc: its per-kg cost plus its bin's envelope truck rate, milli-fen/kg.</summary>
    public static long Relaxed(in PathArc arc, Bin bin) => (arc.KgCostFen * 1000L) + bin.RateMilliFen;

    /// <summary>Numbers the line's arcs' bins, keeps the cheapest arc of each lot (LP) and the cheapest <paramref name="perLine"/> overall.</summary>
    private static void SelectLine(BinTable bins, List<PathArc> buffer, int perLine, List<(PathArc, long)> pairs, List<PathArc> keep)
    {
        var relaxed = new long[buffer.Count];
        for (var i = 0; i < buffer.Count; i++)
        {
            var bin = bins.IndexOf(bins.Key(buffer[i]));
            buffer[i] = buffer[i] with { Bin = bin };
            relaxed[i] = Relaxed(buffer[i], bins.Bins[bin]);
        }

        for (var start = 0; start < buffer.Count;)
        {
            var best = start;
            var end = start;
            while (end < buffer.Count && buffer[end].Lot == buffer[start].Lot)
            {
                best = relaxed[end] < relaxed[best] ? end : best;
                end++;
            }

            pairs.Add((buffer[best], relaxed[best]));
            start = end;
        }

        if (buffer.Count <= perLine)
        {
            keep.AddRange(buffer);
            return;
        }

        var order = Enumerable.Range(0, buffer.Count).ToArray();
        Array.Sort(order, (a, b) => relaxed[a] != relaxed[b] ? relaxed[a].CompareTo(relaxed[b]) : a.CompareTo(b));
        for (var i = 0; i < perLine; i++)
        {
            keep.Add(buffer[order[i]]);
        }
    }

    /// <summary>Every path and ship day of the (lot, line) pairs with LP flow: the integer model may move them between bins.</summary>
    private static void AddPairVariants(BinTable bins, PathScanner scanner, List<(PathArc Arc, int Kg)> used, List<PathArc> keep)
    {
        var buffer = new List<PathArc>();
        foreach (var group in used.GroupBy(u => u.Arc.Line))
        {
            buffer.Clear();
            scanner.Scan(group.Key, buffer, group.Select(u => u.Arc.Lot).Distinct().Order().ToArray());
            foreach (var arc in buffer)
            {
                keep.Add(arc with { Bin = bins.IndexOf(bins.Key(arc)) });
            }
        }
    }

    private static (PathArc[] Arcs, int[] Flow) Deduplicate(List<PathArc> keep, List<(PathArc Arc, int Kg)> used)
    {
        keep.Sort(static (a, b) =>
            a.Line != b.Line ? a.Line.CompareTo(b.Line)
            : a.Lot != b.Lot ? a.Lot.CompareTo(b.Lot)
            : a.Path != b.Path ? a.Path.CompareTo(b.Path)
            : a.ShipDay.CompareTo(b.ShipDay));
        var arcs = new List<PathArc>(keep.Count);
        foreach (var arc in keep)
        {
            if (arcs.Count == 0 || !arcs[^1].SameChoice(arc))
            {
                arcs.Add(arc);
            }
        }

        var position = new Dictionary<(int, int, PathKind, int), int>(arcs.Count);
        for (var i = 0; i < arcs.Count; i++)
        {
            position[(arcs[i].Lot, arcs[i].Line, arcs[i].Path, arcs[i].ShipDay)] = i;
        }

        var flow = new int[arcs.Count];
        foreach (var (arc, kg) in used)
        {
            flow[position[(arc.Lot, arc.Line, arc.Path, arc.ShipDay)]] += kg;
        }

        return ([.. arcs], flow);
    }
}

/// <summary>
/// The relaxation of one product as a min-cost flow: lots -> lines over the cheapest relaxed arc of each pair,
/// a slack node absorbing unused supply (cost 0) and feeding unmet demand (the line's penalty).
/// </summary>
internal static class RelaxedFlow
{
    public static (int[] Flow, long[] Unmet, bool Solved) Solve(ProblemIndex index, int product, List<(PathArc Arc, long Relaxed)> pairs)
    {
        var lots = index.LotsByProduct[product];
        var lines = index.LinesByProduct[product];
        var unmet = lines.Select(d => (long)index.Lines[d].QuantityKg).ToArray();
        var flow = new int[pairs.Count];
        if (pairs.Count == 0)
        {
            return (flow, unmet, true);
        }

        var solver = new MinCostFlow();
        var z = lots.Length + lines.Length;
        foreach (var (arc, relaxed) in pairs)
        {
            var lot = Array.BinarySearch(lots, arc.Lot);
            var line = Array.BinarySearch(lines, arc.Line);
            solver.AddArcWithCapacityAndUnitCost(lot, lots.Length + line, Math.Min(index.Lots[arc.Lot].QuantityKg, index.Lines[arc.Line].QuantityKg), relaxed);
        }

        long supply = 0, demand = 0;
        for (var j = 0; j < lots.Length; j++)
        {
            solver.AddArcWithCapacityAndUnitCost(j, z, index.Lots[lots[j]].QuantityKg, 0);
            solver.SetNodeSupply(j, index.Lots[lots[j]].QuantityKg);
            supply += index.Lots[lots[j]].QuantityKg;
        }

        for (var j = 0; j < lines.Length; j++)
        {
            solver.AddArcWithCapacityAndUnitCost(z, lots.Length + j, index.Lines[lines[j]].QuantityKg, index.LinePenaltyFen[lines[j]] * 1000);
            solver.SetNodeSupply(lots.Length + j, -index.Lines[lines[j]].QuantityKg);
            demand += index.Lines[lines[j]].QuantityKg;
        }

        solver.SetNodeSupply(z, demand - supply);
        if (solver.Solve() != MinCostFlow.Status.OPTIMAL)
        {
            return (flow, unmet, false);
        }

        for (var i = 0; i < pairs.Count; i++)
        {
            flow[i] = (int)solver.Flow(i);
        }

        for (var j = 0; j < lines.Length; j++)
        {
            unmet[j] = solver.Flow(pairs.Count + lots.Length + j);
        }

        return (flow, unmet, true);
    }
}
