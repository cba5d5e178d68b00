using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Scenario;

/// <summary>The ranges the settings of a round must lie in; columns are the camelCase JSON names.</summary>
public static class SettingsRules
{
    /// <summary>Every setting outside its range.</summary>
    public static IReadOnlyList<FieldError> Check(MatchingSettings settings)
    {
        var errors = new List<FieldError>();
        void Require(bool ok, string name, object value, string expectation)
        {
            if (!ok)
            {
                errors.Add(new FieldError(name, $"{Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)} is not {expectation}"));
            }
        }

        Require(Enum.IsDefined(settings.Solver), "solver", settings.Solver, "auto, flow or lp");
        Require(settings.PovertyBonusCnyPerKg >= 0, "povertyBonusCnyPerKg", settings.PovertyBonusCnyPerKg, "an amount in CNY/kg, 0 or more");
        Require(settings.UnmetPenaltyStepCnyPerKg >= 0, "unmetPenaltyStepCnyPerKg", settings.UnmetPenaltyStepCnyPerKg, "an amount in CNY/kg, 0 or more");
        Require(settings.RoadFactor is >= 1 and <= 3, "roadFactor", settings.RoadFactor, "a factor from 1 to 3");
        Require(settings.LoadFactor is > 0 and <= 1, "loadFactor", settings.LoadFactor, "a load factor above 0 and at most 1");
        Require(settings.DispatchHour is >= 0 and <= 23, "dispatchHour", settings.DispatchHour, "an hour of day from 0 to 23");
        Require(settings.HandlingHours is >= 0 and <= 72, "handlingHours", settings.HandlingHours, "a number of hours from 0 to 72");
        Require(settings.TimeLimitSeconds is > 0 and <= 86_400, "timeLimitSeconds", settings.TimeLimitSeconds, "a number of seconds above 0 and at most 86400");
        Require(settings.Workers is >= 1 and <= 256, "workers", settings.Workers, "a worker count from 1 to 256");
        if (settings.Policy is { } policy)
        {
            foreach (var (province, amount) in policy.MinPurchaseCnyByProvince)
            {
                Require(amount is >= 0 and <= PolicyTargets.MaxProvinceTargetCny, $"policy.minPurchaseCnyByProvince.{Vocabulary.Provinces.Code(province)}", amount,
                    "an amount in CNY from 0 to 100,000,000,000");
            }

            Require(policy.MinPovertySharePercent is null or (>= 0 and <= 100), "policy.minPovertySharePercent", policy.MinPovertySharePercent ?? 0, "a percentage from 0 to 100");
            Require(policy.ProvincePenaltyPerCny is >= 0 and <= PolicyTargets.MaxProvincePenaltyPerCny, "policy.provincePenaltyPerCny", policy.ProvincePenaltyPerCny,
                "a penalty per CNY of shortfall from 0 to 100");
            Require(policy.PovertySharePenaltyCnyPerKg is >= 0 and <= PolicyTargets.MaxPovertySharePenaltyCnyPerKg, "policy.povertySharePenaltyCnyPerKg",
                policy.PovertySharePenaltyCnyPerKg, "a penalty in CNY/kg from 0 to 1000");
        }

        return errors;
    }
}
