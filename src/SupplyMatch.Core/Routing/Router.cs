using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Google.OrTools.ConstraintSolver;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Routing;

/// <summary>
/// Delivery routing with time windows on OR-Tools' routing solver. Stops that cannot be served even
/// alone are screened out first with their reason; the others are routed, and any the fleet cannot take
/// are reported as <see cref="UnroutedReason.NoVehicle"/>. No stop is ever silently dropped.
/// </summary>
public static class Router
{
    /// <summary>Routes the problem's stops under its settings' time limit.</summary>
    /// <remarks>
    /// Cancellation stops guided local search and plain descent at once, keeping the best routes so far.
    /// OR-Tools' iterated local search loop (9.15) does not watch the interrupt: it ends at its time limit.
    /// </remarks>
    /// <exception cref="ArgumentException">The problem refers to locations outside its matrix, or repeats a stop id.</exception>
    public static RoutingSolution Solve(RoutingProblem problem, CancellationToken cancellationToken = default) =>
        Solve(problem, distanceAsMatrix: false, cancellationToken);

    /// <summary>
    /// As <see cref="Solve(RoutingProblem, CancellationToken)"/>; the arc costs come from a registered matrix instead of a callback
    /// when asked, and the searches start at <paramref name="variant"/> (<see cref="SearchSetup.Variants"/>; tests and benchmarks run one on its own).
    /// </summary>
    internal static RoutingSolution Solve(RoutingProblem problem, bool distanceAsMatrix, CancellationToken cancellationToken, int variant = 0)
    {
        RoutingValidation.Validate(problem);
        var clock = Stopwatch.StartNew();
        var (routable, rejected) = StopScreening.Screen(problem);
        if (cancellationToken.IsCancellationRequested)
            return Empty(problem, SolveStatus.Cancelled, clock.Elapsed, rejected, routable, "the solve was cancelled before it started.");
        if (routable.Count == 0 || problem.Fleet.Vehicles == 0)
            return Empty(problem, SolveStatus.Optimal, clock.Elapsed, rejected, routable, "the fleet has no vehicles.");

        var searches = Math.Clamp(problem.Settings.Workers, 1, Math.Max(1, SearchSetup.Variants - variant));
        if (searches == 1)
            return Search(problem, routable, rejected, distanceAsMatrix, variant, clock, cancellationToken);

        var found = new RoutingSolution[searches];
        try
        {
            Parallel.For(0, searches, new ParallelOptions { MaxDegreeOfParallelism = searches }, v =>
                found[v] = Search(problem, routable, rejected, distanceAsMatrix, variant + v, clock, cancellationToken));
        }
        catch (AggregateException e)
        {
            // The same exception a single search throws, not the wrapper (the model is the same for every search).
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        // Fewest stops left off first, then the objective; ties go to the lower variant, so the pick is repeatable.
        return found.OrderBy(f => f.Unrouted.Count).ThenBy(f => f.Objective).First();
    }

    /// <summary>One search of the portfolio on its own model: <paramref name="variant"/> picks its parameters (<see cref="SearchSetup"/>).</summary>
    private static RoutingSolution Search(
        RoutingProblem problem, IReadOnlyList<int> routable, IReadOnlyList<UnroutedStop> rejected, bool distanceAsMatrix, int variant,
        Stopwatch clock, CancellationToken cancellationToken)
    {
        using var model = new VrptwModel(problem, routable, distanceAsMatrix);
        var parameters = SearchSetup.Parameters(problem.Settings, variant);
        // CancelSearch only raises the solver's atomic interrupt flags, so it is safe from another thread.
        using var cancel = cancellationToken.Register(model.Model.CancelSearch);
        var assignment = problem.Settings.Improvement == ImprovementMethod.IteratedLocalSearch
            ? model.Model.SolveWithIteratedLocalSearch(parameters)
            : model.Model.SolveWithParameters(parameters);
        var cancelled = cancellationToken.IsCancellationRequested;
        if (assignment is null && model.Model.GetStatus() == RoutingSearchStatus.Types.Value.RoutingInvalid)
            throw new InvalidOperationException("The routing solver rejected the model or its search parameters.");
        if (assignment is null)
        {
            var status = cancelled ? SolveStatus.Cancelled : SolveStatus.NotSolved;
            return Empty(problem, status, clock.Elapsed, rejected, routable, "the search found no routes before its limit.");
        }

        var solution = RouteExtraction.Extract(problem, model, assignment, rejected, clock.Elapsed);
        return cancelled ? solution with { Status = SolveStatus.Cancelled } : solution;
    }

    /// <summary>A solution without routes: the screened-out stops, and every routable stop as <see cref="UnroutedReason.NoVehicle"/>.</summary>
    private static RoutingSolution Empty(
        RoutingProblem problem, SolveStatus status, TimeSpan elapsed, IReadOnlyList<UnroutedStop> rejected, IReadOnlyList<int> routable, string why)
    {
        var unrouted = rejected
            .Concat(routable.Select(s => new UnroutedStop(problem.Stops[s].Id, UnroutedReason.NoVehicle, $"It could be served alone, but {why}")))
            .ToList();
        return new RoutingSolution(problem.Name, [], 0, 0, 0, status, elapsed, unrouted);
    }
}
