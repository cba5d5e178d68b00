namespace SupplyMatch.Core.Logistics;

/// <summary>The outcome of one solve over a set of free lines.</summary>
/// <param name="Flow">New kg per free arc (same order as the free arcs), or null when no solution was found.</param>
/// <param name="BoundFen">The solver's proven lower bound on the whole plan's objective (everything outside fixed), fen.</param>
internal sealed record NeighbourhoodOutcome(int[] FreeArcs, int[]? Flow, bool Optimal, long ObjectiveFen, long BoundFen, int Variables, int Constraints)
{
    /// <summary>Work units the solve took (deterministic: from its simplex iterations, nodes and model size).</summary>
    public double Work { get; init; }

    /// <summary>Whether the solver stopped on its time limit (its answer then depends on the machine).</summary>
    public bool ClockLimited { get; init; }

    /// <summary>Simplex iterations (SCIP; 0 for CP-SAT).</summary>
    public long Iterations { get; init; }

    /// <summary>Branch-and-bound nodes (SCIP) or branches (CP-SAT).</summary>
    public long Nodes { get; init; }

    /// <summary>The solver's wall time, ms (measured, for the record only: nothing decides on it).</summary>
    public double Milliseconds { get; init; }
}

/// <summary>A lot touched by free arcs: its free arcs (positions in the free list), kg fixed elsewhere, kg left, minimum order.</summary>
internal sealed record LotPart(int Lot, int[] Members, long FixedKg, long RestKg, int MinimumKg, bool Used)
{
    /// <summary>Whether the model needs a used/unused switch: a minimum order and no kg fixed elsewhere.</summary>
    public bool NeedsSwitch => MinimumKg > FixedKg && FixedKg == 0;
}

/// <summary>A free line: its free arcs, quantity, penalty per kg, whether it may be partly served, whether the plan serves it whole.</summary>
internal sealed record LinePart(int Line, int[] Members, int QuantityKg, long PenaltyFen, bool Partial, bool ServedWhole);

/// <summary>A bin touched by free arcs: kg fixed elsewhere, the most it can carry, the plan's trucks per vehicle slot.</summary>
internal sealed record BinPart(Bin Bin, int[] Members, long FixedKg, long MostKg, int[] HintTrucks);

/// <summary>
/// The integer model (MODEL.md "Logistics") restricted to the arcs of a set of free lines, with every other arc fixed at
/// the plan's value, in solver-neutral form: with every line free it is the whole integer model over the retained arcs.
/// The objective of a solution is <see cref="OutsideFen"/> + <see cref="ConstantFen"/> + the model's objective.
/// </summary>
internal sealed class Neighbourhood
{
    public Neighbourhood(PlanState state, int[] freeLines)
    {
        var candidates = state.Candidates;
        var index = state.Index;
        var start = candidates.LineStart;
        FreeLines = freeLines;
        FreeArcs = freeLines.SelectMany(d => Enumerable.Range(start[d], start[d + 1] - start[d])).ToArray();
        Hint = FreeArcs.Select(a => state.Flow[a]).ToArray();
        Upper = new long[FreeArcs.Length];
        var members = Enumerable.Range(0, FreeArcs.Length);
        Lots = members.GroupBy(i => candidates.Arcs[FreeArcs[i]].Lot).Select(g =>
        {
            var fixedKg = state.LotUsed[g.Key] - g.Sum(i => (long)Hint[i]);
            var rest = index.Lots[g.Key].QuantityKg - fixedKg;
            foreach (var i in g)
            {
                Upper[i] = Math.Max(0, Math.Min(rest, index.Lines[candidates.Arcs[FreeArcs[i]].Line].QuantityKg));
            }

            return new LotPart(g.Key, [.. g], fixedKg, rest, state.MinOrder(g.Key), state.LotUsed[g.Key] > 0);
        }).ToList();
        var byLine = members.GroupBy(i => candidates.Arcs[FreeArcs[i]].Line).ToDictionary(g => g.Key, g => g.ToArray());
        Lines = freeLines.Select(d => new LinePart(d, byLine.GetValueOrDefault(d, []), index.Lines[d].QuantityKg, index.LinePenaltyFen[d],
            index.Lines[d].PartialAllowed, state.LineServed[d] == index.Lines[d].QuantityKg)).ToList();
        Bins = members.GroupBy(i => candidates.Arcs[FreeArcs[i]].Bin).Select(g =>
        {
            var bin = candidates.Bins[g.Key];
            var fixedKg = state.BinLoad[g.Key] - g.Sum(i => (long)Hint[i]);
            var most = Math.Min(fixedKg + g.Sum(i => Upper[i]), Math.Max(bin.MaxKg, state.BinLoad[g.Key]));
            return new BinPart(bin, [.. g], fixedKg, most, bin.Cover.Cover(state.BinLoad[g.Key]).Count);
        }).ToList();
        ConstantFen = Lines.Sum(l => l.QuantityKg * l.PenaltyFen);
        var inside = FreeArcs.Sum(a => (long)state.Flow[a] * candidates.Arcs[a].KgCostFen)
            + freeLines.Sum(d => (index.Lines[d].QuantityKg - state.LineServed[d]) * index.LinePenaltyFen[d])
            + members.Select(i => candidates.Arcs[FreeArcs[i]].Bin).Distinct().Sum(state.BinTruckFen);
        OutsideFen = state.ObjectiveFen - inside;
        Costs = FreeArcs.Select(a => candidates.Arcs[a].KgCostFen).ToArray();
    }

    public int[] FreeLines { get; }

    /// <summary>
    /// Variables and rows of the model: per free arc a kg variable; per line a row, and a switch for an all-or-nothing line;
    /// per lot a row, and for a minimum order a switch with two rows; per bin a row and a truck count per vehicle type.
    /// </summary>
    public int Entries => FreeArcs.Length + Lines.Count + Lines.Count(l => !l.Partial) + Lots.Count + (3 * Lots.Count(l => l.NeedsSwitch))
        + Bins.Sum(b => 1 + b.Bin.Cover.Vehicles.Length);

    /// <summary>Free arcs (retained-arc positions).</summary>
    public int[] FreeArcs { get; }

    /// <summary>Per-kg cost of each free arc, fen.</summary>
    public int[] Costs { get; }

    /// <summary>The plan's kg on each free arc (the warm start).</summary>
    public int[] Hint { get; }

    /// <summary>Upper bound of each free arc: min(kg its lot has left, its line's quantity).</summary>
    public long[] Upper { get; }

    public List<LotPart> Lots { get; }

    public List<LinePart> Lines { get; }

    public List<BinPart> Bins { get; }

    /// <summary>Σ quantity x penalty of the free lines (their unmet penalty is this minus what the model serves).</summary>
    public long ConstantFen { get; }

    /// <summary>The plan's objective outside the neighbourhood (fixed arcs, other lines, untouched bins), fen.</summary>
    public long OutsideFen { get; }
}
