using System.Diagnostics;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// <c>logistics-solvers [--lots N] [--lines N] [--products N] [--time S] [--k N]</c>: the same integer model (every retained arc,
/// whole trucks, minimum orders, all-or-nothing lines, warm start from the repaired LP rounding) solved once by CP-SAT and once by
/// SCIP (OR-Tools linear solver), each under the same time limit; prints objective and bound of each.
/// </summary>
internal static class LogisticsSolverComparison
{
    public static int Run(string[] args)
    {
        var options = LogisticsGapRunner.Options.Parse(args);
        var problem = LogisticsInstances.Generate(options.Int("lots", 200), options.Int("lines", 400), options.Int("products", 20), 7, options.Int("seed", 42));
        var settings = new LogisticsSettings { CandidatesPerLine = options.Int("k", 8), Workers = options.Int("workers", 2) };
        var seconds = options.Double("time", 30);
        var state = StartPlan(problem, settings);
        Console.WriteLine($"load {LogisticsGapRunner.Load()}  arcs {state.Candidates.Arcs.Length} complete {state.Candidates.Complete}  start {state.ObjectiveFen / 100.0:N2}");
        var lines = Enumerable.Range(0, state.Index.Lines.Length).Where(d => state.Candidates.LineStart[d + 1] > state.Candidates.LineStart[d]).ToArray();
        var clock = Stopwatch.StartNew();
        var cpSat = CpSatNeighbourhood.Solve(new Neighbourhood(state, lines), seconds, seconds, settings.Workers ?? 2, 1, CancellationToken.None);
        Console.WriteLine($"cp-sat ({settings.Workers} workers): objective {cpSat.ObjectiveFen / 100.0:N2} bound {cpSat.BoundFen / 100.0:N2} optimal {cpSat.Optimal} {clock.Elapsed.TotalSeconds:0.0} s  load {LogisticsGapRunner.Load()}");
        clock.Restart();
        var scip = ScipNeighbourhood.Solve(new Neighbourhood(state, lines), seconds, 0, long.MaxValue, CancellationToken.None);
        Console.WriteLine($"scip (1 thread): objective {scip.ObjectiveFen / 100.0:N2} bound {scip.BoundFen / 100.0:N2} optimal {scip.Optimal} {clock.Elapsed.TotalSeconds:0.0} s  load {LogisticsGapRunner.Load()}");
        return 0;
    }

    private static PlanState StartPlan(MatchingProblem problem, LogisticsSettings settings)
    {
        var index = new ProblemIndex(problem);
        var network = new LogisticsNetwork(index, settings);
        var table = ArcTable.Build(network, settings, 2, CancellationToken.None);
        var envelope = table.Bins.Select(b => b.RateMilliFen).ToArray();
        var lp = Relaxation.Solve(index, table, envelope, duals: false, 2, CancellationToken.None);
        var (plan, rates, _) = SlopeScaling.Run(index, table, lp, envelope, (new WorkClock(0, System.Diagnostics.Stopwatch.StartNew(), 0), 0), 2, CancellationToken.None);
        var candidates = Candidates.Select(network, settings, table, plan, rates);
        return WarmStart.FromFlow(index, candidates, candidates.InitialFlow);
    }
}
