namespace SupplyMatch.Core.Logistics;

/// <summary>
/// The arcs of the integer model (grouped by line) and the plan they start from: for each line its cheapest arcs at
/// the final slope-scaling truck rates, plus every path and ship day of the (lot, line) pairs the start plan uses.
/// </summary>
internal sealed class Candidates
{
    /// <summary>Retained arcs in (line, lot, path, ship day) order.</summary>
    public required PathArc[] Arcs { get; init; }

    /// <summary>Arcs of line d are <c>Arcs[LineStart[d]..LineStart[d + 1]]</c>.</summary>
    public required int[] LineStart { get; init; }

    public required Bin[] Bins { get; init; }

    /// <summary>Position of each retained arc in the arc table.</summary>
    public required int[] TableArc { get; init; }

    /// <summary>kg per retained arc of the start plan.</summary>
    public required int[] InitialFlow { get; init; }

    /// <summary>Every candidate arc, before the per-line restriction.</summary>
    public required long EnumeratedArcs { get; init; }

    /// <summary>Arcs of the relaxation (one per lot-line pair).</summary>
    public required long PairArcs { get; init; }

    /// <summary>Furthest filter stage per line (6 = has compatible arcs).</summary>
    public required int[] LineStage { get; init; }

    /// <summary>What the compatible lots of each line could give it at most (from every candidate arc, retained or not).</summary>
    public required LineReach Reach { get; init; }

    /// <summary>True when no candidate arc was left out, so the integer model is the whole problem.</summary>
    public bool Complete => EnumeratedArcs == Arcs.Length;

    public static Candidates Select(LogisticsNetwork network, LogisticsSettings settings, ArcTable table, PairPlan plan, long[] rates)
    {
        var keep = new bool[table.Count];
        for (var i = 0; i < table.Pairs; i++)
        {
            for (var a = table.PairStart[i]; a < table.PairStart[i + 1] && plan.PairFlow[i] > 0; a++)
            {
                keep[a] = true;
            }
        }

        foreach (var (start, end) in LineRanges(table))
        {
            var order = Enumerable.Range(start, end - start).OrderBy(a => Relaxation.Price(table, rates, a)).ThenBy(a => a);
            foreach (var a in order.Take(settings.CandidatesPerLine))
            {
                keep[a] = true;
            }
        }

        if (table.Count <= settings.CompleteArcs && keep.Count(k => k) <= settings.NeighbourhoodArcs)
        {
            // The restricted model would fit in one neighbourhood, which would only re-solve it whole, proving nothing.
            Array.Fill(keep, true);
        }

        var scanner = new PathScanner(network, settings);
        var selected = Enumerable.Range(0, table.Count).Where(a => keep[a]).OrderBy(a => table.Line[a]).ThenBy(a => a).ToArray();
        var position = new Dictionary<int, int>(selected.Length);
        var arcs = new PathArc[selected.Length];
        for (var i = 0; i < selected.Length; i++)
        {
            var a = selected[i];
            arcs[i] = scanner.Arc(table.Lot[a], table.Line[a], (PathKind)table.Path[a], table.ShipDay[a]) with { Bin = table.Bin[a] };
            position[a] = i;
        }

        var flow = new int[arcs.Length];
        for (var i = 0; i < table.Pairs; i++)
        {
            if (plan.PairFlow[i] > 0)
            {
                flow[position[plan.PairArc[i]]] += plan.PairFlow[i];
            }
        }

        return new Candidates
        {
            Arcs = arcs, LineStart = StartOfLines(network.Index.Lines.Length, arcs), Bins = table.Bins, InitialFlow = flow, TableArc = selected,
            EnumeratedArcs = table.Count, PairArcs = table.Pairs, LineStage = table.LineStage, Reach = LineReach.Of(network.Index, table),
        };
    }

    /// <summary>The table's arcs of each line form one contiguous range (the table is ordered by product, then line).</summary>
    private static IEnumerable<(int Start, int End)> LineRanges(ArcTable table)
    {
        for (var start = 0; start < table.Count;)
        {
            var end = start;
            while (end < table.Count && table.Line[end] == table.Line[start])
            {
                end++;
            }

            yield return (start, end);
            start = end;
        }
    }

    private static int[] StartOfLines(int lines, PathArc[] arcs)
    {
        var start = new int[lines + 1];
        foreach (var arc in arcs)
        {
            start[arc.Line + 1]++;
        }

        for (var d = 0; d < lines; d++)
        {
            start[d + 1] += start[d];
        }

        return start;
    }
}
