using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Matching;

/// <summary>Shortfalls and penalties of the soft policy targets for an integral allocation (MODEL.md).</summary>
internal static class PolicyEvaluator
{
    public static IReadOnlyList<PolicyOutcome> Evaluate(MatchingProblem problem, IReadOnlyList<Allocation> allocations) =>
        Evaluate(problem, [.. allocations.Select(a => new Purchase(a.BaseId, a.ExFarmCnyPerKg, a.Kg))]);

    /// <summary>The outcomes of a plan given as purchases (base, ex-farm price, kg): a logistics plan's as well as an allocation's.</summary>
    public static IReadOnlyList<PolicyOutcome> Evaluate(MatchingProblem problem, IReadOnlyList<Purchase> allocations)
    {
        var policy = problem.Settings.Policy;
        if (policy is null || !policy.Any)
        {
            return [];
        }

        var bases = problem.Reference.Bases.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var outcomes = new List<PolicyOutcome>();
        foreach (var (province, target) in policy.MinPurchaseCnyByProvince.Where(t => t.Value > 0).OrderBy(t => t.Key))
        {
            var achieved = Money.ToCny(allocations
                .Where(a => bases[a.BaseId].Province == province)
                .Sum(a => Money.ToFen(a.ExFarmCnyPerKg) * a.Kg));
            var shortfall = Math.Max(0, target - achieved);
            outcomes.Add(new PolicyOutcome($"province:{province.ToString().ToLowerInvariant()}", "CNY", target, achieved, shortfall,
                policy.ProvincePenaltyPerCny * shortfall));
        }

        if (policy.MinPovertySharePercent is > 0 and var share)
        {
            var allocated = allocations.Sum(a => (long)a.Kg);
            var linked = allocations.Where(a => bases[a.BaseId].PovertyLinked).Sum(a => (long)a.Kg);
            var required = share / 100m * allocated;
            var shortfall = Math.Max(0, required - linked);
            outcomes.Add(new PolicyOutcome("poverty-share", "kg", required, linked, shortfall, policy.PovertySharePenaltyCnyPerKg * shortfall));
        }

        return outcomes;
    }
}

/// <summary>kg bought from a base at its ex-farm price: what the policy targets count.</summary>
internal readonly record struct Purchase(string BaseId, decimal ExFarmCnyPerKg, int Kg);
