namespace SupplyMatch.Core.Matching;

/// <summary>The matching engine: candidate arcs, allocation solve, explanations and KPIs.</summary>
public static class Matcher
{
    /// <summary>Solves a matching problem to proven optimality (see MODEL.md).</summary>
    public static MatchingResult Solve(MatchingProblem problem, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The allocation LP of the problem in free MPS format, so that any LP solver can confirm the optimum.</summary>
    public static string ExportMps(MatchingProblem problem) => throw new NotImplementedException();
}
