using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// A lower bound by Lagrangian relaxation of the supply and demand rows (MODEL.md "Logistics", bound). With lot
/// rents λ >= 0 and line prices π the rest splits into one problem per bin: choose whole trucks (capacity C at the
/// cheapest cover cost) and fill them with the arcs of negative reduced cost c - π + λ, each line at most its
/// quantity and the bin at most what it can carry; solved exactly by trying every capacity. Any multipliers give a
/// valid bound; the LP's duals give at least the LP bound, and deflected subgradient steps raise it (<see cref="Ascent"/>).
/// </summary>
internal sealed class LagrangianBound(ProblemIndex index, ArcTable table, int workers, WorkClock? work = null)
{
    private readonly BinPricing _bins = new(index, table);
    private readonly double[] _fill = new double[table.Count];
    private readonly double[] _binValue = new double[table.Bins.Length];
    private readonly BinPricing.Scratch[] _scratch = [.. Enumerable.Range(0, Math.Max(1, workers)).Select(_ => new BinPricing.Scratch(index.Lines.Length))];

    /// <summary>Capacities the bin problems tried in the last evaluation.</summary>
    public long LastSteps { get; private set; }

    /// <summary>The multipliers (fen/kg: lot rents, line prices) of the best bound so far, kept when asked for at construction.</summary>
    public (double[] Rent, double[] Price)? Best { get; private set; }

    /// <summary>Whether <see cref="Best"/> is kept (a copy of both multiplier arrays at every better bound).</summary>
    public bool KeepBest { get; init; }

    /// <summary>
    /// How the multipliers move. Each step goes along the subgradient plus <see cref="Deflection"/> times the previous
    /// direction (damps the zig-zag between rows that a plain subgradient keeps undoing), by θ times the Polyak length
    /// towards the upper bound; θ starts at <see cref="Theta"/> and halves after <see cref="StallLimit"/> evaluations
    /// without a better bound. The ascent ends when θ falls under <see cref="MinTheta"/>, or when the last
    /// <see cref="Window"/> evaluations raised the bound by less than <see cref="MinProgress"/> of it.
    /// </summary>
    public sealed record Ascent(int StallLimit, double Deflection, double Theta, double MinTheta = 1e-4, int Window = 64, double MinProgress = 5e-5)
    {
        /// <summary>
        /// Measured against the plain subgradient that halved θ after three stalled steps, and deflections of 0.7 to 0.9
        /// (bench/README.md, "Logistics", `logistics-dual`): a higher bound for the same number of evaluations on every
        /// size tried.
        /// </summary>
        public static Ascent Default { get; } = new(10, 0.8, 0.1);

        /// <summary>The plain subgradient (no deflection, θ from 1, halved after three stalled steps), kept for comparison.</summary>
        public static Ascent Plain { get; } = new(3, 0, 1, 1e-3, int.MaxValue);
    }

    /// <summary>
    /// Starts from the best of the given multiplier sets (milli-fen: lot rents, line prices), then takes deflected
    /// subgradient steps (<paramref name="ascent"/>, <see cref="Ascent.Default"/> if null) while <paramref name="timeLeft"/>.
    /// Returns the best bound (fen, rounded down) and the number of evaluations.
    /// </summary>
    public (long BoundFen, int Iterations) Improve(
        IReadOnlyList<(double[] RentMilli, double[] PriceMilli)> starts, long upperFen, Func<bool> timeLeft, Action<long> improved, CancellationToken cancellationToken, Ascent? ascent = null)
    {
        ascent ??= Ascent.Default;
        if (starts.Count == 0)
        {
            return (long.MinValue, 0);
        }

        var (rent, price, value, lineGradient, lotGradient) = BestStart(starts, cancellationToken);
        var best = Report(value, long.MinValue, improved);
        Keep(rent, price);
        var (iterations, theta, stale) = (starts.Count, ascent.Theta, 0);
        var lineDirection = new double[price.Length];
        var lotDirection = new double[rent.Length];
        var history = new List<long> { best };
        while (timeLeft() && theta > ascent.MinTheta && !cancellationToken.IsCancellationRequested && Progressing(history, ascent))
        {
            for (var d = 0; d < price.Length; d++)
            {
                lineDirection[d] = lineGradient[d] + (ascent.Deflection * lineDirection[d]);
            }

            for (var s = 0; s < rent.Length; s++)
            {
                var g = lotGradient[s] + (ascent.Deflection * lotDirection[s]);
                lotDirection[s] = rent[s] <= 0 && g < 0 ? 0 : g;
            }

            var norm = lineDirection.Sum(g => g * g) + lotDirection.Sum(g => g * g);
            if (norm == 0 || upperFen <= value)
            {
                break;
            }

            Step(rent, price, theta * (upperFen - value) / norm, lineDirection, lotDirection);
            (value, lineGradient, lotGradient) = Evaluate(rent, price, cancellationToken);
            iterations++;
            var before = best;
            best = Report(value, best, improved);
            if (best > before)
            {
                Keep(rent, price);
            }

            history.Add(best);
            stale = best > before ? 0 : stale + 1;
            if (stale >= ascent.StallLimit)
            {
                (theta, stale) = (theta / 2, 0);
            }
        }

        return (best, iterations);
    }

    private void Keep(double[] rent, double[] price)
    {
        if (KeepBest)
        {
            Best = ((double[])rent.Clone(), (double[])price.Clone());
        }
    }

    /// <summary>Whether the last window of evaluations raised the bound by at least the least progress asked for.</summary>
    private static bool Progressing(List<long> history, Ascent ascent)
    {
        if (history.Count <= ascent.Window)
        {
            return true;
        }

        var (now, then) = (history[^1], history[^(ascent.Window + 1)]);
        return now - then >= ascent.MinProgress * Math.Abs((double)now);
    }

    /// <summary>The multiplier set (converted to fen/kg) with the highest bound, with its value and subgradient.</summary>
    private (double[] Rent, double[] Price, double Value, double[] Lines, double[] Lots) BestStart(
        IReadOnlyList<(double[] RentMilli, double[] PriceMilli)> starts, CancellationToken cancellationToken)
    {
        (double[], double[], double Value, double[], double[])? best = null;
        foreach (var (rentMilli, priceMilli) in starts)
        {
            var rent = rentMilli.Select(r => r / 1000.0).ToArray();
            var price = priceMilli.Select(p => p / 1000.0).ToArray();
            var (value, lines, lots) = Evaluate(rent, price, cancellationToken);
            if (best is null || value > best.Value.Value)
            {
                best = (rent, price, value, (double[])lines.Clone(), (double[])lots.Clone());
            }
        }

        return best!.Value;
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
        var fills = x = _fill;
        var values = binValue = _binValue;
        Array.Clear(fills);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellationToken };
        Parallel.For(0, workers, options, w =>
        {
            var scratch = _scratch[w];
            scratch.Steps = 0;
            for (var b = w; b < table.Bins.Length; b += workers)
            {
                values[b] = _bins.Solve(b, rent, price, fills, scratch);
            }
        });

        var steps = _scratch.Sum(t => t.Steps);
        work?.Charge((table.Count * WorkClock.BoundPerArc) + (steps * WorkClock.BoundPerStep) + WorkClock.BoundPerEvaluation);
        LastSteps = steps;
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
}
