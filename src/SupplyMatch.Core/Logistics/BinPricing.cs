using System.Runtime.InteropServices;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// The per-bin problem of the Lagrangian bound: with lot rents and line prices fixed, the cheapest whole-truck set for a
/// bin and the arcs of negative reduced cost that fill it (MODEL.md "Logistics", bounds).
/// </summary>
internal sealed class BinPricing
{
    private readonly ProblemIndex _index;
    private readonly ArcTable _table;

    // The arcs' data in bin order (position k of ArcTable.BinArcs), so that a bin's scan reads memory in sequence.
    private readonly double[] _cost;
    private readonly int[] _line;
    private readonly int[] _lot;
    private readonly int[] _lotKg;

    public BinPricing(ProblemIndex index, ArcTable table)
    {
        (_index, _table) = (index, table);
        var n = table.BinArcs.Length;
        (_cost, _line, _lot, _lotKg) = (new double[n], new int[n], new int[n], new int[n]);
        for (var k = 0; k < n; k++)
        {
            var a = table.BinArcs[k];
            (_cost[k], _line[k], _lot[k]) = (table.CostFen[a], table.Line[a], table.Lot[a]);
            _lotKg[k] = index.Lots[_lot[k]].QuantityKg;
        }
    }

    /// <summary>
    /// min over truck capacity C of cover(C) + the cheapest fill of min(C, bin limit) kg from negative-reduced-cost arcs
    /// (greedy by reduced cost with line and arc caps: exact, the caps form a laminar family). Writes the fill to x.
    /// </summary>
    public double Solve(int b, double[] rent, double[] price, double[] x, Scratch scratch)
    {
        var candidates = scratch.Candidates;
        candidates.Clear();
        for (var k = _table.BinStart[b]; k < _table.BinStart[b + 1]; k++)
        {
            var reduced = _cost[k] - price[_line[k]] + rent[_lot[k]];
            if (reduced < 0)
            {
                candidates.Add((reduced, k));
            }
        }

        if (candidates.Count == 0)
        {
            return 0;
        }

        CollectionsMarshal.AsSpan(candidates).Sort(default(ByReducedCost));
        var bin = _table.Bins[b];
        var segments = scratch.Segments;
        segments.Clear();
        long volume = 0;
        scratch.NextStamp();
        foreach (var (reduced, k) in candidates)
        {
            var d = _line[k];
            if (scratch.LineStamp[d] != scratch.Stamp)
            {
                (scratch.LineStamp[d], scratch.LineLeft[d]) = (scratch.Stamp, _index.Lines[d].QuantityKg);
            }

            var take = Math.Min(Math.Min(scratch.LineLeft[d], _lotKg[k]), bin.MaxKg - volume);
            if (take <= 0)
            {
                continue;
            }

            scratch.LineLeft[d] -= take;
            volume += take;
            segments.Add((reduced, take, _table.BinArcs[k]));
            if (volume >= bin.MaxKg)
            {
                break;
            }
        }

        return BestCapacity(bin.Cover, segments, volume, x, scratch);
    }

    /// <summary>
    /// Tries truck capacities on the cover's unit grid (coarsened for very large bins, where each interval (C1, C2] is
    /// valued at its lower bound cover(C1 + 1) + fill(C2), so the minimum stays a valid bound).
    /// </summary>
    private static double BestCapacity(TruckCover cover, List<(double Reduced, long Kg, int Arc)> segments, long volume, double[] x, Scratch scratch)
    {
        var unit = cover.UnitKg;
        var step = unit * Math.Max(1, (volume / unit / 2000) + 1);
        double best = 0, fill = 0;
        long bestCapacity = 0, filled = 0, used = 0, previous = 0;
        var segment = 0;
        for (var capacity = Math.Min(step, volume); capacity > 0; capacity = capacity == volume ? 0 : Math.Min(capacity + step, volume))
        {
            while (filled < capacity)
            {
                var take = Math.Min(segments[segment].Kg - used, capacity - filled);
                fill += take * segments[segment].Reduced;
                (filled, used) = (filled + take, used + take);
                if (used == segments[segment].Kg)
                {
                    (segment, used) = (segment + 1, 0);
                }
            }

            scratch.Steps++;
            var value = cover.CostOf(previous + 1) + fill;
            if (value < best)
            {
                (best, bestCapacity) = (value, capacity);
            }

            previous = capacity;
        }

        for (var (i, left) = (0, bestCapacity); i < segments.Count && left > 0; i++)
        {
            var take = Math.Min(segments[i].Kg, left);
            x[segments[i].Arc] = take;
            left -= take;
        }

        return best;
    }

    /// <summary>Cheapest reduced cost first; ties by position (the order of the arc indices within a bin).</summary>
    private readonly struct ByReducedCost : IComparer<(double Reduced, int Position)>
    {
        public int Compare((double Reduced, int Position) x, (double Reduced, int Position) y) =>
            x.Reduced < y.Reduced ? -1 : x.Reduced > y.Reduced ? 1 : x.Position.CompareTo(y.Position);
    }

    /// <summary>Per-thread working memory for the bin problems.</summary>
    internal sealed class Scratch(int lines)
    {
        public List<(double Reduced, int Position)> Candidates { get; } = [];

        public List<(double Reduced, long Kg, int Arc)> Segments { get; } = [];

        public int[] LineStamp { get; } = new int[lines];

        public long[] LineLeft { get; } = new long[lines];

        public int Stamp { get; private set; }

        /// <summary>Capacities tried since the owner last set it to 0 (the work of an evaluation beyond its arcs).</summary>
        public long Steps { get; set; }

        /// <summary>A new stamp for the next bin (the line marks are cleared once the stamps run out, as the scratch lives across evaluations).</summary>
        public void NextStamp()
        {
            if (Stamp == int.MaxValue)
            {
                Array.Clear(LineStamp);
                Stamp = 0;
            }

            Stamp++;
        }
    }
}
