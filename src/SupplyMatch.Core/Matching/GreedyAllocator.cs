namespace SupplyMatch.Core.Matching;

/// <summary>
/// The spreadsheet baseline a planner would use: take candidate arcs from the cheapest landed price up
/// (urgent lines first on ties) and give each as much as the lot and the line still allow. Feasible, fast,
/// not optimal: the benchmarks quote its cost excess over the optimum.
/// </summary>
internal static class GreedyAllocator
{
    public static AllocationSolution Solve(ProblemIndex index, ArcSet arcs)
    {
        var order = Enumerable.Range(0, arcs.Arcs.Length).ToArray();
        Array.Sort(order, (x, y) =>
        {
            var (a, b) = (arcs.Arcs[x], arcs.Arcs[y]);
            var byPrice = a.LandedFen.CompareTo(b.LandedFen);
            var byPriority = index.Lines[a.Line].Priority.CompareTo(index.Lines[b.Line].Priority);
            return byPrice != 0 ? byPrice : byPriority != 0 ? byPriority : x.CompareTo(y);
        });
        var lotLeft = index.Lots.Select(l => l.QuantityKg).ToArray();
        var unmet = index.Lines.Select(l => l.QuantityKg).ToArray();
        var flow = new int[arcs.Arcs.Length];
        foreach (var a in order)
        {
            var arc = arcs.Arcs[a];
            var kg = Math.Min(lotLeft[arc.Lot], unmet[arc.Line]);
            flow[a] = kg;
            lotLeft[arc.Lot] -= kg;
            unmet[arc.Line] -= kg;
        }

        return new AllocationSolution
        {
            Solver = "greedy",
            Status = SolveStatus.Feasible,
            Flow = flow,
            Unmet = unmet,
            LpObjectiveCny = 0,
            Variables = arcs.Arcs.Length + index.Lines.Length,
            Constraints = index.Lots.Length + index.Lines.Length,
        };
    }
}
