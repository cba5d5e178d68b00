using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// The per-bin problem of the Lagrangian bound: with lot rents and line prices fixed, the cheapest whole-truck set for a
/// bin and the arcs of negative reduced cost that fill it (MODEL.md "Logistics", bounds).
/// </summary>
internal sealed class BinPricing(ProblemIndex index, ArcTable table)
{
    /// <summary>
    /// min over truck capacity C of cover(C) + the cheapest fill of min(C, bin limit) kg from negative-reduced-cost arcs
    /// (greedy by reduced cost with line and arc caps: exact, the caps form a laminar family). Writes the fill to x.
    /// </summary>
    public double Solve(int b, double[] rent, double[] price, double[] x, Scratch scratch)
    {
        var candidates = scratch.Candidates;
        candidates.Clear();
        for (var k = table.BinStart[b]; k < table.BinStart[b + 1]; k++)
        {
            var a = table.BinArcs[k];
            var reduced = table.CostFen[a] - price[table.Line[a]] + rent[table.Lot[a]];
            if (reduced < 0)
            {
                candidates.Add((reduced, a));
            }
        }

        if (candidates.Count == 0)
        {
            return 0;
        }

        candidates.Sort();
        var bin = table.Bins[b];
        var segments = scratch.Segments;
        segments.Clear();
        long volume = 0;
        scratch.Stamp++;
        foreach (var (reduced, a) in candidates)
        {
            var d = table.Line[a];
            if (scratch.LineStamp[d] != scratch.Stamp)
            {
                (scratch.LineStamp[d], scratch.LineLeft[d]) = (scratch.Stamp, index.Lines[d].QuantityKg);
            }

            var take = Math.Min(Math.Min(scratch.LineLeft[d], index.Lots[table.Lot[a]].QuantityKg), bin.MaxKg - volume);
            if (take <= 0)
            {
                continue;
            }

            scratch.LineLeft[d] -= take;
            volume += take;
            segments.Add((reduced, take, a));
            if (volume >= bin.MaxKg)
            {
                break;
            }
        }

        return BestCapacity(bin.Cover, segments, volume, x);
    }

    /// <summary>
    /// Tries truck capacities on the cover's unit grid (coarsened for very large bins, where each interval (C1, C2] is
    /// valued at its lower bound cover(C1 + 1) + fill(C2), so the minimum stays a valid bound).
    /// </summary>
    private static double BestCapacity(TruckCover cover, List<(double Reduced, long Kg, int Arc)> segments, long volume, double[] x)
    {
        var unit = cover.Capacities.Aggregate(0, Gcd);
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

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>Per-thread working memory for the bin problems.</summary>
    internal sealed class Scratch(int lines)
    {
        public List<(double Reduced, int Arc)> Candidates { get; } = [];

        public List<(double Reduced, long Kg, int Arc)> Segments { get; } = [];

        public int[] LineStamp { get; } = new int[lines];

        public long[] LineLeft { get; } = new long[lines];

        public int Stamp { get; set; }
    }
}
