using System.Diagnostics;
using SupplyMatch.Core.Logistics;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// <c>logistics-local [--scenario DIR | --lots N --lines N --products N --seed N] [--time S] [--budget X]</c>: builds the start plan of a
/// <c>--time S</c> run once (candidates, LP, slope scaling, warm start; on that run's work budget, the clock cap lifted), then runs the local search on a copy of it with
/// each move set, on the work the planner grants local search times <c>--budget</c>; prints objective, moves, work and wall.
/// </summary>
internal static class LogisticsLocalSearch
{
    private static readonly (string Name, LocalMoves Moves)[] Sets =
    [
        ("shift, take unmet, empty bins", LocalMoves.Shift | LocalMoves.TakeUnmet | LocalMoves.EmptyBins),
        ("+ eject", LocalMoves.Shift | LocalMoves.TakeUnmet | LocalMoves.EmptyBins | LocalMoves.Eject),
        ("+ exchange", LocalMoves.Shift | LocalMoves.TakeUnmet | LocalMoves.EmptyBins | LocalMoves.Exchange),
        ("all (default)", LocalMoves.All),
    ];

    public static int Run(string[] args)
    {
        var options = LogisticsGapRunner.Options.Parse(args);
        var (run, settings) = LogisticsInstances.StartPlan(options);
        var (index, candidates, flow) = run.Start;
        var units = (long)(run.LocalSearchUnits * options.Double("budget", 1));
        var start = new PlanState(index, candidates, flow).ObjectiveFen;
        Console.WriteLine($"load {LogisticsGapRunner.Load()}; start plan {start / 100.0:N0} CNY, {candidates.Arcs.Length:N0} retained arcs, local search budget {units:N0} units");
        foreach (var (name, moves) in Sets)
        {
            var state = new PlanState(index, candidates, flow);
            var wall = Stopwatch.StartNew();
            var work = new WorkClock(units, wall, double.MaxValue);
            var accepted = new LocalSearch(state, settings.Seed, work, moves).Run(() => work.Before(units));
            Console.WriteLine($"{name,-32} objective {state.ObjectiveFen / 100.0,16:N0} CNY  saved {(start - state.ObjectiveFen) / 100.0,12:N0} CNY  moves {accepted,6}  work {work.Spent,12:N0}  wall {wall.Elapsed.TotalSeconds,6:0.0} s  load {LogisticsGapRunner.Load()}");
        }

        return 0;
    }
}
