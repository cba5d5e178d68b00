using Google.OrTools.Graph;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>A solution of the relaxation: kg per (lot, line) pair on its cheapest arc, and optionally the duals.</summary>
/// <param name="PairArc">The arc each pair uses (cheapest at the given truck rates).</param>
/// <param name="ObjectiveMilliFen">Arc costs at the given rates plus unmet penalties, milli-fen.</param>
/// <param name="LotRentMilliFen">Lot shadow prices (>= 0), milli-fen/kg, when asked.</param>
/// <param name="LinePriceMilliFen">Line shadow prices, milli-fen/kg, when asked.</param>
internal sealed record RelaxedSolution(int[] PairFlow, int[] PairArc, long[] LineUnmet, long ObjectiveMilliFen, bool Solved,
    double[]? LotRentMilliFen, double[]? LinePriceMilliFen);

/// <summary>
/// The problem with trucks priced per kg at a given rate per bin: a transportation problem per product, solved as a
/// min-cost flow over the cheapest arc of each (lot, line) pair (lots -> lines, a slack node for unused supply and
/// unmet demand). With the bins' envelope rates it is the LP bound; with the current cost per kg of each bin's
/// trucks it is one step of slope scaling.
/// </summary>
internal static class Relaxation
{
    /// <param name="roughCosts">
    /// Arc costs rounded down to whole fen for the flow solver (fewer cost-scaling phases, about twice as fast): for slope
    /// scaling, whose plans are priced exactly afterwards; never for the bound. The objective is then in fen x 1000 as well.
    /// </param>
    public static RelaxedSolution Solve(ProblemIndex index, ArcTable table, long[] rateMilliFen, bool duals, int workers, CancellationToken cancellationToken,
        bool roughCosts = false)
    {
        var flow = new int[table.Pairs];
        var chosen = new int[table.Pairs];
        var unmet = index.Lines.Select(l => (long)l.QuantityKg).ToArray();
        var objective = new long[index.ProductCodes.Length];
        var solved = new bool[index.ProductCodes.Length];
        var rent = duals ? new double[index.Lots.Length] : null;
        var price = duals ? new double[index.Lines.Length] : null;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellationToken };
        Parallel.For(0, index.ProductCodes.Length, options, p =>
            (objective[p], solved[p]) = SolveProduct(index, table, rateMilliFen, p, (flow, chosen, unmet), (rent, price), roughCosts ? 1000 : 1));
        return new RelaxedSolution(flow, chosen, unmet, objective.Sum(), solved.All(s => s), rent, price);
    }

    /// <summary>Relaxed price of arc a at the bin rates: per-kg cost plus the rate of its bin, milli-fen/kg.</summary>
    public static long Price(ArcTable table, long[] rateMilliFen, int a) => (table.CostFen[a] * 1000L) + rateMilliFen[table.Bin[a]];

    private static (long, bool) SolveProduct(ProblemIndex index, ArcTable table, long[] rate, int product,
        (int[] Flow, int[] Chosen, long[] Unmet) output, (double[]? Rent, double[]? Price) duals, long divisor)
    {
        var lots = index.LotsByProduct[product];
        var lines = index.LinesByProduct[product];
        var first = table.ProductPairStart[product];
        var pairs = table.ProductPairStart[product + 1] - first;
        var network = Network(index, table, rate, product, output.Chosen, divisor);
        var solver = new MinCostFlow();
        for (var i = 0; i < network.Tail.Length; i++)
        {
            solver.AddArcWithCapacityAndUnitCost(network.Tail[i], network.Head[i], network.Capacity[i], network.Cost[i]);
        }

        for (var v = 0; v < network.Supply.Length; v++)
        {
            solver.SetNodeSupply(v, network.Supply[v]);
        }

        if (lines.Length == 0 || solver.Solve() != MinCostFlow.Status.OPTIMAL)
        {
            return (lines.Sum(d => index.Lines[d].QuantityKg * index.LinePenaltyFen[d] * 1000), lines.Length == 0);
        }

        var flows = new long[network.Tail.Length];
        long objective = 0;
        for (var i = 0; i < flows.Length; i++)
        {
            flows[i] = solver.Flow(i);
            objective += flows[i] * network.Cost[i] * divisor;
        }

        for (var i = 0; i < pairs; i++)
        {
            output.Flow[first + i] = (int)flows[i];
        }

        for (var j = 0; j < lines.Length; j++)
        {
            output.Unmet[lines[j]] = flows[pairs + lots.Length + j];
        }

        if (duals.Rent is not null && duals.Price is not null)
        {
            ResidualDuals.Assign(network, flows, lots, lines, duals.Rent, duals.Price);
        }

        return (objective, true);
    }

    /// <summary>The product's network in <see cref="ProductNetwork"/>'s layout (pairs, then lot -> slack, then slack -> line).</summary>
    private static ProductNetwork Network(ProblemIndex index, ArcTable table, long[] rate, int product, int[] chosen, long divisor)
    {
        var lots = index.LotsByProduct[product];
        var lines = index.LinesByProduct[product];
        var first = table.ProductPairStart[product];
        var pairs = table.ProductPairStart[product + 1] - first;
        var total = pairs + lots.Length + lines.Length;
        var network = new ProductNetwork
        {
            Tail = new int[total], Head = new int[total], Capacity = new long[total], Cost = new long[total],
            Supply = new long[lots.Length + lines.Length + 1], ArcCount = pairs,
        };
        var z = lots.Length + lines.Length;
        for (var i = 0; i < pairs; i++)
        {
            var best = table.PairStart[first + i];
            for (var a = best + 1; a < table.PairStart[first + i + 1]; a++)
            {
                best = Price(table, rate, a) < Price(table, rate, best) ? a : best;
            }

            chosen[first + i] = best;
            network.Tail[i] = Array.BinarySearch(lots, table.Lot[best]);
            network.Head[i] = lots.Length + Array.BinarySearch(lines, table.Line[best]);
            // Never binding (flow <= min of both quantities), so that the potentials are the LP's duals.
            network.Capacity[i] = (long)index.Lots[table.Lot[best]].QuantityKg + index.Lines[table.Line[best]].QuantityKg;
            network.Cost[i] = Price(table, rate, best) / divisor;
        }

        long supply = 0, demand = 0;
        for (var j = 0; j < lots.Length; j++)
        {
            var kg = index.Lots[lots[j]].QuantityKg;
            (network.Tail[pairs + j], network.Head[pairs + j], network.Capacity[pairs + j]) = (j, z, kg);
            network.Supply[j] = kg;
            supply += kg;
        }

        for (var j = 0; j < lines.Length; j++)
        {
            var kg = index.Lines[lines[j]].QuantityKg;
            var arc = pairs + lots.Length + j;
            (network.Tail[arc], network.Head[arc], network.Capacity[arc], network.Cost[arc]) = (z, lots.Length + j, kg, index.LinePenaltyFen[lines[j]] * 1000 / divisor);
            network.Supply[lots.Length + j] = -kg;
            demand += kg;
        }

        network.Supply[z] = demand - supply;
        return network;
    }
}
