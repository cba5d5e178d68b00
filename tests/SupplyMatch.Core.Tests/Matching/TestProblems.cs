using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Matching;

/// <summary>Small hand-made and random problems for engine tests.</summary>
internal static class TestProblems
{
    public static readonly DateOnly Monday = new(2026, 12, 7);

    public static readonly Product ChoySum = new("P-CHOYSUM", "菜心", "Choy sum", "leafy", 6, StorageClass.Chilled, 10m);
    public static readonly Product Potato = new("P-POTATO", "马铃薯", "Potato", "root_tuber", 60, StorageClass.Ambient, 20m);

    public static readonly City Guangzhou = new("GZ", "广州", "Guangzhou", new GeoPoint(23.13, 113.26));
    public static readonly City HongKong = new("HK", "香港", "Hong Kong", new GeoPoint(22.32, 114.17));

    public static readonly VehicleType Reefer15 = new("V-R15", "9.6米冷藏车", "9.6 m reefer", 15_000, true, 6.5m, 1_200m, 60);

    public static Base Base(string id, Province province = Province.Yunnan, double lat = 24.7, double lon = 102.75,
        string[]? certifications = null, int households = 0, bool povertyCounty = false) =>
        new(id, $"{id}基地", $"{id} base", province, "通海县", "Tonghai", new GeoPoint(lat, lon),
            new HashSet<string>(certifications ?? [], StringComparer.Ordinal), households, povertyCounty);

    public static Buyer Buyer(string id, City? city = null, string[]? required = null) =>
        new(id, $"{id}采购商", $"{id} buyer", BuyerType.WholesaleMarket, (city ?? Guangzhou).Id, (city ?? Guangzhou).Location,
            new HashSet<string>(required ?? [], StringComparer.Ordinal), new TimeOnly(2, 0), new TimeOnly(8, 0));

    public static HarvestLot Lot(string id, string baseId, int kg, decimal price, Product? product = null, Grade grade = Grade.First,
        int harvestOffset = -1, int fromOffset = 0, int toOffset = 2) =>
        new(id, baseId, (product ?? ChoySum).Code, grade, Monday.AddDays(harvestOffset), Monday.AddDays(fromOffset), Monday.AddDays(toOffset),
            kg, null, price, 0);

    public static DemandLine Line(string id, string buyerId, int kg, decimal ceiling, Product? product = null, Grade minGrade = Grade.Second,
        int earliestOffset = 1, int latestOffset = 4, int minFreshness = 30, int priority = 3) =>
        new(id, buyerId, (product ?? ChoySum).Code, minGrade, kg, Monday.AddDays(earliestOffset), Monday.AddDays(latestOffset),
            ceiling, minFreshness, true, priority);

    public static MatchingProblem Problem(IEnumerable<Base> bases, IEnumerable<Buyer> buyers, IEnumerable<HarvestLot> lots,
        IEnumerable<DemandLine> lines, MatchingSettings? settings = null) =>
        new(new ReferenceData([ChoySum, Potato], [Guangzhou, HongKong], [.. bases], [.. buyers], [Reefer15], []),
            [.. lots], [.. lines], settings ?? new MatchingSettings());

    /// <summary>A random problem with a few products, bases, buyers, lots and lines; deterministic per seed.</summary>
    public static MatchingProblem Random(int seed, int lots, int lines, MatchingSettings? settings = null)
    {
        var random = new Random(seed);
        Product[] products = [ChoySum, Potato];
        var bases = Enumerable.Range(0, 4).Select(i => Base($"B{i}", (Province)(i % 4), 23 + (random.NextDouble() * 4), 100 + (random.NextDouble() * 8),
            random.Next(3) == 0 ? ["gba_basket"] : [], random.Next(2) * random.Next(50, 500), random.Next(3) == 0)).ToList();
        var buyers = Enumerable.Range(0, 3).Select(i => Buyer($"U{i}", i == 2 ? HongKong : Guangzhou, i == 2 ? ["gba_basket"] : null)).ToList();
        var lotList = Enumerable.Range(0, lots).Select(i =>
        {
            var from = random.Next(0, 4);
            return Lot($"L{i:D3}", bases[random.Next(bases.Count)].Id, random.Next(1, 40) * 100, Math.Round(1.5m + (decimal)random.NextDouble() * 3, 2),
                products[random.Next(products.Length)], (Grade)random.Next(1, 4), from - random.Next(0, 2), from, from + random.Next(0, 3));
        }).ToList();
        var lineList = Enumerable.Range(0, lines).Select(i =>
        {
            var earliest = random.Next(1, 5);
            return Line($"D{i:D3}", buyers[random.Next(buyers.Count)].Id, random.Next(1, 30) * 100, Math.Round(2.2m + (decimal)random.NextDouble() * 3, 2),
                products[random.Next(products.Length)], (Grade)random.Next(1, 4), earliest, earliest + random.Next(0, 3), random.Next(20, 80), random.Next(1, 6));
        }).ToList();
        return Problem(bases, buyers, lotList, lineList, settings);
    }
}
