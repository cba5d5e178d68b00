namespace SupplyMatch.Core.Logistics;

/// <summary>
/// The first whole-truck plan: the LP answer rounded to whole trucks (cheapest cover per bin), made feasible by
/// dropping lots below their minimum order and partly served all-or-nothing lines, then refilled greedily.
/// </summary>
internal static class WarmStart
{
    public static PlanState FromFlow(Matching.ProblemIndex index, Candidates candidates, int[] flow)
    {
        var state = new PlanState(index, candidates, flow);
        Repair(state);
        Fill(state);
        return state;
    }

    /// <summary>Drops every lot under its minimum order and every partly served all-or-nothing line, until none is left.</summary>
    public static void Repair(PlanState state)
    {
        var lines = state.Index.Lines;
        var start = state.Candidates.LineStart;
        for (var changed = true; changed;)
        {
            changed = false;
            for (var s = 0; s < state.LotUsed.Length; s++)
            {
                if (state.LotUsed[s] > 0 && state.LotUsed[s] < state.MinOrder(s))
                {
                    Array.ForEach(state.LotArcs[s], a => state.Set(a, 0));
                    changed = true;
                }
            }

            for (var d = 0; d < lines.Length; d++)
            {
                if (!lines[d].PartialAllowed && state.LineServed[d] > 0 && state.LineServed[d] < lines[d].QuantityKg)
                {
                    for (var a = start[d]; a < start[d + 1]; a++)
                    {
                        state.Set(a, 0);
                    }

                    changed = true;
                }
            }
        }
    }

    /// <summary>
    /// Lines with unmet kg, most costly to leave unmet first: take the arc with the cheapest cost per kg including the
    /// extra trucks it needs, as much as the lot allows, until the line is served; keep the change only if the
    /// objective falls and the integer conditions still hold.
    /// </summary>
    public static void Fill(PlanState state)
    {
        var index = state.Index;
        var order = Enumerable.Range(0, index.Lines.Length)
            .Where(d => state.LineServed[d] < index.Lines[d].QuantityKg && state.Candidates.LineStart[d + 1] > state.Candidates.LineStart[d])
            .OrderByDescending(d => index.LinePenaltyFen[d]).ThenBy(d => d).ToArray();
        foreach (var d in order)
        {
            FillLine(state, d);
        }
    }

    /// <summary>Fills one line greedily; undone unless the objective falls and an all-or-nothing line ends whole.</summary>
    public static void FillLine(PlanState state, int d)
    {
        var line = state.Index.Lines[d];
        var before = state.ObjectiveFen;
        var touched = new List<(int Arc, int Kg)>();
        while (state.LineServed[d] < line.QuantityKg && Step(state, d, touched))
        {
        }

        var incomplete = !line.PartialAllowed && state.LineServed[d] < line.QuantityKg;
        if (state.ObjectiveFen >= before || incomplete)
        {
            touched.Reverse();
            touched.ForEach(t => state.Set(t.Arc, t.Kg));
        }
    }

    private static bool Step(PlanState state, int d, List<(int Arc, int Kg)> touched)
    {
        var candidates = state.Candidates;
        var rest = state.Index.Lines[d].QuantityKg - state.LineServed[d];
        var best = -1;
        var bestAmount = 0;
        var bestUnit = double.MaxValue;
        for (var a = candidates.LineStart[d]; a < candidates.LineStart[d + 1]; a++)
        {
            var arc = candidates.Arcs[a];
            var amount = (int)Math.Min(rest, state.Index.Lots[arc.Lot].QuantityKg - state.LotUsed[arc.Lot]);
            if (amount <= 0 || state.LotUsed[arc.Lot] + amount < state.MinOrder(arc.Lot))
            {
                continue;
            }

            var bin = candidates.Bins[arc.Bin];
            var trucks = bin.Cover.CostOf(state.BinLoad[arc.Bin] + amount) - state.BinTruckFen(arc.Bin);
            var unit = arc.KgCostFen + ((double)trucks / amount);
            if (unit < bestUnit)
            {
                (best, bestAmount, bestUnit) = (a, amount, unit);
            }
        }

        if (best < 0)
        {
            return false;
        }

        touched.Add((best, state.Flow[best]));
        state.Set(best, state.Flow[best] + bestAmount);
        return true;
    }
}
