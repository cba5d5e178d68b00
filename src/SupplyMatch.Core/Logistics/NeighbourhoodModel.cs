using Google.OrTools.Sat;

namespace SupplyMatch.Core.Logistics;

/// <summary>The outcome of one CP-SAT solve over a set of free lines.</summary>
/// <param name="Flow">New kg per free arc (same order as the free arcs), or null when no solution was found.</param>
/// <param name="BoundFen">CP-SAT's proven lower bound on the whole plan's objective (with everything outside fixed), fen.</param>
internal sealed record NeighbourhoodOutcome(int[] FreeArcs, int[]? Flow, bool Optimal, long ObjectiveFen, long BoundFen, int Variables, int Constraints);

/// <summary>
/// The integer model (MODEL.md "Logistics") restricted to the arcs of a set of free lines, with every other arc fixed
/// at the plan's value. Built in the fixed order data -> variables -> constraints -> objective -> hint -> solve -> extract.
/// With every line free it is the full integer model over the retained arcs.
/// </summary>
internal sealed class NeighbourhoodModel
{
    private readonly PlanState _state;
    private readonly CpModel _model = new();
    private readonly int[] _free;
    private readonly IntVar[] _x;
    private readonly long[] _upper;
    private readonly int[] _freeLines;
    private readonly Dictionary<int, List<int>> _lotFree = [];
    private readonly Dictionary<int, List<int>> _binFree = [];
    private readonly LinearExprBuilder _objective = LinearExpr.NewBuilder();
    private long _constantFen;

    private NeighbourhoodModel(PlanState state, int[] freeLines)
    {
        _state = state;
        var start = state.Candidates.LineStart;
        _free = freeLines.SelectMany(d => Enumerable.Range(start[d], start[d + 1] - start[d])).ToArray();
        _x = new IntVar[_free.Length];
        _upper = new long[_free.Length];
        _freeLines = freeLines;
        for (var i = 0; i < _free.Length; i++)
        {
            var arc = state.Candidates.Arcs[_free[i]];
            Bucket(_lotFree, arc.Lot).Add(i);
            Bucket(_binFree, arc.Bin).Add(i);
        }
    }

    /// <summary>Builds and solves the model of <paramref name="freeLines"/> under the plan <paramref name="state"/>.</summary>
    public static NeighbourhoodOutcome Solve(PlanState state, int[] freeLines, double seconds, int workers, int seed, CancellationToken cancellationToken)
    {
        var model = new NeighbourhoodModel(state, freeLines);
        model.AddArcVariables();
        model.AddLineRows();
        model.AddLotRows();
        model.AddBinRows();
        model._model.Minimize(model._objective);
        return model.Run(seconds, workers, seed, cancellationToken);
    }

    /// <summary>x[a] in [0, min(lot kg left by fixed arcs, line kg)] at the arc's per-kg cost.</summary>
    private void AddArcVariables()
    {
        var index = _state.Index;
        foreach (var (lot, members) in _lotFree)
        {
            var fixedKg = _state.LotUsed[lot] - members.Sum(i => (long)_state.Flow[_free[i]]);
            foreach (var i in members)
            {
                var arc = _state.Candidates.Arcs[_free[i]];
                _upper[i] = Math.Max(0, Math.Min(index.Lots[lot].QuantityKg - fixedKg, index.Lines[arc.Line].QuantityKg));
                _x[i] = _model.NewIntVar(0, _upper[i], string.Empty);
                _objective.AddTerm(_x[i], arc.KgCostFen);
                _model.AddHint(_x[i], _state.Flow[_free[i]]);
            }
        }
    }

    /// <summary>Demand: served kg &lt;= quantity, unmet kg at the line's penalty; all-or-nothing lines serve 0 or all.</summary>
    private void AddLineRows()
    {
        var index = _state.Index;
        var byLine = Enumerable.Range(0, _free.Length).GroupBy(i => _state.Candidates.Arcs[_free[i]].Line).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var d in _freeLines)
        {
            var line = index.Lines[d];
            var penalty = index.LinePenaltyFen[d];
            _constantFen += line.QuantityKg * penalty;
            var members = byLine.GetValueOrDefault(d, []);
            var served = LinearExpr.Sum(members.Select(i => _x[i]));
            if (line.PartialAllowed)
            {
                _model.Add(served <= line.QuantityKg);
                foreach (var i in members)
                {
                    _objective.AddTerm(_x[i], -penalty);
                }

                continue;
            }

            var whole = _model.NewBoolVar(string.Empty);
            _model.Add(served == line.QuantityKg * (LinearExpr)whole);
            _objective.AddTerm(whole, -penalty * line.QuantityKg);
            _model.AddHint(whole, _state.LineServed[d] == line.QuantityKg ? 1 : 0);
        }
    }

    /// <summary>Supply: fixed + free kg &lt;= quantity (by the bounds); minimum order: a lot is untouched or sells at least its minimum.</summary>
    private void AddLotRows()
    {
        var index = _state.Index;
        foreach (var (lot, members) in _lotFree)
        {
            var free = members.Select(i => _x[i]).ToArray();
            var fixedKg = _state.LotUsed[lot] - members.Sum(i => (long)_state.Flow[_free[i]]);
            var rest = index.Lots[lot].QuantityKg - fixedKg;
            var sum = LinearExpr.Sum(free);
            _model.Add(sum <= rest);
            var minimum = _state.MinOrder(lot);
            if (minimum <= fixedKg)
            {
                continue;
            }

            if (fixedKg > 0)
            {
                _model.Add(sum >= minimum - fixedKg);
                continue;
            }

            var used = _model.NewBoolVar(string.Empty);
            _model.Add(sum >= minimum * (LinearExpr)used);
            _model.Add(sum <= rest * (LinearExpr)used);
            _model.AddHint(used, _state.LotUsed[lot] > 0 ? 1 : 0);
        }
    }

    /// <summary>
    /// Trucks: per bin and vehicle type an integer count whose capacity covers the bin's fixed plus free kg; and the
    /// envelope cut: truck cost >= the bin's envelope rate x its load (valid for every load the bin can carry).
    /// </summary>
    private void AddBinRows()
    {
        foreach (var (b, members) in _binFree)
        {
            var bin = _state.Candidates.Bins[b];
            var cover = bin.Cover;
            var fixedKg = _state.BinLoad[b] - members.Sum(i => (long)_state.Flow[_free[i]]);
            var most = fixedKg + members.Sum(i => _upper[i]);
            most = Math.Min(most, Math.Max(bin.MaxKg, _state.BinLoad[b]));
            var hint = cover.Cover(_state.BinLoad[b]).Count;
            var capacity = LinearExpr.NewBuilder();
            var cost = LinearExpr.NewBuilder();
            for (var v = 0; v < cover.Vehicles.Length; v++)
            {
                var trucks = _model.NewIntVar(0, (most + cover.Capacities[v] - 1) / cover.Capacities[v], string.Empty);
                capacity.AddTerm(trucks, cover.Capacities[v]);
                cost.AddTerm(trucks, cover.Cost(v) * 1000);
                _objective.AddTerm(trucks, cover.Cost(v));
                _model.AddHint(trucks, hint[v]);
            }

            var load = LinearExpr.NewBuilder().Add(fixedKg).AddSum(members.Select(i => _x[i]));
            _model.Add(capacity >= load);
            _model.Add(cost >= bin.RateMilliFen * (LinearExpr)load);
        }
    }

    private NeighbourhoodOutcome Run(double seconds, int workers, int seed, CancellationToken cancellationToken)
    {
        var outside = _state.ObjectiveFen - InsideFen();
        var solver = new CpSolver
        {
            StringParameters = $"max_time_in_seconds:{Math.Max(0.01, seconds):0.###} num_workers:{Math.Max(1, workers)} random_seed:{seed} log_search_progress:false",
        };
        CpSolverStatus status;
        using (cancellationToken.Register(solver.StopSearch))
        {
            status = solver.Solve(_model);
        }

        var variables = _model.Model.Variables.Count;
        var constraints = _model.Model.Constraints.Count;
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new NeighbourhoodOutcome(_free, null, false, _state.ObjectiveFen, long.MinValue, variables, constraints);
        }

        var flow = _x.Select(x => (int)solver.Value(x)).ToArray();
        return new NeighbourhoodOutcome(_free, flow, status == CpSolverStatus.Optimal,
            outside + _constantFen + (long)Math.Round(solver.ObjectiveValue), outside + _constantFen + (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6),
            variables, constraints);
    }

    /// <summary>The part of the plan's objective the model re-decides: free arcs, free lines' unmet kg, touched bins' trucks.</summary>
    private long InsideFen()
    {
        var fen = 0L;
        foreach (var a in _free)
        {
            fen += (long)_state.Flow[a] * _state.Candidates.Arcs[a].KgCostFen;
        }

        foreach (var d in _freeLines)
        {
            fen += (_state.Index.Lines[d].QuantityKg - _state.LineServed[d]) * _state.Index.LinePenaltyFen[d];
        }

        return fen + _binFree.Keys.Sum(_state.BinTruckFen);
    }

    private static List<int> Bucket(Dictionary<int, List<int>> buckets, int key)
    {
        if (!buckets.TryGetValue(key, out var list))
        {
            list = [];
            buckets[key] = list;
        }

        return list;
    }
}
