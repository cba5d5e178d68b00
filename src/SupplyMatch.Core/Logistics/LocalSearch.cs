namespace SupplyMatch.Core.Logistics;

/// <summary>The kinds of move a <see cref="LocalSearch"/> may make.</summary>
[Flags]
internal enum LocalMoves
{
    /// <summary>Move a (lot, line) portion, or the part of it that fills a truck's spare room or saves a truck, to another arc of the line.</summary>
    Shift = 1,

    /// <summary>Move a portion to a lot without room for it by moving another line's portion of that lot elsewhere.</summary>
    Exchange = 2,

    /// <summary>Take unmet kg of a line from lots with room when that pays for its trucks.</summary>
    TakeUnmet = 4,

    /// <summary>Take unmet kg of a line from a taken lot by moving (or leaving unmet) another line's portion of it.</summary>
    Eject = 8,

    /// <summary>Empty a bin whose trucks have room to spare by moving all its portions out at once.</summary>
    EmptyBins = 16,

    /// <summary>Only what keeps the lines' served kg: the loading of a given allocation into trucks.</summary>
    Loading = Shift | EmptyBins,

    All = Shift | Exchange | TakeUnmet | Eject | EmptyBins,
}

/// <summary>
/// Fast first-improvement moves on a whole-truck plan (<see cref="LocalMoves"/>), each priced exactly (trucks re-covered on
/// the bins it touches). Minimum orders and all-or-nothing lines hold after every accepted move.
/// </summary>
internal sealed class LocalSearch(PlanState state, int seed, WorkClock? work = null, LocalMoves moves = LocalMoves.All)
{
    private readonly Random _random = new(seed);

    /// <summary>Sweeps until a sweep finds nothing or time is up (asked before each line); returns the number of accepted moves.</summary>
    public int Run(Func<bool> timeLeft)
    {
        var accepted = 0;
        for (var improved = true; improved && timeLeft();)
        {
            var before = accepted;
            var lines = Enumerable.Range(0, state.Index.Lines.Length).OrderBy(_ => _random.Next()).ToArray();
            foreach (var d in lines.TakeWhile(_ => timeLeft()))
            {
                accepted += Line(d);
            }

            accepted += moves.HasFlag(LocalMoves.EmptyBins) ? EmptyBins(timeLeft) : 0;
            improved = accepted > before;
        }

        return accepted;
    }

    /// <summary>The moves of one line, in order; the number accepted.</summary>
    private int Line(int d) =>
        (moves.HasFlag(LocalMoves.Shift) ? ShiftPortions(d) : 0)
        + (moves.HasFlag(LocalMoves.Exchange) ? ExchangePortions(d) : 0)
        + (moves.HasFlag(LocalMoves.TakeUnmet) && WarmStartFill(d) ? 1 : 0)
        + (moves.HasFlag(LocalMoves.Eject) && Eject(d) ? 1 : 0);

    /// <summary>Each used arc of the line: move its kg (all, or what the other lot has left) to the best other arc.</summary>
    private int ShiftPortions(int d)
    {
        var start = state.Candidates.LineStart;
        var count = 0;
        for (var a = start[d]; a < start[d + 1]; a++)
        {
            if (state.Flow[a] > 0 && BestShift(a, start[d], start[d + 1]))
            {
                count++;
            }
        }

        return count;
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
    /// Unmet kg of a line whose lots are taken by others: free kg of one of its lots by moving another line's portion of
    /// that lot to one of that line's other arcs (a lot with room), or by leaving that portion unmet where its line may be
    /// partly served; the line takes the freed kg with what the lot had left. The best such exchange is kept when the
    /// objective falls; minimum orders and all-or-nothing lines hold.
    /// </summary>
    private bool Eject(int d)
    {
        var line = state.Index.Lines[d];
        var rest = line.QuantityKg - state.LineServed[d];
        if (rest <= 0 || (!line.PartialAllowed && state.LineServed[d] > 0))
        {
            return false;
        }

        var (arcs, start) = (state.Candidates.Arcs, state.Candidates.LineStart);
        var before = state.ObjectiveFen;
        var best = (Value: before, Chain: default(Chain));
        for (var b = start[d]; b < start[d + 1]; b++)
        {
            var lot = arcs[b].Lot;
            var room = state.Index.Lots[lot].QuantityKg - state.LotUsed[lot];
            if (room >= rest)
            {
                continue;
            }

            foreach (var v in Holders(lot, d))
            {
                var victim = arcs[v].Line;
                var amount = (int)Math.Min(state.Flow[v], rest - room);
                if (!line.PartialAllowed && room + amount < rest)
                {
                    continue;
                }

                var partial = state.Index.Lines[victim].PartialAllowed;
                for (var t = start[victim]; t <= start[victim + 1]; t++)
                {
                    var drop = t == start[victim + 1];
                    if ((drop && !partial) || (!drop && !Receives(t, lot, amount)))
                    {
                        continue;
                    }

                    var chain = new Chain((v, -amount), (drop ? -1 : t, amount), (b, (int)room + amount), (-1, 0));
                    var value = Try(chain);
                    if (value < best.Value)
                    {
                        best = (value, chain);
                    }
                }
            }
        }

        if (best.Value >= before)
        {
            return false;
        }

        Apply(best.Chain);
        return true;
    }

    /// <summary>The arcs carrying kg of lot <paramref name="lot"/> to lines other than <paramref name="d"/>.</summary>
    private IEnumerable<int> Holders(int lot, int d) => state.LotArcs[lot].Where(v => state.Flow[v] > 0 && state.Candidates.Arcs[v].Line != d);

    /// <summary>Whether arc <paramref name="t"/> can take <paramref name="amount"/> kg from another lot than <paramref name="lot"/>: room and minimum order.</summary>
    private bool Receives(int t, int lot, int amount)
    {
        var target = state.Candidates.Arcs[t].Lot;
        var used = state.LotUsed[target];
        return target != lot && state.Index.Lots[target].QuantityKg - used >= amount && used + amount >= state.MinOrder(target);
    }

    /// <summary>
    /// Each used arc of the line whose better arcs draw on a lot without room for it: make the room by moving another
    /// line's portion of that lot to one of that line's arcs on a lot with room (the freed lot included), then move. The
    /// best exchange is kept when the objective falls.
    /// </summary>
    private int ExchangePortions(int d)
    {
        var (arcs, start) = (state.Candidates.Arcs, state.Candidates.LineStart);
        var count = 0;
        for (var a = start[d]; a < start[d + 1]; a++)
        {
            var portion = state.Flow[a];
            if (portion == 0)
            {
                continue;
            }

            var source = arcs[a].Lot;
            var before = state.ObjectiveFen;
            var best = (Value: before, Chain: default(Chain));
            for (var t = start[d]; t < start[d + 1]; t++)
            {
                var lot = arcs[t].Lot;
                var room = state.Index.Lots[lot].QuantityKg - state.LotUsed[lot];
                if (lot == source || room >= portion)
                {
                    continue;
                }

                foreach (var v in Holders(lot, d))
                {
                    var other = arcs[v].Line;
                    var freed = (int)Math.Min(state.Flow[v], portion - room);
                    var moved = (int)room + freed;
                    for (var w = start[other]; w < start[other + 1]; w++)
                    {
                        if (SwapLegal(source, moved, arcs[w].Lot, lot, freed))
                        {
                            var chain = new Chain((a, -moved), (v, -freed), (w, freed), (t, moved));
                            var value = Try(chain);
                            if (value < best.Value)
                            {
                                best = (value, chain);
                            }
                        }
                    }
                }
            }

            if (best.Value < before)
            {
                Apply(best.Chain);
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Minimum orders and quantities when <paramref name="moved"/> kg leave lot <paramref name="source"/> and the displaced
    /// <paramref name="freed"/> kg of lot <paramref name="taken"/> go to lot <paramref name="receiving"/>.
    /// </summary>
    private bool SwapLegal(int source, int moved, int receiving, int taken, int freed)
    {
        if (receiving == taken)
        {
            return false;
        }

        var sourceLeft = state.LotUsed[source] - moved + (receiving == source ? freed : 0);
        if (sourceLeft != 0 && sourceLeft < state.MinOrder(source))
        {
            return false;
        }

        return receiving == source
            || (state.Index.Lots[receiving].QuantityKg - state.LotUsed[receiving] >= freed && state.LotUsed[receiving] + freed >= state.MinOrder(receiving));
    }

    /// <summary>Up to four changes of arc kg, applied in order (arc -1 = none).</summary>
    private readonly record struct Chain((int Arc, int Kg) First, (int Arc, int Kg) Second, (int Arc, int Kg) Third, (int Arc, int Kg) Fourth);

    private long Try(Chain chain)
    {
        work?.Charge(WorkClock.PerMoveTried);
        Apply(chain);
        var value = state.ObjectiveFen;
        Apply(new Chain(Back(chain.Fourth), Back(chain.Third), Back(chain.Second), Back(chain.First)));
        return value;

        static (int, int) Back((int Arc, int Kg) change) => (change.Arc, -change.Kg);
    }

    private void Apply(Chain chain)
    {
        foreach (var (arc, kg) in (ReadOnlySpan<(int, int)>)[chain.First, chain.Second, chain.Third, chain.Fourth])
        {
            if (arc >= 0 && kg != 0)
            {
                state.Set(arc, state.Flow[arc] + kg);
            }
        }
    }

    /// <summary>
    /// For every loaded bin with room to spare in its trucks, the emptiest last truck first: move every portion to its best
    /// other arc outside the bin; keep it all if the plan got cheaper, else undo it all. (Only bins whose last truck was
    /// under half full were tried until 2026-12-07; trying them all saves more at little cost: bench/README.md, "Local
    /// search: exchanges and ejections".)
    /// </summary>
    private int EmptyBins(Func<bool> timeLeft)
    {
        var bins = Enumerable.Range(0, state.BinLoad.Length).Where(b => state.BinLoad[b] > 0).Select(b => (Bin: b, Share: SpareShare(b)))
            .Where(x => x.Share > 0).OrderByDescending(x => x.Share).ThenBy(x => x.Bin).Select(x => x.Bin).ToArray();
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
