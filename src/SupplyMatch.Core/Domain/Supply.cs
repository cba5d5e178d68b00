namespace SupplyMatch.Core.Domain;

/// <summary>A harvest forecast lot posted by a base.</summary>
/// <param name="AvailableFrom">First calendar day (CST) the lot can be shipped.</param>
/// <param name="AvailableTo">Last calendar day (CST) the lot can be shipped.</param>
/// <param name="QuantityKg">Expected quantity, kg.</param>
/// <param name="FirmKg">Optional firm (low-case) quantity the base commits to, kg.</param>
/// <param name="PriceCnyPerKg">Ex-farm price, CNY/kg.</param>
/// <param name="MinOrderKg">Minimum quantity a buyer must take from this lot (0 = none).</param>
public sealed record HarvestLot(
    string Id,
    string BaseId,
    string ProductCode,
    Grade Grade,
    DateOnly HarvestDate,
    DateOnly AvailableFrom,
    DateOnly AvailableTo,
    int QuantityKg,
    int? FirmKg,
    decimal PriceCnyPerKg,
    int MinOrderKg);

/// <summary>A demand line submitted by a buyer.</summary>
/// <param name="Earliest">Earliest delivery day (CST), inclusive.</param>
/// <param name="Latest">Latest delivery day (CST), inclusive.</param>
/// <param name="MaxLandedCnyPerKg">Ceiling on ex-farm price plus transport, CNY/kg.</param>
/// <param name="MinFreshnessPercent">Minimum remaining shelf life at delivery, % of the product's shelf life.</param>
/// <param name="PartialAllowed">Whether a partial fill is acceptable (false = all or nothing).</param>
/// <param name="Priority">1 (most urgent) to 5 (least); weighs the penalty for leaving the line unmet.</param>
public sealed record DemandLine(
    string Id,
    string BuyerId,
    string ProductCode,
    Grade MinGrade,
    int QuantityKg,
    DateOnly Earliest,
    DateOnly Latest,
    decimal MaxLandedCnyPerKg,
    int MinFreshnessPercent,
    bool PartialAllowed,
    int Priority);
