namespace SupplyMatch.Core.Logistics;

/// <summary>
/// Fast first-improvement moves on a whole-truck plan, each priced exactly (trucks re-covered on the two bins it
/// touches): move a (lot, line) portion, or the part of it that fills a truck's spare room or saves a truck, to another
/// retained arc of the same line (another path, ship day or lot);
/// empty a bin whose last truck is poorly filled by moving all its portions out at once; take unmet kg of a line
/// when that pays for its trucks. Minimum orders and all-or-nothing lines hold after every accepted move.
/// </summary>
internal sealed class LocalSearch(PlanState state, int seed, WorkClock? work = null, bool takeUnmet = true)
{
    private readonly Random _random = new(seed);

    /// <summary>Sweeps until a sweep finds nothing or time is up; returns the number of accepted moves.</summary>
    public int Run(Func<bool> timeLeft)
    {
        var accepted = 0;
        for (var improved = true; improved && timeLeft();)
        {
            var before = accepted;
            var lines = Enumerable.Range(0, state.Index.Lines.Length).OrderBy(_ => _random.Next()).ToArray();
            foreach (var d in lines)
            {
                accepted += ShiftPortions(d) + (takeUnmet && WarmStartFill(d) ? 1 : 0);
            }

            accepted += EmptyBins(timeLeft);
            improved = accepted > before;
        }

        return accepted;
    }

    /// <summary>Each used arc of the line: move its kg (all, or what the other lot has left) to the best other arc.</summary>
    private int ShiftPortions(int d)
    {
        var start = state.Candidates.LineStart;
        var moves = 0;
        for (var a = start[d]; a < start[d + 1]; a++)
        {
            if (state.Flow[a] > 0 && BestShift(a, start[d], start[d + 1]))
            {
                moves++;
            }
        }

        return moves;
    }

    private bool BestShift(int a, int first, int last)
    {
        var before = state.ObjectiveFen;
        var (bestTarget, bestAmount, bestValue) = (-1, 0, before);
        var (_, overflow) = Room(state.Candidates.Arcs[a].Bin);
        for (var t = first; t < last; t++)
        {
            if (t == a)
            {
                continue;
            }

            var whole = Amount(a, t);
            foreach (var amount in Amounts(a, t, whole, overflow))
            {
                if (amount > 0 && Legal(a, t, amount))
                {
                    var value = Try(a, t, amount);
                    if (value < bestValue)
                    {
                        (bestTarget, bestAmount, bestValue) = (t, amount, value);
                    }
                }
            }
        }

        if (bestTarget < 0)
        {
            return false;
        }

        Move(a, bestTarget, bestAmount);
        return true;
    }

    /// <summary>
    /// The amounts tried for a move of at most <paramref name="whole"/> kg: all of it; what fills the spare room of the
    /// target bin's trucks (no new truck there); what the source bin carries beyond one truck fewer, its
    /// <paramref name="overflow"/> (a truck saved; the same for every target, as each try is undone).
    /// </summary>
    private IEnumerable<int> Amounts(int from, int to, int whole, long overflow)
    {
        yield return whole;
        var (source, target) = (state.Candidates.Arcs[from].Bin, state.Candidates.Arcs[to].Bin);
        if (source == target || whole <= 0)
        {
            yield break;
        }

        var (spare, _) = Room(target);
        if (spare > 0 && spare < whole)
        {
            yield return (int)spare;
        }

        if (overflow > 0 && overflow < whole && overflow != spare)
        {
            yield return (int)overflow;
        }
    }

    /// <summary>A loaded bin's spare kg in its trucks, and the kg above what its trucks less the smallest one carry.</summary>
    private (long Spare, long Overflow) Room(int b)
    {
        var load = state.BinLoad[b];
        if (load == 0)
        {
            return (0, 0);
        }

        var cover = state.Candidates.Bins[b].Cover;
        var (_, count) = cover.Cover(load);
        long capacity = 0;
        var smallest = int.MaxValue;
        for (var v = 0; v < count.Length; v++)
        {
            capacity += (long)count[v] * cover.Capacities[v];
            smallest = count[v] > 0 ? Math.Min(smallest, cover.Capacities[v]) : smallest;
        }

        return (capacity - load, load - (capacity - smallest));
    }

    /// <summary>All of the portion, or as much as the target's lot has left (a different lot).</summary>
    private int Amount(int from, int to)
    {
        var arcs = state.Candidates.Arcs;
        if (arcs[from].Lot == arcs[to].Lot)
        {
            return state.Flow[from];
        }

        var room = state.Index.Lots[arcs[to].Lot].QuantityKg - state.LotUsed[arcs[to].Lot];
        return (int)Math.Min(state.Flow[from], room);
    }

    /// <summary>Minimum orders after the move: the source lot keeps 0 or at least its minimum, the target lot reaches its minimum.</summary>
    private bool Legal(int from, int to, int amount)
    {
        var arcs = state.Candidates.Arcs;
        var (source, target) = (arcs[from].Lot, arcs[to].Lot);
        if (source == target)
        {
            return true;
        }

        var left = state.LotUsed[source] - amount;
        return (left == 0 || left >= state.MinOrder(source)) && state.LotUsed[target] + amount >= state.MinOrder(target);
    }

    private long Try(int from, int to, int amount)
    {
        work?.Charge(WorkClock.PerMoveTried);
        Move(from, to, amount);
        var value = state.ObjectiveFen;
        Move(to, from, amount);
        return value;
    }

    private void Move(int from, int to, int amount)
    {
        state.Set(from, state.Flow[from] - amount);
        state.Set(to, state.Flow[to] + amount);
    }

    /// <summary>Unmet kg of a line taken greedily when it lowers the objective (the start plan's fill rule).</summary>
    private bool WarmStartFill(int d)
    {
        var line = state.Index.Lines[d];
        if (state.LineServed[d] >= line.QuantityKg || (!line.PartialAllowed && state.LineServed[d] > 0))
        {
            return false;
        }

        var before = state.ObjectiveFen;
        WarmStart.FillLine(state, d);
        return state.ObjectiveFen < before;
    }

    /// <summary>
    /// For loaded bins whose last truck is under half full (a sample, worst first): move every portion to its best
    /// other arc outside the bin; keep it all if the plan got cheaper, else undo it all.
    /// </summary>
    private int EmptyBins(Func<bool> timeLeft)
    {
        var bins = Enumerable.Range(0, state.BinLoad.Length).Where(b => state.BinLoad[b] > 0 && SpareShare(b) > 0.5)
            .OrderByDescending(SpareShare).ThenBy(b => b).ToArray();
        var accepted = 0;
        foreach (var b in bins)
        {
            if (!timeLeft())
            {
                break;
            }

            accepted += EmptyBin(b) ? 1 : 0;
        }

        return accepted;
    }

    private double SpareShare(int b)
    {
        var cover = state.Candidates.Bins[b].Cover;
        var (_, count) = cover.Cover(state.BinLoad[b]);
        var capacity = Enumerable.Range(0, count.Length).Sum(v => (long)count[v] * cover.Capacities[v]);
        var smallest = Enumerable.Range(0, count.Length).Where(v => count[v] > 0).Min(v => cover.Capacities[v]);
        return (double)(capacity - state.BinLoad[b]) / smallest;
    }

    private bool EmptyBin(int b)
    {
        var before = state.ObjectiveFen;
        var undo = new List<(int Arc, int Kg)>();
        foreach (var a in state.BinArcs[b].Where(a => state.Flow[a] > 0).ToArray())
        {
            var d = state.Candidates.Arcs[a].Line;
            var (first, last) = (state.Candidates.LineStart[d], state.Candidates.LineStart[d + 1]);
            var (target, amount, value) = (-1, 0, long.MaxValue);
            for (var t = first; t < last; t++)
            {
                var kg = t == a || state.Candidates.Arcs[t].Bin == b ? 0 : Amount(a, t);
                if (kg == state.Flow[a] && Legal(a, t, kg) && Try(a, t, kg) is var v && v < value)
                {
                    (target, amount, value) = (t, kg, v);
                }
            }

            if (target < 0)
            {
                break;
            }

            undo.Add((a, state.Flow[a]));
            undo.Add((target, state.Flow[target]));
            Move(a, target, amount);
        }

        if (state.BinLoad[b] == 0 && state.ObjectiveFen < before)
        {
            return true;
        }

        undo.Reverse();
        undo.ForEach(u => state.Set(u.Arc, u.Kg));
        return false;
    }
}
