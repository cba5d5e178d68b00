namespace SupplyMatch.Core.Logistics;

/// <summary>
/// Chooses the lines to re-optimise together: a seed line (on a badly filled bin, unmet, or at random), then a
/// breadth-first walk to lines that share a bin (they share trucks) or a lot (they share supply), until the free
/// arcs reach the budget. Seeded, so the same plan and seed give the same neighbourhoods.
/// </summary>
internal sealed class NeighbourhoodPicker(PlanState state, int seed)
{
    private const int NeighboursPerLink = 6;

    /// <summary>Fresh random lines taken when the walk runs dry before the budget (bounded, as every line may be busy).</summary>
    private const int MaxRestarts = 1_000;

    private readonly Random _random = new(seed);
    private readonly int[] _linesWithArcs = Enumerable.Range(0, state.Index.Lines.Length)
        .Where(d => state.Candidates.LineStart[d + 1] > state.Candidates.LineStart[d]).ToArray();

    public bool Empty => _linesWithArcs.Length == 0;

    /// <summary>Lines whose free arcs add up to about <paramref name="budgetArcs"/>, none of them in <paramref name="busy"/>.</summary>
    public int[] Pick(int budgetArcs, IReadOnlySet<int> busy)
    {
        var start = state.Candidates.LineStart;
        var chosen = new HashSet<int>();
        var queue = new Queue<int>();
        queue.Enqueue(Seed());
        var (arcs, restarts) = (0, 0);
        while (arcs < budgetArcs)
        {
            if (queue.Count == 0)
            {
                if (++restarts > MaxRestarts)
                {
                    break;
                }

                queue.Enqueue(_linesWithArcs[_random.Next(_linesWithArcs.Length)]);
            }

            var d = queue.Dequeue();
            if (busy.Contains(d) || !chosen.Add(d))
            {
                continue;
            }

            arcs += start[d + 1] - start[d];
            for (var a = start[d]; a < start[d + 1]; a++)
            {
                var arc = state.Candidates.Arcs[a];
                EnqueueSample(state.BinArcs[arc.Bin], chosen, queue);
                EnqueueSample(state.LotArcs[arc.Lot], chosen, queue);
            }
        }

        return [.. chosen.Order()];
    }

    private int Seed()
    {
        var roll = _random.NextDouble();
        if (roll < 0.45 && WorstBin() is { } bin && state.BinArcs[bin].Length > 0)
        {
            var used = state.BinArcs[bin].Where(a => state.Flow[a] > 0).ToArray();
            var pool = used.Length > 0 ? used : state.BinArcs[bin];
            return state.Candidates.Arcs[pool[_random.Next(pool.Length)]].Line;
        }

        if (roll < 0.65)
        {
            for (var tries = 0; tries < 20; tries++)
            {
                var d = _linesWithArcs[_random.Next(_linesWithArcs.Length)];
                if (state.LineServed[d] < state.Index.Lines[d].QuantityKg)
                {
                    return d;
                }
            }
        }

        return _linesWithArcs[_random.Next(_linesWithArcs.Length)];
    }

    /// <summary>Among a sample of the loaded bins, the one whose trucks waste the most money on empty space.</summary>
    private int? WorstBin()
    {
        var loaded = new List<int>();
        for (var b = 0; b < state.BinLoad.Length; b++)
        {
            if (state.BinLoad[b] > 0)
            {
                loaded.Add(b);
            }
        }

        int? worst = null;
        var worstWaste = 0.0;
        for (var i = 0; i < Math.Min(24, loaded.Count); i++)
        {
            var b = loaded[_random.Next(loaded.Count)];
            var bin = state.Candidates.Bins[b];
            var waste = state.BinTruckFen(b) - (bin.RateMilliFen * state.BinLoad[b] / 1000.0);
            if (waste > worstWaste)
            {
                (worst, worstWaste) = (b, waste);
            }
        }

        return worst;
    }

    private void EnqueueSample(int[] arcs, HashSet<int> chosen, Queue<int> queue)
    {
        for (var k = 0; k < Math.Min(NeighboursPerLink, arcs.Length); k++)
        {
            var line = state.Candidates.Arcs[arcs[_random.Next(arcs.Length)]].Line;
            if (!chosen.Contains(line))
            {
                queue.Enqueue(line);
            }
        }
    }
}
