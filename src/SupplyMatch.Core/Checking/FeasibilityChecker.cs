using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Checking;

/// <summary>One violated constraint or wrong figure found by the checker.</summary>
/// <param name="Code">Stable code, e.g. <c>supply-exceeded</c>, <c>objective-mismatch</c>.</param>
public sealed record CheckIssue(string Code, string Message);

/// <summary>The checker's verdict and its own recomputation of the objective and KPIs.</summary>
public sealed record CheckReport(IReadOnlyList<CheckIssue> Issues, decimal RecomputedObjectiveCny, Kpis RecomputedKpis)
{
    /// <summary>True when the result is feasible and every stated figure is right.</summary>
    public bool Ok => Issues.Count == 0;
}

/// <summary>
/// Re-checks a result against its problem on a code path of its own (not the model builder):
/// every constraint, the objective and the KPIs.
/// </summary>
public static class FeasibilityChecker
{
    /// <summary>Checks <paramref name="result"/> against <paramref name="problem"/>.</summary>
    public static CheckReport Check(MatchingProblem problem, MatchingResult result) => throw new NotImplementedException();
}
