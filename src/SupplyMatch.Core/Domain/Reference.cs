namespace SupplyMatch.Core.Domain;

/// <summary>A point on the earth in decimal degrees (WGS-84).</summary>
public readonly record struct GeoPoint(double Lat, double Lon);

/// <summary>Storage class a product must travel and be held in.</summary>
public enum StorageClass
{
    /// <summary>Ambient (常温): no cold chain needed.</summary>
    Ambient,

    /// <summary>Chilled 0-4 °C (冷藏).</summary>
    Chilled,

    /// <summary>Cool 8-12 °C (恒温/低温).</summary>
    Cool,
}

/// <summary>Quality grade; a higher value is a better grade.</summary>
public enum Grade
{
    /// <summary>二级 (second grade).</summary>
    Second = 1,

    /// <summary>一级 (first grade).</summary>
    First = 2,

    /// <summary>特级 (premium grade).</summary>
    Premium = 3,
}

/// <summary>The four western partner provinces that supply the GBA.</summary>
public enum Province
{
    Yunnan,
    Guizhou,
    Sichuan,
    Guangxi,
}

/// <summary>What kind of organisation a buyer is.</summary>
public enum BuyerType
{
    WholesaleMarket,
    SupermarketChain,
    Canteen,
    Importer,
}

/// <summary>A vegetable-basket product.</summary>
/// <param name="ShelfLifeDays">Days from harvest the product stays saleable at its storage class.</param>
/// <param name="CrateKg">Weight of one standard crate, kg.</param>
public sealed record Product(
    string Code,
    string NameZh,
    string NameEn,
    string Category,
    int ShelfLifeDays,
    StorageClass Storage,
    decimal CrateKg)
{
    /// <summary>Whether the product must travel on a refrigerated vehicle.</summary>
    public bool NeedsColdChain => Storage != StorageClass.Ambient;
}

/// <summary>One of the 9 + 2 Greater Bay Area cities.</summary>
public sealed record City(string Id, string NameZh, string NameEn, GeoPoint Location);

/// <summary>A production base (farm, cooperative) in a partner province.</summary>
/// <param name="Certifications">Certification codes held, e.g. <c>gba_basket</c>, <c>green_food</c>, <c>organic</c>, <c>gap</c>.</param>
/// <param name="PoorHouseholds">Registered poor households the base employs or buys from.</param>
/// <param name="PovertyCounty">Whether the base's county was a nationally designated poverty county.</param>
public sealed record Base(
    string Id,
    string NameZh,
    string NameEn,
    Province Province,
    string CountyZh,
    string CountyEn,
    GeoPoint Location,
    IReadOnlySet<string> Certifications,
    int PoorHouseholds,
    bool PovertyCounty)
{
    /// <summary>A base is poverty-linked when it reaches registered poor households or lies in a designated county.</summary>
    public bool PovertyLinked => PoorHouseholds > 0 || PovertyCounty;
}

/// <summary>A GBA buyer: wholesale market, supermarket chain, canteen operator or HK/Macau importer.</summary>
/// <param name="RequiredCertifications">Every one of these must be held by a supplying base.</param>
/// <param name="ReceiveFrom">Start of the daily receiving window, China Standard Time.</param>
/// <param name="ReceiveTo">End of the daily receiving window, China Standard Time.</param>
public sealed record Buyer(
    string Id,
    string NameZh,
    string NameEn,
    BuyerType Type,
    string CityId,
    GeoPoint Location,
    IReadOnlySet<string> RequiredCertifications,
    TimeOnly ReceiveFrom,
    TimeOnly ReceiveTo);

/// <summary>A truck type available for line-haul and delivery.</summary>
public sealed record VehicleType(
    string Id,
    string NameZh,
    string NameEn,
    int CapacityKg,
    bool Refrigerated,
    decimal CostPerKm,
    decimal FixedCost,
    double SpeedKmh);

/// <summary>
/// An explicit lane that overrides geography between a base and a buyer (or every buyer of a city).
/// </summary>
/// <param name="DestinationId">A buyer id, or a city id meaning every buyer in that city.</param>
/// <param name="CostPerKg">Transport tariff in CNY/kg; when null the cost follows from distance and vehicle types.</param>
public sealed record Lane(string OriginId, string DestinationId, double DistanceKm, double Hours, decimal? CostPerKg);
