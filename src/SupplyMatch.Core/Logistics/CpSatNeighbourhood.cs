using Google.OrTools.Sat;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// A <see cref="Neighbourhood"/> as a CP-SAT model, built in the fixed order variables -> line rows -> lot rows -> bin rows
/// -> objective -> hint -> solve -> extract, with an explicit worker count, a deterministic time limit (the neighbourhood's
/// work target) and the wall-clock cap. With more than one worker CP-SAT's answer may differ from run to run.
/// </summary>
internal static class CpSatNeighbourhood
{
    public static NeighbourhoodOutcome Solve(Neighbourhood n, double seconds, double deterministicSeconds, int workers, int seed, CancellationToken cancellationToken)
    {
        var model = new CpModel();
        var objective = LinearExpr.NewBuilder();
        var x = n.Upper.Select(u => model.NewIntVar(0, u, string.Empty)).ToArray();
        for (var i = 0; i < x.Length; i++)
        {
            objective.AddTerm(x[i], n.Costs[i]);
            model.AddHint(x[i], n.Hint[i]);
        }

        AddLines(model, objective, n, x);
        AddLots(model, n, x);
        AddBins(model, objective, n, x);
        model.Minimize(objective);
        var solver = new CpSolver
        {
            StringParameters = FormattableString.Invariant(
                $"max_time_in_seconds:{Math.Max(0.01, seconds):0.###} max_deterministic_time:{Math.Max(0.01, deterministicSeconds):0.###} num_workers:{Math.Max(1, workers)} random_seed:{seed} log_search_progress:false"),
        };
        CpSolverStatus status;
        using (cancellationToken.Register(solver.StopSearch))
        {
            status = solver.Solve(model);
        }

        var (variables, constraints) = (model.Model.Variables.Count, model.Model.Constraints.Count);
        var work = (solver.Response?.DeterministicTime ?? 0) * LogisticsSettings.WorkUnitsPerSecond;
        var clockLimited = status != CpSolverStatus.Optimal && solver.WallTime() >= seconds && !cancellationToken.IsCancellationRequested;
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new NeighbourhoodOutcome(n.FreeArcs, null, false, long.MaxValue, long.MinValue, variables, constraints) { Work = work, ClockLimited = clockLimited, Nodes = solver.NumBranches(), Milliseconds = solver.WallTime() * 1000 };
        }

        var offset = n.OutsideFen + n.ConstantFen;
        return new NeighbourhoodOutcome(n.FreeArcs, [.. x.Select(v => (int)solver.Value(v))], status == CpSolverStatus.Optimal,
            offset + (long)Math.Round(solver.ObjectiveValue), offset + (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6), variables, constraints) { Work = work, ClockLimited = clockLimited, Nodes = solver.NumBranches(), Milliseconds = solver.WallTime() * 1000 };
    }

    /// <summary>Demand: served kg &lt;= quantity, each kg served saves the penalty; all-or-nothing lines serve 0 or all.</summary>
    private static void AddLines(CpModel model, LinearExprBuilder objective, Neighbourhood n, IntVar[] x)
    {
        foreach (var line in n.Lines)
        {
            var served = LinearExpr.Sum(line.Members.Select(i => x[i]));
            if (line.Partial)
            {
                model.Add(served <= line.QuantityKg);
                foreach (var i in line.Members)
                {
                    objective.AddTerm(x[i], -line.PenaltyFen);
                }

                continue;
            }

            var whole = model.NewBoolVar(string.Empty);
            model.Add(served == line.QuantityKg * (LinearExpr)whole);
            objective.AddTerm(whole, -line.PenaltyFen * line.QuantityKg);
            model.AddHint(whole, line.ServedWhole ? 1 : 0);
        }
    }

    /// <summary>Supply: free kg &lt;= what the lot has left; minimum order: untouched, or at least the minimum in total.</summary>
    private static void AddLots(CpModel model, Neighbourhood n, IntVar[] x)
    {
        foreach (var lot in n.Lots)
        {
            var sum = LinearExpr.Sum(lot.Members.Select(i => x[i]));
            model.Add(sum <= lot.RestKg);
            if (lot.MinimumKg <= lot.FixedKg)
            {
                continue;
            }

            if (!lot.NeedsSwitch)
            {
                model.Add(sum >= lot.MinimumKg - lot.FixedKg);
                continue;
            }

            var used = model.NewBoolVar(string.Empty);
            model.Add(sum >= lot.MinimumKg * (LinearExpr)used);
            model.Add(sum <= lot.RestKg * (LinearExpr)used);
            model.AddHint(used, lot.Used ? 1 : 0);
        }
    }

    /// <summary>Trucks per bin and vehicle slot cover the bin's kg; envelope cut: truck cost >= the bin's rate x its kg.</summary>
    private static void AddBins(CpModel model, LinearExprBuilder objective, Neighbourhood n, IntVar[] x)
    {
        foreach (var part in n.Bins)
        {
            var cover = part.Bin.Cover;
            var capacity = LinearExpr.NewBuilder();
            var cost = LinearExpr.NewBuilder();
            for (var v = 0; v < cover.Vehicles.Length; v++)
            {
                var trucks = model.NewIntVar(0, (part.MostKg + cover.Capacities[v] - 1) / cover.Capacities[v], string.Empty);
                capacity.AddTerm(trucks, cover.Capacities[v]);
                cost.AddTerm(trucks, cover.Cost(v) * 1000);
                objective.AddTerm(trucks, cover.Cost(v));
                model.AddHint(trucks, part.HintTrucks[v]);
            }

            var load = LinearExpr.NewBuilder().Add(part.FixedKg).AddSum(part.Members.Select(i => x[i]));
            model.Add(capacity >= load);
            model.Add(cost >= part.Bin.RateMilliFen * (LinearExpr)load);
        }
    }
}
