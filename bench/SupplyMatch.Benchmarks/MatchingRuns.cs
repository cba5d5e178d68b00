using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>The runs the benchmark methods and the objective column share.</summary>
public static class MatchingRuns
{
    public static int Candidates(MatchingProblem problem)
    {
        var index = new ProblemIndex(problem);
        return Matcher.BuildArcs(index, new LineDiagnosis[index.Lines.Length], CancellationToken.None).Arcs.Length;
    }

    /// <summary>The result of the named method on the named instance, or null for methods without an objective.</summary>
    public static MatchingResult? Run(string method, string size) => method switch
    {
        "flow" => Matcher.Solve(Instances.Get(size).With(SolverChoice.Flow)),
        "glop" => Matcher.Solve(Instances.Get(size).With(SolverChoice.Lp)),
        "greedy" => Matcher.SolveGreedy(Instances.Get(size)),
        _ => null,
    };
}
