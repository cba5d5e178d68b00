using Google.OrTools.LinearSolver;

namespace SupplyMatch.Core.Matching;

/// <summary>
/// Allocation with GLOP. Needed when policy targets couple products; also the cross-check of the flow.
/// A vertex of the transportation polytope is integral, so without policy rows the answer is integral;
/// with them a few arcs may be fractional and are rounded down (the LP objective stays as the bound).
/// </summary>
internal static class LpAllocator
{
    private const double IntegralityTolerance = 1e-6;

    public static AllocationSolution Solve(ProblemIndex index, ArcSet arcs, CancellationToken cancellationToken)
    {
        using var model = LpModel.Build(index, arcs, named: false);
        var solver = model.Solver;
        solver.SetTimeLimit((long)(index.Settings.TimeLimitSeconds * 1000));
        Solver.ResultStatus status;
        using (cancellationToken.Register(() => solver.InterruptSolve()))
        {
            status = solver.Solve();
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            return Failed(index, arcs, model, status);
        }

        var flow = RoundedFlow(index, arcs, model);
        var unmet = index.Lines.Select(l => l.QuantityKg).ToArray();
        for (var a = 0; a < flow.Length; a++)
        {
            unmet[arcs.Arcs[a].Line] -= flow[a];
        }

        var duals = index.Settings.ComputeDuals;
        return new AllocationSolution
        {
            Solver = "lp",
            Status = SolveStatus.Optimal,
            Flow = flow,
            Unmet = unmet,
            LotPriceFen = duals ? model.SupplyRows.Select(r => Math.Max(0, -r.DualValue() * 100)).ToArray() : null,
            LinePriceFen = duals ? model.DemandRows.Select(r => r.DualValue() * 100).ToArray() : null,
            ReducedCostFen = duals ? model.Allocation.Select(x => x.ReducedCost() * 100).ToArray() : null,
            LpObjectiveCny = (decimal)solver.Objective().Value(),
            Variables = solver.NumVariables(),
            Constraints = solver.NumConstraints(),
        };
    }

    /// <summary>
    /// Integral kg from the LP values. Integral values are kept; fractional ones (only next to policy rows) are
    /// rounded down, then each gets back one kg where its lot and line both still have room, largest fraction
    /// first, so rounding never leaves a line short when the LP served it.
    /// </summary>
    private static int[] RoundedFlow(ProblemIndex index, ArcSet arcs, LpModel model)
    {
        var flow = new int[arcs.Arcs.Length];
        var fractional = new List<(int Arc, double Fraction)>();
        var lotLeft = index.Lots.Select(l => (long)l.QuantityKg).ToArray();
        var lineLeft = index.Lines.Select(l => (long)l.QuantityKg).ToArray();
        for (var a = 0; a < flow.Length; a++)
        {
            var value = Math.Max(0, model.Allocation[a].SolutionValue());
            var nearest = Math.Round(value);
            flow[a] = (int)(Math.Abs(value - nearest) <= IntegralityTolerance ? nearest : Math.Floor(value));
            if (flow[a] != nearest)
            {
                fractional.Add((a, value - flow[a]));
            }

            lotLeft[arcs.Arcs[a].Lot] -= flow[a];
            lineLeft[arcs.Arcs[a].Line] -= flow[a];
        }

        TrimOvershoot(arcs, flow, lotLeft, lineLeft);
        foreach (var (a, _) in fractional.OrderByDescending(f => f.Fraction).ThenBy(f => f.Arc))
        {
            var arc = arcs.Arcs[a];
            if (lotLeft[arc.Lot] > 0 && lineLeft[arc.Line] > 0)
            {
                flow[a]++;
                lotLeft[arc.Lot]--;
                lineLeft[arc.Line]--;
            }
        }

        return flow;
    }

    /// <summary>Rounding to the nearest integer can overshoot a row by a tolerance-sized step: trim it back.</summary>
    private static void TrimOvershoot(ArcSet arcs, int[] flow, long[] lotLeft, long[] lineLeft)
    {
        for (var a = 0; a < flow.Length; a++)
        {
            var arc = arcs.Arcs[a];
            var cut = (int)Math.Min(Math.Max(0, Math.Max(-lotLeft[arc.Lot], -lineLeft[arc.Line])), flow[a]);
            flow[a] -= cut;
            lotLeft[arc.Lot] += cut;
            lineLeft[arc.Line] += cut;
        }
    }

    private static AllocationSolution Failed(ProblemIndex index, ArcSet arcs, LpModel model, Solver.ResultStatus status) => new()
    {
        Solver = "lp",
        Status = status == Solver.ResultStatus.INFEASIBLE ? SolveStatus.Infeasible : SolveStatus.NotSolved,
        Flow = new int[arcs.Arcs.Length],
        Unmet = index.Lines.Select(l => l.QuantityKg).ToArray(),
        LpObjectiveCny = 0,
        Variables = model.Solver.NumVariables(),
        Constraints = model.Solver.NumConstraints(),
    };
}
