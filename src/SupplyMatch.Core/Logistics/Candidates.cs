using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>The integer model's arcs (grouped by line), its bins, the LP answer on those arcs and the LP bound.</summary>
internal sealed class Candidates
{
    /// <summary>Retained arcs in (line, lot, path, ship day) order.</summary>
    public required PathArc[] Arcs { get; init; }

    /// <summary>Arcs of line d are <c>Arcs[LineStart[d]..LineStart[d + 1]]</c>.</summary>
    public required int[] LineStart { get; init; }

    public required Bin[] Bins { get; init; }

    /// <summary>LP kg per retained arc (integral: a min-cost flow).</summary>
    public required int[] LpFlow { get; init; }

    /// <summary>The LP bound, whole fen rounded down; null when a product's relaxation failed.</summary>
    public required long? LpBoundFen { get; init; }

    /// <summary>Every candidate arc, before the per-line restriction.</summary>
    public required long EnumeratedArcs { get; init; }

    /// <summary>Arcs of the LP (the cheapest per lot-line pair).</summary>
    public required long PairArcs { get; init; }

    /// <summary>Furthest filter stage per line (6 = has compatible arcs).</summary>
    public required int[] LineStage { get; init; }

    /// <summary>True when no candidate arc was left out, so the integer model is the whole problem.</summary>
    public bool Complete => EnumeratedArcs == Arcs.Length;

    public static Candidates Assemble(ProblemIndex index, Bin[] bins, ProductCandidates[] products)
    {
        var total = products.Sum(p => p.Arcs.Length);
        var arcs = new PathArc[total];
        var flow = new int[total];
        var stage = new int[index.Lines.Length];
        var offset = 0;
        for (var p = 0; p < products.Length; p++)
        {
            products[p].Arcs.CopyTo(arcs, offset);
            products[p].LpFlow.CopyTo(flow, offset);
            offset += products[p].Arcs.Length;
            var lines = index.LinesByProduct[p];
            for (var j = 0; j < lines.Length; j++)
            {
                stage[lines[j]] = products[p].Stages[j];
            }
        }

        var order = Enumerable.Range(0, total).ToArray();
        Array.Sort(order, (a, b) => arcs[a].Line != arcs[b].Line ? arcs[a].Line.CompareTo(arcs[b].Line) : a.CompareTo(b));
        var sortedArcs = order.Select(i => arcs[i]).ToArray();
        var start = new int[index.Lines.Length + 1];
        foreach (var arc in sortedArcs)
        {
            start[arc.Line + 1]++;
        }

        for (var d = 0; d < index.Lines.Length; d++)
        {
            start[d + 1] += start[d];
        }

        var lpMilli = products.Sum(p => p.LpMilliFen);
        return new Candidates
        {
            Arcs = sortedArcs,
            LineStart = start,
            Bins = bins,
            LpFlow = order.Select(i => flow[i]).ToArray(),
            LpBoundFen = products.All(p => p.LpSolved) ? lpMilli / 1000 : null,
            EnumeratedArcs = products.Sum(p => p.EnumeratedArcs),
            PairArcs = products.Sum(p => (long)p.PairArcs),
            LineStage = stage,
        };
    }
}
