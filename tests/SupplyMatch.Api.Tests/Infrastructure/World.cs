using SupplyMatch.Api.Jobs;

namespace SupplyMatch.Api.Tests.Infrastructure;

/// <summary>Reference data with unique ids and request bodies built from it.</summary>
public sealed class World(string suffix)
{
    public string Suffix { get; } = suffix;

    public string CityId => $"C{Suffix}";

    public string[] ProductCodes => [$"P{Suffix}-CHOYSUM", $"P{Suffix}-POTATO"];

    public string[] BaseIds => [$"B{Suffix}-1", $"B{Suffix}-2"];

    public string[] BuyerIds => [$"Y{Suffix}-1", $"Y{Suffix}-2"];

    public string VehicleId => $"V{Suffix}";

    public string[] BuyerKeys { get; set; } = [];

    public string[] BaseKeys { get; set; } = [];

    public static DateOnly Today => Cst.Today(TimeProvider.System);

    public IEnumerable<(string Route, object Body)> ReferenceBodies()
    {
        yield return ("cities", new { id = CityId, nameZh = "广州", nameEn = "Guangzhou", lat = 23.13, lon = 113.26 });
        yield return ("products", new { code = ProductCodes[0], nameZh = "菜心", nameEn = "Choy sum", category = "leafy", shelfLifeDays = 6, storage = "chilled", crateKg = 10 });
        yield return ("products", new { code = ProductCodes[1], nameZh = "马铃薯", nameEn = "Potato", category = "root_tuber", shelfLifeDays = 60, storage = "ambient", crateKg = 20 });
        yield return ("bases", Base(BaseIds[0], "yunnan", 25.03, 103.67, 320));
        yield return ("bases", Base(BaseIds[1], "guizhou", 26.58, 106.71, 0));
        yield return ("buyers", Buyer(BuyerIds[0]));
        yield return ("buyers", Buyer(BuyerIds[1]));
        yield return ("vehicle-types", new { id = VehicleId, nameZh = "冷藏车", nameEn = "Reefer", capacityKg = 10_000, refrigerated = true, costPerKm = 6.5, fixedCost = 800, speedKmh = 60 });
        yield return ("lanes", new { originId = BaseIds[0], destinationId = CityId, distanceKm = 1_210, hours = 17.5, costPerKg = 0.62 });
    }

    /// <summary>A valid demand line body (buyerId omitted: a buyer key supplies it).</summary>
    public Dictionary<string, object?> Line(int kg = 1_000, string? buyerId = null, int product = 0) => new()
    {
        ["buyerId"] = buyerId,
        ["productCode"] = ProductCodes[product],
        ["minGrade"] = "first",
        ["quantityKg"] = kg,
        ["earliest"] = Today.AddDays(2).ToString("yyyy-MM-dd"),
        ["latest"] = Today.AddDays(4).ToString("yyyy-MM-dd"),
        ["maxLandedCnyPerKg"] = 6.80,
        ["minFreshnessPercent"] = 50,
        ["partialAllowed"] = true,
        ["priority"] = 2,
    };

    /// <summary>A valid lot body (baseId omitted: a base key supplies it).</summary>
    public Dictionary<string, object?> Lot(int kg = 5_000, string? baseId = null, int product = 0) => new()
    {
        ["baseId"] = baseId,
        ["productCode"] = ProductCodes[product],
        ["grade"] = "premium",
        ["harvestDate"] = Today.AddDays(1).ToString("yyyy-MM-dd"),
        ["availableFrom"] = Today.AddDays(1).ToString("yyyy-MM-dd"),
        ["availableTo"] = Today.AddDays(3).ToString("yyyy-MM-dd"),
        ["quantityKg"] = kg,
        ["firmKg"] = kg / 2,
        ["priceCnyPerKg"] = 3.20,
        ["minOrderKg"] = 0,
    };

    public object Round() => new
    {
        horizonFrom = Today.AddDays(1).ToString("yyyy-MM-dd"),
        horizonTo = Today.AddDays(6).ToString("yyyy-MM-dd"),
        settings = new { timeLimitSeconds = 10 },
    };

    private object Base(string id, string province, double lat, double lon, int households) => new
    {
        id, nameZh = "基地" + id, nameEn = "Base " + id, province, countyZh = "陆良县", countyEn = "Luliang", lat, lon,
        certifications = new[] { "gba_basket", "green_food" }, poorHouseholds = households, povertyCounty = households > 0,
    };

    private object Buyer(string id) => new
    {
        id, nameZh = "市场" + id, nameEn = "Market " + id, type = "wholesaleMarket", cityId = CityId, lat = 23.17, lon = 113.25,
        requiredCertifications = Array.Empty<string>(), receiveFrom = "03:00", receiveTo = "09:00",
    };
}
