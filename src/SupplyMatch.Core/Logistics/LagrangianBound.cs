using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// A lower bound by Lagrangian relaxation of the supply and demand rows (MODEL.md "Logistics", bound). With lot
/// rents λ >= 0 and line prices π the rest splits into one problem per bin: choose whole trucks (capacity C at the
/// cheapest cover cost) and fill them with the arcs of negative reduced cost c - π + λ, each line at most its
/// quantity and the bin at most what it can carry; solved exactly by trying every capacity. Any multipliers give a
/// valid bound; the LP's duals give at least the LP bound, and subgradient steps raise it.
/// </summary>
internal sealed class LagrangianBound(ProblemIndex index, ArcTable table, int workers)
{

    /// <summary>
    /// Starts from the best of the given multiplier sets (milli-fen: lot rents, line prices), then takes subgradient steps
    /// (Polyak step towards <paramref name="upperFen"/>, halved when the bound stalls) while <paramref name="timeLeft"/>.
    /// Returns the best bound (fen, rounded down) and the number of evaluations.
    /// </summary>
    public (long BoundFen, int Iterations) Improve(
        IReadOnlyList<(double[] RentMilli, double[] PriceMilli)> starts, long upperFen, Func<bool> timeLeft, Action<long> improved, CancellationToken cancellationToken)
    {
        var best = long.MinValue;
        var iterations = 0;
        (double[] Rent, double[] Price, double Value, double[] Lines, double[] Lots)? current = null;
        foreach (var (rentMilli, priceMilli) in starts)
        {
            var rent = rentMilli.Select(r => r / 1000.0).ToArray();
            var price = priceMilli.Select(p => p / 1000.0).ToArray();
            var (value, lines, lots) = Evaluate(rent, price, cancellationToken);
            iterations++;
            if (current is null || value > current.Value.Value)
            {
                current = (rent, price, value, lines, lots);
            }
        }

        if (current is not { } start)
        {
            return (best, iterations);
        }

        var (bestRent, bestPrice, atBest, lineGradient, lotGradient) = start;
        best = Report(atBest, best, improved);
        var theta = 1.0;
        var stale = 0;
        var (rentNow, priceNow, valueNow) = ((double[])bestRent.Clone(), (double[])bestPrice.Clone(), atBest);
        while (timeLeft() && theta > 1e-3 && !cancellationToken.IsCancellationRequested)
        {
            var norm = lineGradient.Sum(g => g * g) + lotGradient.Sum(g => g * g);
            if (norm == 0 || upperFen <= valueNow)
            {
                break;
            }

            Step(rentNow, priceNow, theta * (upperFen - valueNow) / norm, lineGradient, lotGradient);
            (valueNow, lineGradient, lotGradient) = Evaluate(rentNow, priceNow, cancellationToken);
            iterations++;
            var before = best;
            best = Report(valueNow, best, improved);
            stale = best > before ? 0 : stale + 1;
            if (stale >= 3)
            {
                (theta, stale) = (theta / 2, 0);
            }
        }

        return (best, iterations);
    }

    private static long Report(double value, long best, Action<long> improved)
    {
        var bound = (long)Math.Floor(value - 1);
        if (bound > best)
        {
            improved(bound);
            return bound;
        }

        return best;
    }

    private static void Step(double[] rent, double[] price, double step, double[] lineGradient, double[] lotGradient)
    {
        for (var d = 0; d < price.Length; d++)
        {
            price[d] += step * lineGradient[d];
        }

        for (var s = 0; s < rent.Length; s++)
        {
            rent[s] = Math.Max(0, rent[s] + (step * lotGradient[s]));
        }
    }

    /// <summary>L(λ, π) (fen/kg multipliers) and, for every bin whose best truck set pays, that pattern: its value and kg per arc.</summary>
    public (double Value, List<(int Bin, double Value, List<(int Arc, double Kg)> Fill)> Patterns) Price(double[] rent, double[] price, CancellationToken cancellationToken)
    {
        var (value, _, _) = Evaluate(rent, price, cancellationToken, out var x, out var binValue);
        var patterns = new List<(int, double, List<(int, double)>)>();
        for (var b = 0; b < binValue.Length; b++)
        {
            if (binValue[b] < 0)
            {
                var fill = new List<(int, double)>();
                for (var k = table.BinStart[b]; k < table.BinStart[b + 1]; k++)
                {
                    var a = table.BinArcs[k];
                    if (x[a] > 0)
                    {
                        fill.Add((a, x[a]));
                    }
                }

                patterns.Add((b, binValue[b], fill));
            }
        }

        return (value, patterns);
    }

    /// <summary>L(λ, π) and its subgradient (demand rows: q - unmet - served; supply rows: used - Q).</summary>
    public (double Value, double[] LineGradient, double[] LotGradient) Evaluate(double[] rent, double[] price, CancellationToken cancellationToken) =>
        Evaluate(rent, price, cancellationToken, out _, out _);

    private (double Value, double[] LineGradient, double[] LotGradient) Evaluate(
        double[] rent, double[] price, CancellationToken cancellationToken, out double[] x, out double[] binValue)
    {
        var fills = x = new double[table.Count];
        var values = binValue = new double[table.Bins.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellationToken };
        Parallel.For(0, workers, options, w =>
        {
            var scratch = new BinScratch(index.Lines.Length);
            for (var b = w; b < table.Bins.Length; b += workers)
            {
                values[b] = SolveBin(b, rent, price, fills, scratch);
            }
        });

        var value = values.Sum();
        var lineGradient = new double[index.Lines.Length];
        var lotGradient = new double[index.Lots.Length];
        for (var d = 0; d < index.Lines.Length; d++)
        {
            var q = index.Lines[d].QuantityKg;
            var unmetPays = index.LinePenaltyFen[d] - price[d] < 0;
            value += (price[d] * q) + (unmetPays ? (index.LinePenaltyFen[d] - price[d]) * q : 0);
            lineGradient[d] = unmetPays ? 0 : q;
        }

        for (var s = 0; s < index.Lots.Length; s++)
        {
            value -= rent[s] * index.Lots[s].QuantityKg;
            lotGradient[s] = -index.Lots[s].QuantityKg;
        }

        for (var a = 0; a < x.Length; a++)
        {
            if (x[a] > 0)
            {
                lineGradient[table.Line[a]] -= x[a];
                lotGradient[table.Lot[a]] += x[a];
            }
        }

        return (value, lineGradient, lotGradient);
    }

    /// <summary>
    /// min over truck capacity C of cover(C) + the cheapest fill of min(C, bin limit) kg from negative-reduced-cost arcs
    /// (greedy by reduced cost with line and arc caps: exact, the caps form a laminar family). Writes the fill to x.
    /// </summary>
    private double SolveBin(int b, double[] rent, double[] price, double[] x, BinScratch scratch)
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
    private sealed class BinScratch(int lines)
    {
        public List<(double Reduced, int Arc)> Candidates { get; } = [];

        public List<(double Reduced, long Kg, int Arc)> Segments { get; } = [];

        public int[] LineStamp { get; } = new int[lines];

        public long[] LineLeft { get; } = new long[lines];

        public int Stamp { get; set; }
    }
}
