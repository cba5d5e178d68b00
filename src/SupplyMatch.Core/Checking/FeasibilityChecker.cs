// Why this checker is independent of the engine
// ---------------------------------------------
// The checker never calls Matcher, its candidate-arc builder or its model builders, and shares no code with them
// beyond the domain records, Money and TransportModel (the one shared definition of geography, tariffs and
// timing, which both sides must agree on by contract). Everything else is re-derived here from the problem and
// the rules in MODEL.md on a separate code path: the filter order and rejection reasons, the earliest ship day,
// freshness in integer arithmetic, whole-fen rates, supply and demand totals, the unmet reasons, the exact
// objective in fen, the policy outcomes and every KPI. It reads the result only to compare it with these
// recomputations. The shadow prices are treated as a certificate: dual feasibility on every candidate arc the
// checker enumerates itself, complementary slackness and a zero duality gap prove the allocation optimal
// without trusting the solver that produced it.

using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Checking;

/// <summary>One violated constraint or wrong figure found by the checker.</summary>
/// <param name="Code">Stable code, e.g. <c>supply-exceeded</c>, <c>objective-mismatch</c>.</param>
/// <param name="Message">What is wrong, naming the ids and the stated and recomputed numbers.</param>
public sealed record CheckIssue(string Code, string Message)
{
    /// <summary><c>code: message</c>.</summary>
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>The checker's verdict and its own recomputation of the objective and KPIs.</summary>
/// <param name="Issues">Every issue found; at most 100 messages per code, the rest summarised in one closing issue per code.</param>
/// <param name="ProvenOptimal">
/// True when the result has no issue, carries shadow prices for every lot and line, has no policy targets, and the
/// prices are dual feasible on every candidate arc, complementary to the allocation and close the duality gap:
/// the allocation is then optimal (within 0.01 CNY/kg on each dual condition).
/// </param>
public sealed record CheckReport(IReadOnlyList<CheckIssue> Issues, decimal RecomputedObjectiveCny, Kpis RecomputedKpis, bool ProvenOptimal = false)
{
    /// <summary>True when the result is feasible and every stated figure is right.</summary>
    public bool Ok => Issues.Count == 0;
}

/// <summary>One family of checks over the indexed problem and result (see <see cref="QuantityChecks"/> for the extension point).</summary>
internal delegate void CheckFamily(CheckContext context);

/// <summary>
/// Re-checks a result against its problem on a code path of its own (not the model builder):
/// every constraint, the objective and the KPIs, and the shadow prices as a proof of optimality.
/// </summary>
public static class FeasibilityChecker
{
    /// <summary>Checks <paramref name="result"/> against <paramref name="problem"/>.</summary>
    public static CheckReport Check(MatchingProblem problem, MatchingResult result) => Check(problem, result, []);

    /// <summary>
    /// Checks a result with extra check families run after the allocation, supply and demand checks (e.g. the integer
    /// conditions of the logistics model: minimum order quantities, all-or-nothing lines).
    /// </summary>
    internal static CheckReport Check(MatchingProblem problem, MatchingResult result, IEnumerable<CheckFamily> extraFamilies)
    {
        var context = CheckContext.Create(problem, result);
        AllocationChecks.Run(context);
        QuantityChecks.Run(context);
        foreach (var family in extraFamilies)
        {
            family(context);
        }

        var duals = DualChecks.Read(context);
        var scan = CandidateScan.Run(context, duals);
        UnmetChecks.Run(context, scan);
        var objective = ObjectiveChecks.Run(context, scan);
        var kpis = KpiCalculator.Compute(context, scan);
        KpiComparer.Compare(context, result.Kpis, kpis);
        var proof = duals?.Finish(objective) == true;
        var issues = context.Issues.ToList();
        return new CheckReport(issues, objective, kpis, proof && issues.Count == 0);
    }
}
