namespace SupplyMatch.Core.Logistics;

/// <summary>
/// The arcs of the integer model and the LP bound, per product in parallel:
/// pass 1 bounds what each bin can carry; pass 2 prices every arc at its bin's envelope rate, keeps the cheapest
/// arc per (lot, line) for the LP and the cheapest few per line for the integer model; the LP (a min-cost flow per
/// product) gives the bound and the warm start; pass 3 adds every path and ship day of the pairs the LP uses.
/// </summary>
internal static class CandidateBuilder
{
    public static Candidates Build(LogisticsNetwork network, LogisticsSettings settings, int workers, CancellationToken cancellationToken)
    {
        var index = network.Index;
        var bins = new BinTable(network);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellationToken };
        var capacity = new Dictionary<long, long>[index.ProductCodes.Length];
        Parallel.For(0, capacity.Length, options, () => new PathScanner(network, settings),
            (p, _, scanner) =>
            {
                capacity[p] = BinCapacity(index, bins, scanner, p);
                return scanner;
            },
            _ => { });
        bins.Build(Merge(capacity));

        var products = new ProductCandidates[index.ProductCodes.Length];
        Parallel.For(0, products.Length, options, () => new PathScanner(network, settings),
            (p, _, scanner) =>
            {
                products[p] = ProductCandidates.Build(index, bins, scanner, p, settings.CandidatesPerLine);
                return scanner;
            },
            _ => { });
        return Candidates.Assemble(index, bins.Bins, products);
    }

    /// <summary>
    /// Per bin of one product: min(kg of the distinct lots with an arc into it, kg of the distinct lines with an arc
    /// into it); no flow of the product through the bin can exceed it.
    /// </summary>
    private static Dictionary<long, long> BinCapacity(Matching.ProblemIndex index, BinTable bins, PathScanner scanner, int product)
    {
        var supply = new Dictionary<long, long>();
        var demand = new Dictionary<long, long>();
        var lotSeen = new HashSet<(long, int)>();
        var lineSeen = new HashSet<long>();
        var buffer = new List<PathArc>();
        foreach (var d in index.LinesByProduct[product])
        {
            buffer.Clear();
            lineSeen.Clear();
            scanner.Scan(d, buffer);
            foreach (var arc in buffer)
            {
                var key = bins.Key(arc);
                if (lineSeen.Add(key))
                {
                    demand[key] = demand.GetValueOrDefault(key) + index.Lines[d].QuantityKg;
                }

                if (lotSeen.Add((key, arc.Lot)))
                {
                    supply[key] = supply.GetValueOrDefault(key) + index.Lots[arc.Lot].QuantityKg;
                }
            }
        }

        return demand.ToDictionary(e => e.Key, e => Math.Min(e.Value, supply[e.Key]));
    }

    private static Dictionary<long, long> Merge(Dictionary<long, long>[] perProduct)
    {
        var total = new Dictionary<long, long>();
        foreach (var product in perProduct)
        {
            foreach (var (key, kg) in product)
            {
                total[key] = total.GetValueOrDefault(key) + kg;
            }
        }

        return total;
    }
}
