using Google.OrTools.Graph;

namespace SupplyMatch.Core.Matching;

/// <summary>
/// Allocation without side constraints as a min-cost flow, one independent network per product:
/// lots (supply = kg) -> lines (demand = kg) at arc cost landed - bonus (fen/kg), plus a slack node Z that
/// absorbs unused supply (cost 0) and feeds unmet demand (cost = the line's penalty). Integral and optimal
/// by construction; duals come from shortest paths in the residual network (<see cref="ResidualDuals"/>).
/// </summary>
internal static class FlowAllocator
{
    public static AllocationSolution Solve(ProblemIndex index, ArcSet arcs, CancellationToken cancellationToken)
    {
        var flow = new int[arcs.Arcs.Length];
        var unmet = index.Lines.Select(l => l.QuantityKg).ToArray();
        var computeDuals = index.Settings.ComputeDuals;
        var lotPrice = computeDuals ? new double[index.Lots.Length] : null;
        var linePrice = computeDuals ? index.LinePenaltyFen.Select(p => (double)p).ToArray() : null;
        var failed = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, index.Settings.Workers), CancellationToken = cancellationToken };
        Parallel.For(0, index.ProductCodes.Length, options, p =>
        {
            if (!SolveProduct(index, arcs, p, flow, unmet, lotPrice, linePrice))
            {
                Interlocked.Increment(ref failed);
            }
        });

        var objectiveFen = 0L;
        for (var a = 0; a < flow.Length; a++)
        {
            objectiveFen += (long)flow[a] * arcs.Arcs[a].CostFen;
        }

        for (var d = 0; d < unmet.Length; d++)
        {
            objectiveFen += unmet[d] * index.LinePenaltyFen[d];
        }

        return new AllocationSolution
        {
            Solver = "flow",
            Status = failed == 0 ? SolveStatus.Optimal : SolveStatus.NotSolved,
            Flow = flow,
            Unmet = unmet,
            LotPriceFen = lotPrice,
            LinePriceFen = linePrice,
            LpObjectiveCny = objectiveFen / 100m,
            Variables = arcs.Arcs.Length + index.Lines.Length,
            Constraints = index.Lots.Length + index.Lines.Length,
        };
    }

    /// <summary>Solves one product's network; node numbering: lots, then lines, then Z.</summary>
    private static bool SolveProduct(
        ProblemIndex index, ArcSet arcs, int product, int[] flow, int[] unmet, double[]? lotPrice, double[]? linePrice)
    {
        var lots = index.LotsByProduct[product];
        var lines = index.LinesByProduct[product];
        if (lots.Length == 0 || lines.Length == 0)
        {
            return true;
        }

        var network = ProductNetwork.Build(index, arcs, product);
        var solver = new MinCostFlow();
        for (var i = 0; i < network.Tail.Length; i++)
        {
            solver.AddArcWithCapacityAndUnitCost(network.Tail[i], network.Head[i], network.Capacity[i], network.Cost[i]);
        }

        for (var v = 0; v < network.Supply.Length; v++)
        {
            solver.SetNodeSupply(v, network.Supply[v]);
        }

        if (solver.Solve() != MinCostFlow.Status.OPTIMAL)
        {
            return false;
        }

        var flows = new long[network.Tail.Length];
        for (var i = 0; i < flows.Length; i++)
        {
            flows[i] = solver.Flow(i);
        }

        var first = arcs.Start[product];
        for (var i = 0; i < network.ArcCount; i++)
        {
            flow[first + i] = (int)flows[i];
        }

        for (var j = 0; j < lines.Length; j++)
        {
            unmet[lines[j]] = (int)flows[network.ArcCount + lots.Length + j];
        }

        if (lotPrice is not null && linePrice is not null)
        {
            ResidualDuals.Assign(network, flows, lots, lines, lotPrice, linePrice);
        }

        return true;
    }
}
