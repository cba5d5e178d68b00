using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Matching;

/// <summary>Which allocation solver to run.</summary>
public enum SolverChoice
{
    /// <summary>Min-cost flow without policy targets, GLOP LP with them.</summary>
    Auto,

    /// <summary>OR-Tools min-cost flow (refused when policy targets are set).</summary>
    Flow,

    /// <summary>GLOP linear programme.</summary>
    Lp,
}

/// <summary>
/// Soft policy targets. A shortfall is allowed but costs the stated penalty, so the round
/// stays feasible when supply cannot meet a target.
/// </summary>
/// <param name="MinPurchaseCnyByProvince">Minimum ex-farm purchase value per partner province, CNY.</param>
/// <param name="MinPovertySharePercent">Minimum share (%) of allocated kg that comes from poverty-linked bases.</param>
/// <param name="ProvincePenaltyPerCny">Objective penalty per CNY of purchase shortfall in a province.</param>
/// <param name="PovertySharePenaltyCnyPerKg">Objective penalty per kg by which poverty-linked volume falls short of the share.</param>
public sealed record PolicyTargets(
    IReadOnlyDictionary<Province, decimal> MinPurchaseCnyByProvince,
    decimal? MinPovertySharePercent,
    decimal ProvincePenaltyPerCny = 0.50m,
    decimal PovertySharePenaltyCnyPerKg = 2.00m)
{
    /// <summary>The largest minimum purchase a province may be given, CNY (far above any round's purchases; larger ones exceed what the LP solves exactly).</summary>
    public const decimal MaxProvinceTargetCny = 100_000_000_000m;

    /// <summary>The largest penalty per CNY of a province's shortfall.</summary>
    public const decimal MaxProvincePenaltyPerCny = 100m;

    /// <summary>The largest penalty per kg of poverty-linked shortfall, CNY/kg (the highest price a lot may have).</summary>
    public const decimal MaxPovertySharePenaltyCnyPerKg = 1_000m;

    /// <summary>True when at least one target is set.</summary>
    public bool Any => MinPurchaseCnyByProvince.Any(p => p.Value > 0) || MinPovertySharePercent is > 0;
}

/// <summary>
/// Parameters of a matching round. Every weight of the objective lives here.
/// </summary>
public sealed record MatchingSettings
{
    /// <summary>Solver to use.</summary>
    public SolverChoice Solver { get; init; } = SolverChoice.Auto;

    /// <summary>Bonus per kg bought from a poverty-linked base (subtracted from its landed cost in the objective), CNY/kg.</summary>
    public decimal PovertyBonusCnyPerKg { get; init; } = 0.10m;

    /// <summary>
    /// Unmet-demand penalty step, CNY/kg. A line's penalty per unmet kg is its landed-price ceiling plus
    /// this step times (6 - priority), so any supply within the ceiling is always preferred to leaving
    /// the line unmet, and urgent lines win scarce supply.
    /// </summary>
    public decimal UnmetPenaltyStepCnyPerKg { get; init; } = 1.00m;

    /// <summary>Road distance = great-circle distance x this factor when no lane is given.</summary>
    public double RoadFactor { get; init; } = 1.3;

    /// <summary>Average load factor of a line-haul truck, used to turn per-truck costs into a per-kg tariff.</summary>
    public double LoadFactor { get; init; } = 0.85;

    /// <summary>Hour of day (CST) at which line-haul trucks leave the base on the ship day.</summary>
    public int DispatchHour { get; init; } = 16;

    /// <summary>Loading, rest stops and unloading added to driving time, hours.</summary>
    public double HandlingHours { get; init; } = 2.0;

    /// <summary>Policy targets; null or empty means none.</summary>
    public PolicyTargets? Policy { get; init; }

    /// <summary>Whether to compute shadow prices and competition explanations (needs the dual solution).</summary>
    public bool ComputeDuals { get; init; } = true;

    /// <summary>Solver time limit, seconds.</summary>
    public double TimeLimitSeconds { get; init; } = 60;

    /// <summary>Worker threads for solvers that use them.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>The penalty per unmet kg for a line, CNY/kg.</summary>
    public decimal UnmetPenaltyCnyPerKg(DemandLine line) =>
        line.MaxLandedCnyPerKg + (UnmetPenaltyStepCnyPerKg * (6 - Math.Clamp(line.Priority, 1, 5)));
}
