using System.Text.Json.Serialization;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Matching;

/// <summary>How a solve ended.</summary>
public enum SolveStatus
{
    /// <summary>Proven optimal.</summary>
    Optimal,

    /// <summary>A feasible answer without a proof of optimality (time limit).</summary>
    Feasible,

    /// <summary>The model has no solution.</summary>
    Infeasible,

    /// <summary>The solver stopped without an answer.</summary>
    NotSolved,

    /// <summary>The solve was cancelled.</summary>
    Cancelled,
}

/// <summary>Why a demand line (or part of it) was not served.</summary>
public enum UnmetReason
{
    /// <summary>No lot of the product can ship so as to arrive inside the line's delivery window.</summary>
    NoSupplyInWindow,

    /// <summary>Compatible lots exist but every landed price exceeds the line's ceiling.</summary>
    TooExpensive,

    /// <summary>Lots arrive in time but with less remaining shelf life than the line requires.</summary>
    NotFreshEnough,

    /// <summary>The buyer requires certifications that no base offering the product holds.</summary>
    CertificationMissing,

    /// <summary>Lots of the product exist but below the line's minimum grade.</summary>
    GradeTooLow,

    /// <summary>The product needs a cold chain and no refrigerated vehicle type exists.</summary>
    NoColdChain,

    /// <summary>Compatible supply existed but other lines valued it more (see the shadow prices).</summary>
    OutCompeted,
}

/// <summary>One allocation of kg from a lot to a demand line.</summary>
public sealed record Allocation(
    string LotId,
    string LineId,
    string BaseId,
    string BuyerId,
    string ProductCode,
    int Kg,
    DateOnly ShipDay,
    DateOnly DeliveryDay,
    double DistanceKm,
    int FreshnessPercent,
    decimal ExFarmCnyPerKg,
    decimal TransportCnyPerKg,
    decimal LandedCnyPerKg,
    decimal PovertyBonusCnyPerKg);

/// <summary>
/// The numbers behind an unmet line's reason. Fields that do not apply to the reason are null.
/// </summary>
/// <param name="CompatibleLots">Lots that passed every filter for this line.</param>
/// <param name="CheapestLandedCnyPerKg">Cheapest landed price among lots that arrive in time and fresh enough.</param>
/// <param name="BestFreshnessPercent">Best remaining shelf life at delivery among lots that arrive in time.</param>
/// <param name="BestGrade">Best grade among lots of the product.</param>
/// <param name="MissingCertifications">Certifications the buyer requires that the closest candidate base lacks.</param>
/// <param name="ClearingPriceCnyPerKg">
/// The price per kg at which this line would have been served: the cheapest landed cost (net of the poverty bonus)
/// plus the scarcity rent other lines pay for that lot. Compare with <paramref name="PenaltyCnyPerKg"/>.
/// </param>
/// <param name="ContestedLotIds">Lots the line could have used that were taken by others.</param>
/// <param name="CompetingLineIds">Lines that took the supply of the contested lots.</param>
public sealed record UnmetExplanation(
    int CompatibleLots,
    decimal? CheapestLandedCnyPerKg,
    decimal? MaxLandedCnyPerKg,
    int? BestFreshnessPercent,
    int? MinFreshnessPercent,
    Grade? BestGrade,
    IReadOnlyList<string>? MissingCertifications,
    decimal? ClearingPriceCnyPerKg,
    decimal PenaltyCnyPerKg,
    IReadOnlyList<string>? ContestedLotIds,
    IReadOnlyList<string>? CompetingLineIds,
    string Message,
    string MessageZh);

/// <summary>A demand line that was not, or only partly, served.</summary>
public sealed record UnmetLine(
    string LineId,
    string BuyerId,
    string ProductCode,
    int RequestedKg,
    int AllocatedKg,
    int UnmetKg,
    UnmetReason Reason,
    UnmetExplanation Explanation);

/// <summary>Shortfall against a soft policy target.</summary>
/// <param name="Target">"province:yunnan" style for province purchase targets, "poverty-share" for the share.</param>
/// <param name="Unit">"CNY" or "kg".</param>
public sealed record PolicyOutcome(string Target, string Unit, decimal Required, decimal Achieved, decimal Shortfall, decimal PenaltyCny);

/// <summary>Dual value of a lot's supply: what one more kg of it would save, CNY/kg (never negative).</summary>
public sealed record LotShadowPrice(string LotId, decimal CnyPerKg);

/// <summary>Dual value of a line's demand: what one more kg of it would cost, CNY/kg.</summary>
public sealed record LineShadowPrice(string LineId, decimal CnyPerKg);

/// <summary>Shadow prices of supply and demand.</summary>
public sealed record ShadowPrices(IReadOnlyList<LotShadowPrice> Lots, IReadOnlyList<LineShadowPrice> Lines);

/// <summary>Purchases from poverty-linked bases in one county.</summary>
public sealed record CountyPurchase(Province Province, string CountyZh, string CountyEn, long Kg, decimal Cny, int Households);

/// <summary>Purchases from poverty-linked bases in one province.</summary>
public sealed record ProvincePurchase(Province Province, long Kg, decimal Cny, int Households);

/// <summary>Unmet kg under one reason.</summary>
public sealed record UnmetByReason(UnmetReason Reason, long Kg, int Lines);

/// <summary>
/// Key performance indicators of a round (MODEL.md "KPIs"). Money sums are exact: every allocation contributes
/// its whole-fen per-kg rate times its kg.
/// </summary>
/// <param name="DemandKg">Sum of <c>QuantityKg</c> over every demand line of the problem.</param>
/// <param name="AllocatedKg">Sum of <c>Kg</c> over every allocation.</param>
/// <param name="FillRateKg"><c>AllocatedKg / DemandKg</c> as a fraction 0..1; 0 when there is no demand.</param>
/// <param name="Lines">Number of demand lines of the problem.</param>
/// <param name="LinesFullyMet">Lines whose allocated kg equals their requested kg.</param>
/// <param name="LinesPartlyMet">Lines with some, but less than the requested, kg allocated.</param>
/// <param name="LinesUnmet">Lines with nothing allocated.</param>
/// <param name="FillRateLines"><c>LinesFullyMet / Lines</c> as a fraction 0..1; 0 when there are no lines.</param>
/// <param name="ExFarmCostCny">Sum of ex-farm fen/kg x kg over the allocations, CNY.</param>
/// <param name="TransportCostCny">Sum of transport tariff fen/kg x kg over the allocations, CNY.</param>
/// <param name="LandedCostCny"><c>ExFarmCostCny + TransportCostCny</c> (the poverty bonus is not subtracted).</param>
/// <param name="LandedCnyPerKg"><c>LandedCostCny / AllocatedKg</c> rounded to 4 decimals half away from zero; 0 when nothing is allocated.</param>
/// <param name="TonKm">
/// Sum of kg x road distance (km) / 1000 over the allocations, rounded to 2 decimals (so that the sum's floating-point
/// noise, e.g. 2557932.710000001, never reaches an answer).
/// </param>
/// <param name="PovertyLinkedKg">Allocated kg from lots whose base is poverty-linked.</param>
/// <param name="PovertyLinkedCny">Ex-farm value (fen/kg x kg) of those allocations, CNY.</param>
/// <param name="PovertySharePercent"><c>100 x PovertyLinkedKg / AllocatedKg</c>; 0 when nothing is allocated.</param>
/// <param name="HouseholdsReached">Sum of <c>PoorHouseholds</c> over the distinct poverty-linked bases with at least one allocation.</param>
/// <param name="PovertyPurchasesByProvince">
/// Poverty-linked purchases per province of the base (kg, ex-farm CNY, households reached), only provinces with kg,
/// ordered by <see cref="Province"/>.
/// </param>
/// <param name="PovertyPurchasesByCounty">
/// The same per county (grouped by province, county_zh and county_en of the base), ordered by <see cref="Province"/>,
/// then county_en, then county_zh (ordinal).
/// </param>
/// <param name="UnmetByReason">Unmet kg and lines per reason, only reasons with unmet kg, ordered by <see cref="UnmetReason"/>.</param>
public sealed record Kpis(
    long DemandKg,
    long AllocatedKg,
    double FillRateKg,
    int Lines,
    int LinesFullyMet,
    int LinesPartlyMet,
    int LinesUnmet,
    double FillRateLines,
    decimal ExFarmCostCny,
    decimal TransportCostCny,
    decimal LandedCostCny,
    decimal LandedCnyPerKg,
    double TonKm,
    long PovertyLinkedKg,
    decimal PovertyLinkedCny,
    double PovertySharePercent,
    int HouseholdsReached,
    IReadOnlyList<ProvincePurchase> PovertyPurchasesByProvince,
    IReadOnlyList<CountyPurchase> PovertyPurchasesByCounty,
    IReadOnlyList<UnmetByReason> UnmetByReason);

/// <summary>Same-product (lot, line) pairs ruled out under one reason.</summary>
public sealed record RejectedPairs(UnmetReason Reason, long Pairs);

/// <summary>Model size, objective and proof of a solve. Deterministic: no wall-clock times.</summary>
/// <param name="Solver">"flow" (OR-Tools min-cost flow) or "lp" (GLOP).</param>
/// <param name="ObjectiveCny">Objective of the returned allocation, recomputed exactly in fen.</param>
/// <param name="BoundCny">Best proven lower bound on the objective.</param>
/// <param name="LpObjectiveCny">Objective of the continuous relaxation (equal to the objective when the solution is integral).</param>
public sealed record SolverStatistics(
    string Solver,
    SolveStatus Status,
    int Lots,
    int Lines,
    long SameProductPairs,
    int Arcs,
    IReadOnlyList<RejectedPairs> RejectedPairs,
    int Variables,
    int Constraints,
    decimal ObjectiveCny,
    decimal BoundCny,
    decimal LpObjectiveCny,
    double GapPercent);

/// <summary>Wall-clock times of a solve, ms (the solve includes the dual prices; results are explanations and KPIs). Not part of the deterministic JSON.</summary>
public sealed record SolveTimings(double CandidatesMs, double SolveMs, double ResultsMs, double TotalMs);

/// <summary>The outcome of a matching round.</summary>
public sealed record MatchingResult(
    SolveStatus Status,
    decimal ObjectiveCny,
    IReadOnlyList<Allocation> Allocations,
    IReadOnlyList<UnmetLine> Unmet,
    IReadOnlyList<PolicyOutcome> Policy,
    ShadowPrices? ShadowPrices,
    Kpis Kpis,
    SolverStatistics Statistics)
{
    /// <summary>Wall-clock timings; excluded from JSON so that the same input gives byte-identical output.</summary>
    [JsonIgnore]
    public SolveTimings? Timings { get; init; }
}
