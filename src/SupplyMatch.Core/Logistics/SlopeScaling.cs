using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>A flow over the pairs with its exact whole-truck objective (trucks re-covered per bin; minimum orders not yet repaired).</summary>
internal sealed record PairPlan(int[] PairFlow, int[] PairArc, long ObjectiveFen);

/// <summary>
/// Dynamic slope scaling for the fixed-charge truck costs: solve the relaxation, price every loaded bin at what its
/// trucks really cost per kg at that load (cheapest cover / load), solve again, and keep the best whole-truck plan.
/// Lightly loaded lanes become dear, so flow gathers on lanes that fill trucks (mostly through the hubs).
/// </summary>
internal static class SlopeScaling
{
    private const int MaxIterations = 80;
    private const int Patience = 6;

    public static (PairPlan Best, long[] Rates, int Iterations) Run(
        ProblemIndex index, ArcTable table, RelaxedSolution start, long[] envelope, (WorkClock Clock, long Until) work, int workers, CancellationToken cancellationToken)
    {
        var rates = (long[])envelope.Clone();
        var bestRates = rates;
        var best = Evaluate(index, table, start);
        var current = start;
        var stale = 0;
        var iterations = 0;
        while (iterations < MaxIterations && stale < Patience && work.Clock.Before(work.Until) && !cancellationToken.IsCancellationRequested)
        {
            var loads = Loads(table, current.PairFlow, current.PairArc);
            rates = (long[])rates.Clone();
            for (var b = 0; b < loads.Length; b++)
            {
                if (loads[b] > 0)
                {
                    rates[b] = 1000 * table.Bins[b].Cover.CostOf(loads[b]) / loads[b];
                }
            }

            current = Relaxation.Solve(index, table, rates, duals: false, workers, cancellationToken, roughCosts: true);
            work.Clock.Charge(table.Count * WorkClock.SlopeStepPerArc);
            iterations++;
            var plan = Evaluate(index, table, current);
            if (current.Solved && plan.ObjectiveFen < best.ObjectiveFen)
            {
                (best, bestRates, stale) = (plan, rates, 0);
            }
            else
            {
                stale++;
            }
        }

        return (best, bestRates, iterations);
    }

    /// <summary>kg per bin of a pair flow.</summary>
    public static long[] Loads(ArcTable table, int[] pairFlow, int[] pairArc)
    {
        var loads = new long[table.Bins.Length];
        for (var i = 0; i < pairFlow.Length; i++)
        {
            if (pairFlow[i] > 0)
            {
                loads[table.Bin[pairArc[i]]] += pairFlow[i];
            }
        }

        return loads;
    }

    /// <summary>The exact objective of a pair flow with the cheapest trucks per bin, fen.</summary>
    public static PairPlan Evaluate(ProblemIndex index, ArcTable table, RelaxedSolution solution)
    {
        long fen = 0;
        for (var i = 0; i < solution.PairFlow.Length; i++)
        {
            fen += (long)solution.PairFlow[i] * table.CostFen[solution.PairArc[i]];
        }

        var loads = Loads(table, solution.PairFlow, solution.PairArc);
        for (var b = 0; b < loads.Length; b++)
        {
            fen += loads[b] > 0 ? table.Bins[b].Cover.CostOf(loads[b]) : 0;
        }

        for (var d = 0; d < index.Lines.Length; d++)
        {
            fen += solution.LineUnmet[d] * index.LinePenaltyFen[d];
        }

        return new PairPlan(solution.PairFlow, solution.PairArc, fen);
    }
}
