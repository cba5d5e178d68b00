using System.Diagnostics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// A quick look at where one solve spends its time (process CPU and wall per phase, five runs after a warm-up):
/// <c>dotnet run -c Release --project bench/SupplyMatch.Benchmarks -- phases gba-week</c>. The figures that
/// count are BenchmarkDotNet's; this is for finding the hot phase.
/// </summary>
public static class PhaseTimes
{
    public static void Run(string size)
    {
        var problem = Instances.Get(size).With(SolverChoice.Flow);
        for (var run = 0; run < 6; run++)
        {
            var clock = new PhaseClock();
            var index = new ProblemIndex(problem);
            clock.Lap("index");
            var diagnoses = new LineDiagnosis[index.Lines.Length];
            var arcs = Matcher.BuildArcs(index, diagnoses, CancellationToken.None);
            clock.Lap("arcs");
            var solution = FlowAllocator.Solve(index, arcs, CancellationToken.None);
            clock.Lap("flow+duals");
            _ = ResultBuilder.Build(index, arcs, solution, diagnoses);
            clock.Lap("results");
            Console.WriteLine($"run {run}: {clock} ({arcs.Arcs.Length:N0} arcs)");
        }
    }

    private sealed class PhaseClock
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private readonly List<string> _laps = [];
        private TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public void Lap(string name)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            _laps.Add($"{name} {_wall.Elapsed.TotalMilliseconds:F0} ms wall / {(cpu - _cpu).TotalMilliseconds:F0} ms cpu");
            _cpu = cpu;
            _wall.Restart();
        }

        public override string ToString() => string.Join("; ", _laps);
    }
}
