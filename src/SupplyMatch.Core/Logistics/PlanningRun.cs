using System.Diagnostics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// One planning run: its phases in order, the work clock (each phase gets a share of the work left after the LP), the
/// bounds and the plan they produce.
/// </summary>
internal sealed class PlanningRun
{
    private readonly LogisticsSettings _settings;
    private readonly CancellationToken _cancellation;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _workers;
    private readonly double _seconds;
    private readonly ProblemIndex _index;
    private readonly LogisticsNetwork _network;
    private readonly List<GapPoint> _trace = [];
    private readonly double[] _phaseMs = new double[5];
    private readonly long[] _phaseUnits = new long[5];
    private readonly WorkClock _work;
    private ArcTable? _table;
    private RelaxedSolution? _lp;
    private PlanState? _state;
    private PlanSearch? _search;
    private SearchReport? _report;
    private long _budgetAfterLp;
    private long _bound = long.MinValue;
    private long? _lpBound;
    private long? _lagrangian;
    private long _startFen;
    private int _slopeIterations;
    private int _boundIterations;
    private int _localMoves;

    public PlanningRun(MatchingProblem problem, LogisticsSettings settings, CancellationToken cancellationToken)
    {
        _settings = settings;
        _cancellation = cancellationToken;
        _workers = Math.Max(1, settings.Workers ?? problem.Settings.Workers);
        _seconds = settings.TimeLimitSeconds ?? problem.Settings.TimeLimitSeconds;
        _index = new ProblemIndex(problem);
        _network = new LogisticsNetwork(_index, settings);
        _work = new WorkClock(settings.WorkLimit ?? (long)(_seconds * LogisticsSettings.WorkUnitsPerSecond), _clock, _seconds);
    }

    private PlanState State => _state ?? throw new InvalidOperationException("The start plan is not built yet.");

    public void BuildCandidates()
    {
        _table = ArcTable.Build(_network, _settings, _workers, _cancellation);
        _work.Charge(_table.Count * WorkClock.CandidatesPerArc);
        Mark(0);
    }

    /// <summary>The LP with every bin at its envelope rate: the first bound, and duals for the Lagrangian.</summary>
    public void SolveLp()
    {
        var table = _table!;
        _lp = Relaxation.Solve(_index, table, table.Bins.Select(b => b.RateMilliFen).ToArray(), duals: true, _workers, _cancellation);
        _lpBound = _lp.Solved ? _lp.ObjectiveMilliFen / 1000 : null;
        _bound = _lpBound ?? long.MinValue;
        _work.Charge(table.Count * WorkClock.LpPerArc);
        _budgetAfterLp = _work.Left;
        Mark(1);
    }

    /// <summary>Slope scaling from the LP answer, the retained arcs, and the start plan repaired and refilled.</summary>
    public void BuildStart()
    {
        var table = _table!;
        var until = _settings.Engine == LogisticsEngine.RoundedLp ? 0 : _work.MarkAfter(_budgetAfterLp, _settings.SlopeScalingShare);
        var envelope = table.Bins.Select(b => b.RateMilliFen).ToArray();
        var (plan, rates, iterations) = SlopeScaling.Run(_index, table, _lp!, envelope, (_work, until), _workers, _cancellation);
        _slopeIterations = iterations;
        var candidates = Candidates.Select(_network, _settings, table, plan, rates);
        _work.Charge(table.Count * WorkClock.StartPlanPerArc);
        _state = WarmStart.FromFlow(_index, candidates, candidates.InitialFlow);
        _startFen = _state.ObjectiveFen;
        _search = new PlanSearch(_state, _settings, _clock, _work, _workers, _bound, _trace);
        _search.Record();
    }

    /// <summary>The start plan as slope scaling and the warm start left it (before local search): its index, arcs and flows.</summary>
    public (ProblemIndex Index, Candidates Candidates, int[] Flow) Start => (_index, State.Candidates, State.Flow);

    /// <summary>The candidate arcs and the LP answer with its duals (until the bound is raised, which lets the table go).</summary>
    public (ArcTable Table, RelaxedSolution Lp) Relaxed =>
        (_table ?? throw new InvalidOperationException("The arc table is built by BuildCandidates and let go after RaiseBound."),
         _lp ?? throw new InvalidOperationException("The LP is solved by SolveLp."));

    /// <summary>Local search on the start plan, on its share of the work.</summary>
    public void ImproveStart()
    {
        if (_settings.Engine != LogisticsEngine.RoundedLp)
        {
            var searchUntil = _work.MarkAfter(_budgetAfterLp, _settings.LocalSearchShare);
            _localMoves = new LocalSearch(State, _settings.Seed, _work).Run(() => _work.Before(searchUntil));
            _search!.Record();
        }

        Mark(2);
    }

    /// <summary>Work units granted to local search (its share of the work left after the LP).</summary>
    public long LocalSearchUnits => (long)(_budgetAfterLp * _settings.LocalSearchShare);

    /// <summary>The Lagrangian bound from the LP's duals, raised by subgradient steps.</summary>
    public void RaiseBound()
    {
        var starts = new[] { _lp }
            .Where(s => s is { Solved: true, LotRentMilliFen: not null, LinePriceMilliFen: not null })
            .Select(s => (s!.LotRentMilliFen!, s.LinePriceMilliFen!)).ToList();
        if (starts.Count > 0 && _settings.BoundShare > 0 && _settings.Engine != LogisticsEngine.RoundedLp)
        {
            var until = _work.MarkAfter(_budgetAfterLp, _settings.BoundShare);
            var objective = State.ObjectiveFen;
            (_lagrangian, _boundIterations) = new LagrangianBound(_index, _table!, _workers, _work).Improve(starts, objective,
                () => _work.Before(until) && LogisticsPlanner.GapPercent(objective, Math.Max(_bound, _lagrangian ?? long.MinValue)) > _settings.TargetGapPercent,
                b => _lagrangian = b, _cancellation);
            _lagrangian = _lagrangian == long.MinValue ? null : _lagrangian;
            _bound = Math.Max(_bound, _lagrangian ?? long.MinValue);
            _search!.RaiseBound(_bound);
        }

        _table = null;
        Mark(3);
    }

    public void Search()
    {
        _report = _search!.Run(_cancellation);
        Mark(4);
    }

    public LogisticsResult Result()
    {
        var figures = new PlanningFigures(_lpBound, _lagrangian, _startFen, _slopeIterations, _localMoves, _boundIterations);
        var result = LogisticsResultBuilder.Build(_network, State, _settings, _report!, figures);
        return result with
        {
            Statistics = result.Statistics with { WorkUnits = _work.Spent, ClockLimited = _work.ClockLimited },
            Timings = new LogisticsTimings(_phaseMs[0], _phaseMs[1], _phaseMs[2], _phaseMs[3], _phaseMs[4], _clock.Elapsed.TotalMilliseconds, _trace) { Solves = _report!.Solves, PhaseUnits = _phaseUnits },
        };
    }

    /// <summary>Records how long phase <paramref name="phase"/> took and the units it was charged (since the previous phase ended).</summary>
    private void Mark(int phase)
    {
        _phaseMs[phase] = _clock.Elapsed.TotalMilliseconds - _phaseMs.Take(phase).Sum();
        _phaseUnits[phase] = _work.Spent - _phaseUnits.Take(phase).Sum();
    }
}
