using BenchmarkDotNet.Attributes;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// Candidate generation and the allocation solve end to end, side by side: min-cost flow, GLOP on the same
/// model, and the greedy spreadsheet baseline. The objective and the excess over the optimum are extra columns.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MatchingConfig))]
public class MatchingBenchmarks
{
    private MatchingProblem _problem = null!;

    [Params("small", "medium", "gba-week")]
    public string Size { get; set; } = "small";

    [GlobalSetup]
    public void Setup() => _problem = Instances.Get(Size);

    [Benchmark(Description = "candidates")]
    public int Candidates() => MatchingRuns.Candidates(_problem);

    [Benchmark(Baseline = true, Description = "flow")]
    public MatchingResult Flow() => Matcher.Solve(_problem.With(SolverChoice.Flow));

    [Benchmark(Description = "glop")]
    public MatchingResult Glop() => Matcher.Solve(_problem.With(SolverChoice.Lp));

    [Benchmark(Description = "greedy")]
    public MatchingResult Greedy() => Matcher.SolveGreedy(_problem);
}
