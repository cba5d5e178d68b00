using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Tests.Routing;

public sealed class RouterTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 16)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Router_matches_brute_force_on_random_tiny_instances(int seed)
    {
        var problem = TinyInstances.Random(seed, TimeSpan.FromMilliseconds(300));

        var solution = Router.Solve(problem);
        var exact = BruteForceVrptw.Solve(problem);

        Assert.Empty(RouteChecker.Violations(problem, solution));
        Assert.Equal(exact.Served, problem.Stops.Count - solution.Unrouted.Count);
        Assert.Equal(exact.Cost, solution.Objective);
    }

    [Fact]
    public void Router_finds_C101_within_five_percent_of_its_optimum_in_two_seconds()
    {
        var problem = SolomonFiles.Problem("C101", TimeSpan.FromSeconds(2));

        var solution = Router.Solve(problem);

        Assert.Empty(RouteChecker.Violations(problem, solution));
        Assert.Empty(solution.Unrouted);
        Assert.Equal(SolveStatus.Feasible, solution.Status);
        Assert.InRange(problem.Travel.ToDistance(solution.TotalDistance), 827.3, 827.3 * 1.05);
    }

    [Fact]
    public void Solution_limited_solve_gives_the_same_routes_twice()
    {
        var problem = SolomonFiles.Problem("R101", TimeSpan.FromSeconds(30));
        problem = problem with { Settings = problem.Settings with { SolutionLimit = 40 } };

        var first = Router.Solve(problem);
        var second = Router.Solve(problem);

        Assert.Empty(RouteChecker.Violations(problem, first));
        Assert.Equal(first.TotalDistance, second.TotalDistance);
        Assert.Equal(Sequences(first), Sequences(second));
    }

    [Fact]
    public void Cancelling_a_long_guided_local_search_returns_soon_with_valid_routes()
    {
        var problem = SolomonFiles.Problem("RC201", TimeSpan.FromSeconds(60));
        problem = problem with { Settings = problem.Settings with { Improvement = ImprovementMethod.GuidedLocalSearch } };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var solution = Router.Solve(problem, cancel.Token);

        Assert.Equal(SolveStatus.Cancelled, solution.Status);
        Assert.True(solution.SolveTime < TimeSpan.FromSeconds(10), $"took {solution.SolveTime}");
        Assert.Empty(RouteChecker.Violations(problem, solution));
    }

    [Fact]
    public void Registered_distance_matrix_gives_the_same_routes_as_the_callback()
    {
        var problem = SolomonFiles.Problem("C101", TimeSpan.FromSeconds(30));
        problem = problem with { Settings = problem.Settings with { SolutionLimit = 20 } };

        var callback = Router.Solve(problem, distanceAsMatrix: false, CancellationToken.None);
        var matrix = Router.Solve(problem, distanceAsMatrix: true, CancellationToken.None);

        Assert.Empty(RouteChecker.Violations(problem, matrix));
        Assert.Equal(callback.TotalDistance, matrix.TotalDistance);
    }

    private static List<string> Sequences(RoutingSolution solution) =>
        solution.Routes.Select(r => string.Join(' ', r.Visits.Select(v => v.StopId))).ToList();
}
