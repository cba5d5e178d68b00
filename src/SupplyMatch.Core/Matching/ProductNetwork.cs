namespace SupplyMatch.Core.Matching;

/// <summary>
/// One product's flow network in plain arrays. Arcs: first the candidate arcs (lot -> line), then one
/// lot -> Z arc per lot (unused supply), then one Z -> line arc per line (unmet demand).
/// Nodes: lots 0..L-1, lines L..L+D-1, Z = L+D.
/// </summary>
internal sealed class ProductNetwork
{
    public required int[] Tail { get; init; }

    public required int[] Head { get; init; }

    public required long[] Capacity { get; init; }

    public required long[] Cost { get; init; }

    public required long[] Supply { get; init; }

    /// <summary>Number of candidate (lot -> line) arcs at the start of the arc arrays.</summary>
    public required int ArcCount { get; init; }

    public int NodeCount => Supply.Length;

    public int Z => Supply.Length - 1;

    public static ProductNetwork Build(ProblemIndex index, ArcSet arcs, int product)
    {
        var lots = index.LotsByProduct[product];
        var lines = index.LinesByProduct[product];
        var first = arcs.Start[product];
        var arcCount = arcs.Start[product + 1] - first;
        var total = arcCount + lots.Length + lines.Length;
        var network = new ProductNetwork
        {
            Tail = new int[total],
            Head = new int[total],
            Capacity = new long[total],
            Cost = new long[total],
            Supply = new long[lots.Length + lines.Length + 1],
            ArcCount = arcCount,
        };
        var z = lots.Length + lines.Length;
        for (var i = 0; i < arcCount; i++)
        {
            var arc = arcs.Arcs[first + i];
            var lot = Array.BinarySearch(lots, arc.Lot);
            var line = Array.BinarySearch(lines, arc.Line);
            // Never binding (flow <= min of both quantities), so that the flow's duals are the LP's duals.
            network.Set(i, lot, lots.Length + line, (long)index.Lots[arc.Lot].QuantityKg + index.Lines[arc.Line].QuantityKg, arc.CostFen);
        }

        long supplyKg = 0, demandKg = 0;
        for (var j = 0; j < lots.Length; j++)
        {
            var kg = index.Lots[lots[j]].QuantityKg;
            network.Set(arcCount + j, j, z, kg, 0);
            network.Supply[j] = kg;
            supplyKg += kg;
        }

        for (var j = 0; j < lines.Length; j++)
        {
            var kg = index.Lines[lines[j]].QuantityKg;
            network.Set(arcCount + lots.Length + j, z, lots.Length + j, kg, index.LinePenaltyFen[lines[j]]);
            network.Supply[lots.Length + j] = -kg;
            demandKg += kg;
        }

        network.Supply[z] = demandKg - supplyKg;
        return network;
    }

    private void Set(int arc, int tail, int head, long capacity, long cost)
    {
        Tail[arc] = tail;
        Head[arc] = head;
        Capacity[arc] = capacity;
        Cost[arc] = cost;
    }
}
