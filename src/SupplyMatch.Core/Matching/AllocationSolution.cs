namespace SupplyMatch.Core.Matching;

/// <summary>
/// The solver-neutral answer of an allocation solve: integer kg per arc and unmet kg per line, and
/// (when asked) dual prices in fen/kg. Arrays are indexed like the arcs, lots and lines of the index.
/// </summary>
internal sealed class AllocationSolution
{
    public required string Solver { get; init; }

    public required SolveStatus Status { get; init; }

    /// <summary>Allocated kg per arc.</summary>
    public required int[] Flow { get; init; }

    /// <summary>Unmet kg per line.</summary>
    public required int[] Unmet { get; init; }

    /// <summary>Lot shadow price (scarcity rent), fen/kg, >= 0; null when duals were not computed.</summary>
    public double[]? LotPriceFen { get; init; }

    /// <summary>Line shadow price (marginal cost of one more kg), fen/kg; null when duals were not computed.</summary>
    public double[]? LinePriceFen { get; init; }

    /// <summary>Reduced cost per arc, fen/kg, when the solver reports it (LP); else derived from the prices.</summary>
    public double[]? ReducedCostFen { get; init; }

    /// <summary>Objective of the continuous relaxation, CNY.</summary>
    public required decimal LpObjectiveCny { get; init; }

    public required int Variables { get; init; }

    public required int Constraints { get; init; }
}
