using Google.OrTools.LinearSolver;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// A <see cref="Neighbourhood"/> as a SCIP mixed-integer programme (OR-Tools linear solver), built in the same order as the
/// CP-SAT model and warm-started with the plan (a hint). SCIP runs on one thread; its cuts give far better bounds on this
/// model than CP-SAT's (bench/README.md, "Logistics"). It stops on a node limit, which (unlike its time limit, kept only
/// as a cap) gives the same answer on any machine.
/// </summary>
internal static class ScipNeighbourhood
{
    public static NeighbourhoodOutcome Solve(Neighbourhood n, double seconds, double relativeGap, long nodes, CancellationToken cancellationToken)
    {
        using var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available.");
        var objective = solver.Objective();
        var x = n.Upper.Select(u => solver.MakeIntVar(0, u, string.Empty)).ToArray();
        var hint = new List<(Variable, double)>(x.Select((v, i) => (v, (double)n.Hint[i])));
        for (var i = 0; i < x.Length; i++)
        {
            objective.SetCoefficient(x[i], n.Costs[i]);
        }

        AddLines(solver, n, x, hint);
        AddLots(solver, n, x, hint);
        AddBins(solver, n, x, hint);
        objective.SetOffset(n.OutsideFen + n.ConstantFen);
        objective.SetMinimization();
        solver.SetHint([.. hint.Select(h => h.Item1)], [.. hint.Select(h => h.Item2)]);
        var capMs = (long)(Math.Max(0.01, seconds) * 1000);
        solver.SetTimeLimit(capMs);
        if (nodes < int.MaxValue && !solver.SetSolverSpecificParametersAsString(FormattableString.Invariant($"limits/nodes = {Math.Max(1, nodes)}\n")))
        {
            throw new InvalidOperationException("SCIP did not take its node limit.");
        }
        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, Math.Max(0, relativeGap));
        Solver.ResultStatus status;
        using (cancellationToken.Register(() => solver.InterruptSolve()))
        {
            status = solver.Solve(parameters);
        }

        var (variables, constraints) = (solver.NumVariables(), solver.NumConstraints());
        var entries = variables + constraints;
        var work = WorkClock.ScipUnits(solver.Iterations(), solver.Nodes(), entries);
        var clockLimited = status != Solver.ResultStatus.OPTIMAL && solver.Nodes() < nodes && solver.WallTime() >= capMs && !cancellationToken.IsCancellationRequested;
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
        {
            return new NeighbourhoodOutcome(n.FreeArcs, null, false, long.MaxValue, long.MinValue, variables, constraints) { Work = work, ClockLimited = clockLimited, Iterations = solver.Iterations(), Nodes = solver.Nodes(), Milliseconds = solver.WallTime() };
        }

        return new NeighbourhoodOutcome(n.FreeArcs, [.. x.Select(v => (int)Math.Round(v.SolutionValue()))], status == Solver.ResultStatus.OPTIMAL,
            (long)Math.Round(objective.Value()), (long)Math.Floor(objective.BestBound()), variables, constraints) { Work = work, ClockLimited = clockLimited, Iterations = solver.Iterations(), Nodes = solver.Nodes(), Milliseconds = solver.WallTime() };
    }

    /// <summary>Demand: served kg &lt;= quantity, each kg served saves the penalty; all-or-nothing lines serve 0 or all.</summary>
    private static void AddLines(Solver solver, Neighbourhood n, Variable[] x, List<(Variable, double)> hint)
    {
        foreach (var line in n.Lines)
        {
            var row = solver.MakeConstraint(0, line.QuantityKg, string.Empty);
            foreach (var i in line.Members)
            {
                row.SetCoefficient(x[i], 1);
                solver.Objective().SetCoefficient(x[i], n.Costs[i] - (line.Partial ? line.PenaltyFen : 0));
            }

            if (!line.Partial)
            {
                var whole = solver.MakeBoolVar(string.Empty);
                row.SetBounds(0, 0);
                row.SetCoefficient(whole, -line.QuantityKg);
                solver.Objective().SetCoefficient(whole, -line.PenaltyFen * line.QuantityKg);
                hint.Add((whole, line.ServedWhole ? 1 : 0));
            }
        }
    }

    /// <summary>Supply: free kg &lt;= what the lot has left; minimum order: untouched, or at least the minimum in total.</summary>
    private static void AddLots(Solver solver, Neighbourhood n, Variable[] x, List<(Variable, double)> hint)
    {
        foreach (var lot in n.Lots)
        {
            var low = lot.MinimumKg > lot.FixedKg && lot.FixedKg > 0 ? lot.MinimumKg - lot.FixedKg : 0;
            var row = solver.MakeConstraint(low, lot.RestKg, string.Empty);
            Array.ForEach(lot.Members, i => row.SetCoefficient(x[i], 1));
            if (!lot.NeedsSwitch)
            {
                continue;
            }

            var used = solver.MakeBoolVar(string.Empty);
            var atLeast = solver.MakeConstraint(0, double.PositiveInfinity, string.Empty);
            var atMost = solver.MakeConstraint(double.NegativeInfinity, 0, string.Empty);
            atLeast.SetCoefficient(used, -lot.MinimumKg);
            atMost.SetCoefficient(used, -lot.RestKg);
            foreach (var i in lot.Members)
            {
                atLeast.SetCoefficient(x[i], 1);
                atMost.SetCoefficient(x[i], 1);
            }

            hint.Add((used, lot.Used ? 1 : 0));
        }
    }

    /// <summary>Trucks per bin and vehicle slot cover the bin's kg (SCIP's own cuts did better than the envelope cut here).</summary>
    private static void AddBins(Solver solver, Neighbourhood n, Variable[] x, List<(Variable, double)> hint)
    {
        foreach (var part in n.Bins)
        {
            var cover = part.Bin.Cover;
            var capacity = solver.MakeConstraint(double.NegativeInfinity, -part.FixedKg, string.Empty);
            for (var v = 0; v < cover.Vehicles.Length; v++)
            {
                var trucks = solver.MakeIntVar(0, (part.MostKg + cover.Capacities[v] - 1) / cover.Capacities[v], string.Empty);
                capacity.SetCoefficient(trucks, -cover.Capacities[v]);
                solver.Objective().SetCoefficient(trucks, cover.Cost(v));
                hint.Add((trucks, part.HintTrucks[v]));
            }

            foreach (var i in part.Members)
            {
                capacity.SetCoefficient(x[i], 1);
            }
        }
    }
}
