namespace SupplyMatch.Core.Matching;

/// <summary>All candidate arcs, concatenated by product: product p owns <c>Arcs[Start[p]..Start[p + 1]]</c>.</summary>
internal sealed record ArcSet(Arc[] Arcs, int[] Start, long SameProductPairs, long[] RejectedByReason)
{
    public static ArcSet Concatenate(IReadOnlyList<ProductArcs> products)
    {
        var start = new int[products.Count + 1];
        for (var p = 0; p < products.Count; p++)
        {
            start[p + 1] = start[p] + products[p].Arcs.Length;
        }

        var arcs = new Arc[start[^1]];
        var rejected = new long[Enum.GetValues<UnmetReason>().Length];
        long pairs = 0;
        for (var p = 0; p < products.Count; p++)
        {
            products[p].Arcs.CopyTo(arcs, start[p]);
            pairs += products[p].SameProductPairs;
            for (var r = 0; r < rejected.Length; r++)
            {
                rejected[r] += products[p].RejectedByReason[r];
            }
        }

        return new ArcSet(arcs, start, pairs, rejected);
    }
}
