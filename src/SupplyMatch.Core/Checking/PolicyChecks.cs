using System.Text.Json;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Checking;

/// <summary>
/// Policy outcomes recomputed from the integer allocation (MODEL.md "Allocation objective", policy targets): one
/// outcome per province target above 0 (ex-farm value bought from bases of the province, CNY) and one for the poverty
/// share when set (kg from poverty-linked bases against share % x allocated kg). Penalties are exact decimal
/// products of the settings' rates and the shortfalls.
/// </summary>
internal static class PolicyChecks
{
    public const string PovertyShareTarget = "poverty-share";

    /// <summary>The outcomes the rules give and their total penalty (none without targets).</summary>
    public static (IReadOnlyList<PolicyOutcome> Outcomes, decimal PenaltyCny) Recompute(CheckContext context)
    {
        if (!context.HasPolicy)
        {
            return ([], 0m);
        }

        var policy = context.Settings.Policy!;
        var outcomes = new List<PolicyOutcome>();
        foreach (var (province, target) in policy.MinPurchaseCnyByProvince.Where(p => p.Value > 0).OrderBy(p => p.Key))
        {
            var achieved = Money.ToCny(context.Costed.Where(a => context.LotBase[a.Lot]!.Province == province).Sum(a => a.ExFarmFen * a.Kg));
            var shortfall = Math.Max(0m, target - achieved);
            var name = JsonNamingPolicy.CamelCase.ConvertName(province.ToString());
            outcomes.Add(new PolicyOutcome($"province:{name}", "CNY", target, achieved, shortfall, policy.ProvincePenaltyPerCny * shortfall));
        }

        if (policy.MinPovertySharePercent is { } share && share > 0)
        {
            var required = share / 100m * context.Costed.Sum(a => (long)a.Kg);
            decimal achieved = context.Costed.Where(a => context.LotBase[a.Lot]!.PovertyLinked).Sum(a => (long)a.Kg);
            var shortfall = Math.Max(0m, required - achieved);
            outcomes.Add(new PolicyOutcome(PovertyShareTarget, "kg", required, achieved, shortfall, policy.PovertySharePenaltyCnyPerKg * shortfall));
        }

        return (outcomes, outcomes.Sum(o => o.PenaltyCny));
    }

    /// <summary>Compares the result's policy outcomes with the recomputed ones, by target.</summary>
    public static void Compare(CheckContext context, IReadOnlyList<PolicyOutcome> expected)
    {
        var stated = new Dictionary<string, PolicyOutcome>(StringComparer.Ordinal);
        foreach (var outcome in context.Result.Policy)
        {
            if (!stated.TryAdd(outcome.Target, outcome))
            {
                context.Issues.Add("policy-outcome-duplicate", $"policy target {outcome.Target} is reported more than once");
            }
        }

        foreach (var e in expected)
        {
            if (!stated.Remove(e.Target, out var s))
            {
                context.Issues.Add("policy-outcome-missing", $"policy target {e.Target} is set but not reported (shortfall {Fmt.Num(e.Shortfall)} {e.Unit}, penalty {Fmt.Cny(e.PenaltyCny)})");
            }
            else if (s.Unit != e.Unit || s.Required != e.Required || s.Achieved != e.Achieved || s.Shortfall != e.Shortfall || s.PenaltyCny != e.PenaltyCny)
            {
                context.Issues.Add("policy-outcome-mismatch", $"policy target {e.Target} states required/achieved/shortfall/penalty {Show(s)}, the allocation gives {Show(e)}");
            }
        }

        foreach (var target in stated.Keys.Order(StringComparer.Ordinal))
        {
            context.Issues.Add("policy-outcome-unexpected", $"policy target {target} is reported but not set in the settings");
        }
    }

    private static string Show(PolicyOutcome o) =>
        $"{Fmt.Num(o.Required)} / {Fmt.Num(o.Achieved)} / {Fmt.Num(o.Shortfall)} {o.Unit} / {Fmt.Cny(o.PenaltyCny)}";
}
