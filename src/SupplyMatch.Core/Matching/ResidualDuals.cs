namespace SupplyMatch.Core.Matching;

/// <summary>
/// Dual prices of an optimal min-cost flow: shortest-path distances in the residual network (from a
/// virtual root joined to every node at cost 0) are node potentials with non-negative reduced costs on
/// every residual arc, i.e. an optimal dual solution. Normalised so that Z has price 0, they are the
/// transportation LP's duals: lot rent = dist(lot) - dist(Z), line price = dist(line) - dist(Z); the two
/// one-sided cases (a wholly unused lot, a wholly unmet line) are clamped to the LP's bounds
/// (rent 0, price = penalty), which keeps every reduced cost non-negative.
/// </summary>
internal static class ResidualDuals
{
    public static void Assign(ProductNetwork network, long[] flows, int[] lots, int[] lines, double[] lotPrice, double[] linePrice)
    {
        var dist = ShortestDistances(network, flows);
        var z = dist[network.Z];
        for (var j = 0; j < lots.Length; j++)
        {
            lotPrice[lots[j]] = Math.Max(0, dist[j] - z);
        }

        for (var j = 0; j < lines.Length; j++)
        {
            var unmetArc = network.ArcCount + lots.Length + j;
            var price = (double)(dist[lots.Length + j] - z);
            linePrice[lines[j]] = Math.Min(price, network.Cost[unmetArc]);
        }
    }

    /// <summary>Queue-based Bellman-Ford (SPFA) over the residual arcs; the optimal flow has no negative cycle.</summary>
    private static long[] ShortestDistances(ProductNetwork network, long[] flows)
    {
        var (start, head, cost) = ResidualGraph(network, flows);
        var n = network.NodeCount;
        var dist = new long[n];
        var inQueue = new bool[n];
        var queue = new Queue<int>(n);
        for (var v = 0; v < n; v++)
        {
            queue.Enqueue(v);
            inQueue[v] = true;
        }

        var relaxations = 0L;
        var limit = (long)n * head.Length + 1;
        while (queue.Count > 0)
        {
            var u = queue.Dequeue();
            inQueue[u] = false;
            for (var e = start[u]; e < start[u + 1]; e++)
            {
                var v = head[e];
                var candidate = dist[u] + cost[e];
                if (candidate < dist[v])
                {
                    dist[v] = candidate;
                    if (!inQueue[v])
                    {
                        queue.Enqueue(v);
                        inQueue[v] = true;
                    }
                }
            }

            if (++relaxations > limit)
            {
                throw new InvalidOperationException("Residual network has a negative cycle: the flow is not optimal.");
            }
        }

        return dist;
    }

    /// <summary>Residual arcs in compressed rows: forward where flow &lt; capacity, backward where flow &gt; 0.</summary>
    private static (int[] Start, int[] Head, long[] Cost) ResidualGraph(ProductNetwork network, long[] flows)
    {
        var n = network.NodeCount;
        var degree = new int[n + 1];
        for (var i = 0; i < flows.Length; i++)
        {
            if (flows[i] < network.Capacity[i])
            {
                degree[network.Tail[i] + 1]++;
            }

            if (flows[i] > 0)
            {
                degree[network.Head[i] + 1]++;
            }
        }

        for (var v = 0; v < n; v++)
        {
            degree[v + 1] += degree[v];
        }

        var start = (int[])degree.Clone();
        var next = (int[])degree.Clone();
        var head = new int[degree[n]];
        var cost = new long[degree[n]];
        for (var i = 0; i < flows.Length; i++)
        {
            if (flows[i] < network.Capacity[i])
            {
                var e = next[network.Tail[i]]++;
                head[e] = network.Head[i];
                cost[e] = network.Cost[i];
            }

            if (flows[i] > 0)
            {
                var e = next[network.Head[i]]++;
                head[e] = network.Tail[i];
                cost[e] = -network.Cost[i];
            }
        }

        return (start, head, cost);
    }
}
