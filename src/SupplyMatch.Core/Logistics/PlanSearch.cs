using System.Diagnostics;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Logistics;

/// <summary>How the improvement went: the engine used, the best bound and the trace of the objective.</summary>
internal sealed record SearchReport(string Solver, long BestBoundFen, int Neighbourhoods, int Improvements, int Variables, int Constraints, IReadOnlyList<GapPoint> Trace);

/// <summary>
/// Improves a feasible plan with SCIP or CP-SAT: one model over every retained arc when it is small, otherwise
/// LP-guided large-neighbourhood search (re-optimise a group of lines with everything else fixed, keep it if it
/// is cheaper, adapt the group size to what the solver proves in time), until the time limit or the target gap.
/// </summary>
internal sealed class PlanSearch(PlanState state, LogisticsSettings settings, Stopwatch clock, double seconds, int workers, long bound, List<GapPoint> trace)
{
    private readonly List<GapPoint> _trace = trace;
    private long _bound = bound;
    private int _variables;
    private int _constraints;

    /// <summary>Takes a better proven bound (from the Lagrangian) and records it in the trace.</summary>
    public void RaiseBound(long bound)
    {
        _bound = Math.Max(_bound, bound);
        Record();
    }

    public SearchReport Run(CancellationToken cancellationToken)
    {
        var engine = settings.Engine == LogisticsEngine.Auto
            ? state.Candidates.Arcs.Length <= settings.FullModelMaxArcs ? LogisticsEngine.FullModel : LogisticsEngine.NeighbourhoodSearch
            : settings.Engine;
        return engine switch
        {
            LogisticsEngine.RoundedLp => Report("rounded-lp", 0, 0),
            LogisticsEngine.FullModel => FullModel(cancellationToken),
            _ => Neighbourhoods(cancellationToken),
        };
    }

    private double Remaining => seconds - clock.Elapsed.TotalSeconds;

    private double GapPercent => LogisticsPlanner.GapPercent(state.ObjectiveFen, _bound);

    /// <summary>Every line with arcs free at once; the solver's bound counts when the model kept every candidate arc.</summary>
    private SearchReport FullModel(CancellationToken cancellationToken)
    {
        var lines = Enumerable.Range(0, state.Index.Lines.Length).Where(d => state.Candidates.LineStart[d + 1] > state.Candidates.LineStart[d]).ToArray();
        if (lines.Length > 0 && Remaining > 0 && GapPercent > settings.TargetGapPercent)
        {
            var start = state.ObjectiveFen;
            var outcome = Solve(new Neighbourhood(state, lines), Remaining, settings.Seed, settings.TargetGapPercent / 100, cancellationToken);
            Apply(outcome, start);
            if (state.Candidates.Complete && outcome.BoundFen > _bound)
            {
                _bound = Math.Min(outcome.BoundFen, state.ObjectiveFen);
                Record();
            }
        }

        return Report(settings.Solver == MipSolver.Scip ? "scip" : "cp-sat", 1, 0);
    }

    /// <summary>
    /// Neighbourhoods one after another, or with SCIP (one thread per solve) on as many lanes as there are workers: each
    /// lane picks lines no other lane holds, solves them outside the lock and applies the answer only if the whole plan
    /// gets cheaper.
    /// </summary>
    private SearchReport Neighbourhoods(CancellationToken cancellationToken)
    {
        var loop = new NeighbourhoodLoop(new NeighbourhoodPicker(state, settings.Seed), Math.Max(50, settings.NeighbourhoodArcs));
        var lanes = settings.Solver == MipSolver.Scip ? Math.Max(1, workers) : 1;
        if (lanes == 1)
        {
            Lane(loop, cancellationToken);
        }
        else
        {
            Task.WaitAll([.. Enumerable.Range(0, lanes).Select(_ => Task.Factory.StartNew(() => Lane(loop, cancellationToken), TaskCreationOptions.LongRunning))]);
        }

        return Report(settings.Solver == MipSolver.Scip ? "scip-lns" : "cp-sat-lns", loop.Count, loop.Improvements);
    }

    private void Lane(NeighbourhoodLoop loop, CancellationToken cancellationToken)
    {
        while (true)
        {
            Neighbourhood neighbourhood;
            (long Objective, int Seed, double Limit) start;
            lock (loop)
            {
                if (loop.Picker.Empty || Remaining <= 0.05 || GapPercent <= settings.TargetGapPercent || cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                neighbourhood = new Neighbourhood(state, loop.Picker.Pick(loop.Budget, loop.Busy));
                loop.Busy.UnionWith(neighbourhood.FreeLines);
                start = (state.ObjectiveFen, settings.Seed + loop.Count++, Math.Min(settings.NeighbourhoodSeconds, Remaining));
            }

            var started = clock.Elapsed.TotalSeconds;
            var outcome = Solve(neighbourhood, start.Limit, start.Seed, 0, cancellationToken);
            lock (loop)
            {
                loop.Busy.ExceptWith(neighbourhood.FreeLines);
                loop.Improvements += Apply(outcome, start.Objective) ? 1 : 0;
                var fast = outcome.Optimal && clock.Elapsed.TotalSeconds - started < start.Limit / 2;
                loop.Budget = fast ? Math.Min(state.Candidates.Arcs.Length, (int)(loop.Budget * 1.25) + 1) : outcome.Optimal ? loop.Budget : Math.Max(50, (int)(loop.Budget * 0.8));
            }
        }
    }

    /// <summary>What the lanes of the neighbourhood search share (guarded by locking the loop itself).</summary>
    private sealed class NeighbourhoodLoop(NeighbourhoodPicker picker, int budget)
    {
        public NeighbourhoodPicker Picker { get; } = picker;

        /// <summary>Lines free in a neighbourhood being solved.</summary>
        public HashSet<int> Busy { get; } = [];

        /// <summary>Free arcs of the next neighbourhood (grows when solves finish early, shrinks when they time out).</summary>
        public int Budget { get; set; } = budget;

        public int Count { get; set; }

        public int Improvements { get; set; }
    }

    private NeighbourhoodOutcome Solve(Neighbourhood neighbourhood, double seconds, int seed, double relativeGap, CancellationToken cancellationToken) =>
        settings.Solver == MipSolver.Scip
            ? ScipNeighbourhood.Solve(neighbourhood, seconds, relativeGap, cancellationToken)
            : CpSatNeighbourhood.Solve(neighbourhood, seconds, workers, seed, cancellationToken);

    /// <summary>
    /// Takes the neighbourhood's flows when the solver found them cheaper than the plan it started from
    /// (<paramref name="startFen"/>) and they lower the objective of the plan as it is now; trucks are re-covered exactly.
    /// </summary>
    private bool Apply(NeighbourhoodOutcome outcome, long startFen)
    {
        _variables = Math.Max(_variables, outcome.Variables);
        _constraints = Math.Max(_constraints, outcome.Constraints);
        if (outcome.Flow is null || outcome.ObjectiveFen >= startFen)
        {
            return false;
        }

        var before = state.ObjectiveFen;
        var previous = outcome.FreeArcs.Select(a => state.Flow[a]).ToArray();
        for (var i = 0; i < outcome.FreeArcs.Length; i++)
        {
            state.Set(outcome.FreeArcs[i], outcome.Flow[i]);
        }

        if (state.ObjectiveFen >= before || !state.MeetsIntegerConditions() || !state.WithinQuantities(outcome.FreeArcs))
        {
            for (var i = 0; i < outcome.FreeArcs.Length; i++)
            {
                state.Set(outcome.FreeArcs[i], previous[i]);
            }

            return false;
        }

        Record();
        return true;
    }

    public void Record() => _trace.Add(new GapPoint(
        Math.Round(clock.Elapsed.TotalSeconds, 3), Money.ToCny(state.ObjectiveFen), Money.ToCny(_bound == long.MinValue ? 0 : _bound), Math.Round(GapPercent, 4)));

    private SearchReport Report(string solver, int neighbourhoods, int improvements) =>
        new(solver, _bound, neighbourhoods, improvements, _variables, _constraints, _trace);
}
