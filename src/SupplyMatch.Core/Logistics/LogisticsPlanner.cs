using System.Diagnostics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// Whole-truck logistics planning (MODEL.md "Logistics"): which lots serve which lines along which paths
/// (direct, through an origin hub and/or a GBA distribution centre), on which ship days, in how many trucks of
/// which types, with minimum orders and all-or-nothing lines. No OR-Tools type leaves this class.
/// </summary>
public static class LogisticsPlanner
{
    /// <summary>
    /// Plans the problem: candidate paths, the LP bound with trucks at their envelope cost per kg, the LP answer
    /// rounded to whole trucks as the warm start, then CP-SAT (one model, or neighbourhood search on large
    /// problems) until the time limit or the target gap. Reports the objective, the best bound and the gap.
    /// </summary>
    public static LogisticsResult Plan(MatchingProblem problem, LogisticsSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= new LogisticsSettings();
        var clock = Stopwatch.StartNew();
        var workers = Math.Max(1, settings.Workers ?? problem.Settings.Workers);
        var seconds = settings.TimeLimitSeconds ?? problem.Settings.TimeLimitSeconds;
        var index = new ProblemIndex(problem);
        var network = new LogisticsNetwork(index, settings);
        var candidates = CandidateBuilder.Build(network, settings, workers, cancellationToken);
        var state = WarmStart.FromFlow(index, candidates, candidates.LpFlow);
        var warmStart = state.ObjectiveFen;
        var candidatesMs = clock.Elapsed.TotalMilliseconds;
        var search = new PlanSearch(state, settings, clock, seconds, workers).Run(cancellationToken);
        var searchMs = clock.Elapsed.TotalMilliseconds - candidatesMs;
        var result = LogisticsResultBuilder.Build(network, state, settings, search, warmStart);
        return result with { Timings = new LogisticsTimings(candidatesMs, searchMs, clock.Elapsed.TotalMilliseconds, search.Trace) };
    }
}
