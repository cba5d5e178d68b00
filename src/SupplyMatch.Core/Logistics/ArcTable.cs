using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// Every candidate arc of a problem in compact parallel arrays, ordered by product, line, lot, path and ship day, so
/// that the arcs of one (lot, line) pair are contiguous; bins are numbered and indexed (arcs per bin).
/// </summary>
internal sealed class ArcTable
{
    public required int[] Lot { get; init; }

    public required int[] Line { get; init; }

    public required int[] Bin { get; init; }

    /// <summary>Per-kg cost without trucks (<see cref="PathArc.KgCostFen"/>), fen.</summary>
    public required int[] CostFen { get; init; }

    public required byte[] Path { get; init; }

    public required int[] ShipDay { get; init; }

    /// <summary>Pairs of product p are <c>[ProductPairStart[p], ProductPairStart[p + 1])</c>.</summary>
    public required int[] ProductPairStart { get; init; }

    /// <summary>Arcs of pair i are <c>[PairStart[i], PairStart[i + 1])</c>.</summary>
    public required int[] PairStart { get; init; }

    /// <summary>Arcs of bin b are <c>BinArcs[BinStart[b]..BinStart[b + 1]]</c>.</summary>
    public required int[] BinStart { get; init; }

    public required int[] BinArcs { get; init; }

    public required Bin[] Bins { get; init; }

    /// <summary>Furthest filter stage per line (6 = has arcs).</summary>
    public required int[] LineStage { get; init; }

    public int Count => Lot.Length;

    public int Pairs => PairStart.Length - 1;

    public static ArcTable Build(LogisticsNetwork network, LogisticsSettings settings, int workers, CancellationToken cancellationToken)
    {
        var index = network.Index;
        var bins = new BinTable(network);
        var scans = new ProductScan[index.ProductCodes.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellationToken };
        Parallel.For(0, scans.Length, options, () => new PathScanner(network, settings),
            (p, _, scanner) =>
            {
                scans[p] = ProductScan.Run(index, bins, scanner, p);
                return scanner;
            },
            _ => { });
        var capacity = new Dictionary<long, long>();
        foreach (var scan in scans)
        {
            foreach (var (key, kg) in scan.Capacity)
            {
                capacity[key] = capacity.GetValueOrDefault(key) + kg;
            }
        }

        bins.Build(capacity);
        return Assemble(index, bins, scans);
    }

    private static ArcTable Assemble(ProblemIndex index, BinTable bins, ProductScan[] scans)
    {
        var count = scans.Sum(s => s.Lot.Count);
        var pairs = scans.Sum(s => s.PairStart.Count);
        var table = new ArcTable
        {
            Lot = new int[count], Line = new int[count], Bin = new int[count], CostFen = new int[count], Path = new byte[count], ShipDay = new int[count],
            ProductPairStart = new int[scans.Length + 1], PairStart = new int[pairs + 1], BinStart = new int[bins.Bins.Length + 1],
            BinArcs = new int[count], Bins = bins.Bins, LineStage = new int[index.Lines.Length],
        };
        int arc = 0, pair = 0;
        for (var p = 0; p < scans.Length; p++)
        {
            var scan = scans[p];
            table.ProductPairStart[p] = pair;
            foreach (var start in scan.PairStart)
            {
                table.PairStart[pair++] = arc + start;
            }

            for (var i = 0; i < scan.Lot.Count; i++, arc++)
            {
                (table.Lot[arc], table.Line[arc], table.CostFen[arc]) = (scan.Lot[i], scan.Line[i], scan.Cost[i]);
                (table.Path[arc], table.ShipDay[arc], table.Bin[arc]) = (scan.Path[i], scan.ShipDay[i], bins.IndexOf(scan.Key[i]));
            }

            var lines = index.LinesByProduct[p];
            for (var j = 0; j < lines.Length; j++)
            {
                table.LineStage[lines[j]] = scan.Stages[j];
            }
        }

        table.ProductPairStart[scans.Length] = pair;
        table.PairStart[pairs] = count;
        IndexBins(table);
        return table;
    }

    private static void IndexBins(ArcTable table)
    {
        foreach (var b in table.Bin)
        {
            table.BinStart[b + 1]++;
        }

        for (var b = 0; b + 1 < table.BinStart.Length; b++)
        {
            table.BinStart[b + 1] += table.BinStart[b];
        }

        var next = (int[])table.BinStart.Clone();
        for (var a = 0; a < table.Count; a++)
        {
            table.BinArcs[next[table.Bin[a]]++] = a;
        }
    }

    /// <summary>One product's arcs as scanned, bin keys not yet numbered, and what each bin can carry of the product.</summary>
    private sealed class ProductScan
    {
        public List<int> Lot { get; } = [];

        public List<int> Line { get; } = [];

        public List<int> Cost { get; } = [];

        public List<byte> Path { get; } = [];

        public List<int> ShipDay { get; } = [];

        public List<long> Key { get; } = [];

        public List<int> PairStart { get; } = [];

        public Dictionary<long, long> Capacity { get; } = [];

        public int[] Stages { get; private set; } = [];

        /// <summary>
        /// Scans every line of the product. A bin's capacity for the product is min(kg of the distinct lots with an arc
        /// into it, kg of the distinct lines with an arc into it): no flow of the product through the bin can exceed it.
        /// </summary>
        public static ProductScan Run(ProblemIndex index, BinTable bins, PathScanner scanner, int product)
        {
            var scan = new ProductScan();
            var lines = index.LinesByProduct[product];
            var supply = new Dictionary<long, long>();
            var demand = new Dictionary<long, long>();
            var lotSeen = new HashSet<(long, int)>();
            var lineSeen = new HashSet<long>();
            var buffer = new List<PathArc>();
            scan.Stages = new int[lines.Length];
            for (var j = 0; j < lines.Length; j++)
            {
                buffer.Clear();
                lineSeen.Clear();
                scan.Stages[j] = scanner.Scan(lines[j], buffer);
                for (var i = 0; i < buffer.Count; i++)
                {
                    var arc = buffer[i];
                    var key = bins.Key(arc);
                    if (i == 0 || buffer[i - 1].Lot != arc.Lot)
                    {
                        scan.PairStart.Add(scan.Lot.Count);
                    }

                    scan.Add(arc, key);
                    if (lineSeen.Add(key))
                    {
                        demand[key] = demand.GetValueOrDefault(key) + index.Lines[arc.Line].QuantityKg;
                    }

                    if (lotSeen.Add((key, arc.Lot)))
                    {
                        supply[key] = supply.GetValueOrDefault(key) + index.Lots[arc.Lot].QuantityKg;
                    }
                }
            }

            foreach (var (key, kg) in demand)
            {
                scan.Capacity[key] = Math.Min(kg, supply[key]);
            }

            return scan;
        }

        private void Add(in PathArc arc, long key)
        {
            Lot.Add(arc.Lot);
            Line.Add(arc.Line);
            Cost.Add(arc.KgCostFen);
            Path.Add((byte)arc.Path);
            ShipDay.Add(arc.ShipDay);
            Key.Add(key);
        }
    }
}
