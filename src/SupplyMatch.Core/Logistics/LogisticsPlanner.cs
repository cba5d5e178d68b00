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
    /// Plans the problem in five steps: every candidate path arc; the LP bound (trucks at their envelope cost per kg);
    /// slope scaling from the LP answer to a whole-truck start plan (repaired for minimum orders and all-or-nothing
    /// lines); the Lagrangian bound; SCIP (or CP-SAT) on the retained arcs (one model, or neighbourhood search on large
    /// problems) until the time limit or the target gap. Reports the objective, the best bound and the gap.
    /// </summary>
    public static LogisticsResult Plan(MatchingProblem problem, LogisticsSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var run = new PlanningRun(problem, settings ?? new LogisticsSettings(), cancellationToken);
        run.BuildCandidates();
        run.SolveLp();
        run.BuildStart();
        run.ImproveStart();
        run.RaiseBound();
        run.Search();
        return WithRoutes(problem, run.Result(), settings, cancellationToken);
    }

    /// <summary>
    /// The sequential alternative, for comparison: the per-kg allocation <paramref name="allocation"/> (from
    /// <see cref="Matcher.Solve"/>) taken as decided, lots under their minimum order and partly served all-or-nothing
    /// lines dropped, then loaded on trucks: each allocation on direct trucks on its ship day, or, with
    /// <paramref name="routeThroughHubs"/>, with the best paths and ship days for the same (lot, line, kg) decisions.
    /// </summary>
    public static LogisticsResult LoadAllocation(MatchingProblem problem, MatchingResult allocation, LogisticsSettings? settings = null, bool routeThroughHubs = false) =>
        WithRoutes(problem, AllocationLoading.Load(problem, allocation, settings ?? new LogisticsSettings(), routeThroughHubs), settings, default);

    /// <summary>The delivery routes of the plan, when <see cref="LogisticsSettings.RouteDeliveries"/> asks for them (timings keep the routing time).</summary>
    private static LogisticsResult WithRoutes(MatchingProblem problem, LogisticsResult result, LogisticsSettings? settings, CancellationToken cancellationToken)
    {
        settings ??= new LogisticsSettings();
        if (!settings.RouteDeliveries)
            return result;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var routed = DeliveryRouting.Route(problem, result, settings, cancellationToken);
        return routed with { Timings = result.Timings is { } t ? t with { RoutingMs = clock.Elapsed.TotalMilliseconds, TotalMs = t.TotalMs + clock.Elapsed.TotalMilliseconds } : null };
    }

    /// <summary>(objective - bound) / |objective|, %; 100 without a bound.</summary>
    internal static double GapPercent(long objectiveFen, long boundFen) =>
        objectiveFen == 0 ? 0 : boundFen == long.MinValue ? 100 : 100.0 * (objectiveFen - boundFen) / Math.Abs(objectiveFen);
}
