using System.Diagnostics;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Logistics;

/// <summary>How the improvement went: the engine used, the best bound and the trace of the objective.</summary>
internal sealed record SearchReport(string Solver, long BestBoundFen, int Neighbourhoods, int Improvements, int Variables, int Constraints, IReadOnlyList<GapPoint> Trace, IReadOnlyList<SolveCost> Solves);

/// <summary>
/// Improves a feasible plan with SCIP or CP-SAT: one model over every candidate arc when the model kept them all and is
/// small (its solver bound is then a bound on the whole problem), followed by neighbourhoods on the work it leaves;
/// otherwise LP-guided large-neighbourhood search alone (re-optimise groups of lines with everything else fixed, keep what
/// is cheaper, adapt the group size to what the solver proves within its node limit), until the work limit or the target gap.
/// Every stop is on work, not on time (<see cref="WorkClock"/>), so the same plan comes out of the same input.
/// </summary>
internal sealed class PlanSearch(PlanState state, LogisticsSettings settings, Stopwatch clock, WorkClock work, int workers, long bound, List<GapPoint> trace)
{
    /// <summary>The fewest free arcs a neighbourhood is sized to.</summary>
    private const int MinArcs = 50;

    /// <summary>Times a neighbourhood too large for its work target is picked again, smaller.</summary>
    private const int MaxRepicks = 3;

    /// <summary>A round of neighbourhoods starts only when the work left pays for at least this node limit.</summary>
    private const long MinRoundNodes = 5;

    private readonly List<GapPoint> _trace = trace;
    private readonly List<SolveCost> _solves = [];
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
        var solver = settings.Solver == MipSolver.Scip ? "scip" : "cp-sat";
        switch (settings.Engine)
        {
            case LogisticsEngine.RoundedLp:
                return Report("rounded-lp", 0, 0);
            case LogisticsEngine.FullModel:
                var (solved, improved) = FullModel(cancellationToken);
                return Report(solver, solved, improved);
            case LogisticsEngine.Auto when state.Candidates.Complete && state.Candidates.Arcs.Length <= settings.FullModelMaxArcs:
                var (model, better) = FullModel(cancellationToken);
                var (count, improvements) = Neighbourhoods(cancellationToken);
                return Report(count == 0 ? solver : $"{solver}+lns", model + count, better + improvements);
            default:
                var (neighbourhoods, lower) = Neighbourhoods(cancellationToken);
                return Report($"{solver}-lns", neighbourhoods, lower);
        }
    }

    private double GapPercent => LogisticsPlanner.GapPercent(state.ObjectiveFen, _bound);

    private bool GoOn(CancellationToken cancellationToken) =>
        GapPercent > settings.TargetGapPercent && !cancellationToken.IsCancellationRequested && work.Before(work.Limit);

    /// <summary>
    /// Every line with arcs free at once, with as many nodes as the work left pays for; the solver's bound counts when the
    /// model kept every candidate arc. Returns 1 for each: the model was solved (not when the plan already met the target
    /// gap), the plan got cheaper.
    /// </summary>
    private (int Solved, int Improved) FullModel(CancellationToken cancellationToken)
    {
        var (solved, improved) = (0, 0);
        var lines = Enumerable.Range(0, state.Index.Lines.Length).Where(d => state.Candidates.LineStart[d + 1] > state.Candidates.LineStart[d]).ToArray();
        if (lines.Length > 0 && GoOn(cancellationToken))
        {
            var start = state.ObjectiveFen;
            var neighbourhood = new Neighbourhood(state, lines);
            var nodes = (long)Math.Max(1, work.Left / (Math.Max(1, neighbourhood.Entries) * WorkClock.PerFullModelNodeEntry));
            var outcome = Solve(neighbourhood, work.SecondsLeft, settings.Seed, settings.TargetGapPercent / 100, (nodes, work.Left / LogisticsSettings.WorkUnitsPerSecond), cancellationToken);
            work.Charge(outcome.Work);
            Log(outcome, 1, true);
            (solved, improved) = (1, Apply(outcome, start) ? 1 : 0);
            if (state.Candidates.Complete && outcome.BoundFen > _bound)
            {
                _bound = Math.Min(outcome.BoundFen, state.ObjectiveFen);
                Record();
            }
        }

        return (solved, improved);
    }

    /// <summary>
    /// Rounds of neighbourhoods: with SCIP (one thread per solve) one neighbourhood per worker, on disjoint lines, picked
    /// from the same plan and solved at once; their answers are applied in the order picked, each only if the plan as it
    /// is then gets cheaper. The outcome does not depend on which solve finishes first.
    /// </summary>
    private (int Neighbourhoods, int Improvements) Neighbourhoods(CancellationToken cancellationToken)
    {
        var picker = new NeighbourhoodPicker(state, settings.Seed);
        var lanes = settings.Solver == MipSolver.Scip ? Math.Max(1, workers) : 1;
        var target = settings.NeighbourhoodSeconds * LogisticsSettings.WorkUnitsPerSecond;
        var budget = Math.Max(MinArcs, settings.NeighbourhoodArcs);
        int count = 0, improvements = 0;
        while (!picker.Empty && GoOn(cancellationToken))
        {
            var busy = new HashSet<int>();
            var round = new Neighbourhood[lanes];
            for (var k = 0; k < lanes; k++)
            {
                round[k] = Pick(picker, ref budget, busy, target);
                busy.UnionWith(round[k].FreeLines);
            }

            var nodes = Math.Min(settings.NeighbourhoodNodes, (long)(work.Left / (Math.Max(1, round.Max(n => n.Entries)) * WorkClock.PerNeighbourhoodNodeEntry)));
            if (nodes < MinRoundNodes)
            {
                break;
            }

            var start = state.ObjectiveFen;
            var cap = Math.Min(Math.Max(10 * settings.NeighbourhoodSeconds, 3), work.SecondsLeft);
            var outcomes = new NeighbourhoodOutcome[lanes];
            var seed = settings.Seed + count;
            Parallel.For(0, lanes, new ParallelOptions { MaxDegreeOfParallelism = lanes }, k =>
                outcomes[k] = Solve(round[k], cap, seed + k, 0, (nodes, settings.NeighbourhoodSeconds), cancellationToken));
            work.Charge(outcomes.Max(o => o.Work) * (lanes > 1 ? WorkClock.AtOnceSlowdown : 1));
            foreach (var outcome in outcomes)
            {
                Log(outcome, lanes, false);
                count++;
                improvements += Apply(outcome, start) ? 1 : 0;
                budget = outcome.Optimal && outcome.Work < target / 2 ? Math.Min(state.Candidates.Arcs.Length, (int)(budget * 1.25) + 1)
                    : outcome.Optimal && outcome.Work <= target ? budget
                    : Math.Max(MinArcs, (int)(budget * 0.8));
            }
        }

        return (count, improvements);
    }

    /// <summary>
    /// The next neighbourhood of about <paramref name="budget"/> free arcs. When the work its model size foretells at the
    /// full node limit is more than twice <paramref name="target"/> (bins with many vehicle types make a model large for its
    /// arcs), the budget shrinks to fit the target and the lines are picked again, at most <see cref="MaxRepicks"/> times.
    /// </summary>
    private Neighbourhood Pick(NeighbourhoodPicker picker, ref int budget, IReadOnlySet<int> busy, double target)
    {
        var neighbourhood = new Neighbourhood(state, picker.Pick(budget, busy));
        for (var tries = 0; tries < MaxRepicks && budget > MinArcs; tries++)
        {
            var foretold = neighbourhood.Entries * WorkClock.PerNeighbourhoodNodeEntry * settings.NeighbourhoodNodes;
            if (foretold <= 2 * target)
            {
                break;
            }

            budget = Math.Max(MinArcs, (int)(budget * target / foretold));
            neighbourhood = new Neighbourhood(state, picker.Pick(budget, busy));
        }

        return neighbourhood;
    }

    /// <summary>
    /// One solve (its work is for the caller to charge: a round of parallel solves takes as long as its longest, each slowed by the others): SCIP stops on the node limit, CP-SAT on the work limit in seconds of its
    /// deterministic time; both at the latest after <paramref name="seconds"/> of the clock.
    /// </summary>
    private NeighbourhoodOutcome Solve(Neighbourhood neighbourhood, double seconds, int seed, double relativeGap, (long Nodes, double Work) limits, CancellationToken cancellationToken)
    {
        var outcome = settings.Solver == MipSolver.Scip
            ? ScipNeighbourhood.Solve(neighbourhood, seconds, relativeGap, limits.Nodes, cancellationToken)
            : CpSatNeighbourhood.Solve(neighbourhood, seconds, limits.Work, workers, seed, cancellationToken);
        if (outcome.ClockLimited)
        {
            work.MarkClockLimited();
        }

        return outcome;
    }

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

    private void Log(NeighbourhoodOutcome outcome, int atOnce, bool wholeModel) => _solves.Add(new SolveCost(
        outcome.Variables + outcome.Constraints, outcome.Iterations, outcome.Nodes, outcome.Milliseconds, atOnce, outcome.Work, wholeModel));

    public void Record() => _trace.Add(new GapPoint(
        Math.Round(clock.Elapsed.TotalSeconds, 3), Money.ToCny(state.ObjectiveFen), Money.ToCny(_bound == long.MinValue ? 0 : _bound), Math.Round(GapPercent, 4)));

    private SearchReport Report(string solver, int neighbourhoods, int improvements) =>
        new(solver, _bound, neighbourhoods, improvements, _variables, _constraints, _trace, _solves);
}
