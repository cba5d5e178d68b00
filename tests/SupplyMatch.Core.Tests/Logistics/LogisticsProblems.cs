using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Logistics;

/// <summary>Small hand-made and random problems for the whole-truck logistics tests.</summary>
internal static class LogisticsProblems
{
    public static readonly DateOnly Monday = new(2026, 12, 7);

    public static readonly Product ChoySum = new("P-CHOYSUM", "菜心", "Choy sum", "leafy", 6, StorageClass.Chilled, 10m);
    public static readonly Product Potato = new("P-POTATO", "马铃薯", "Potato", "root_tuber", 60, StorageClass.Ambient, 20m);
    public static readonly Product Tomato = new("P-TOMATO", "番茄", "Tomato", "fruit_veg", 14, StorageClass.Cool, 10m);

    public static readonly City Guangzhou = new("GZ", "广州", "Guangzhou", new GeoPoint(23.13, 113.26));
    public static readonly City Shenzhen = new("SZ", "深圳", "Shenzhen", new GeoPoint(22.54, 114.06));

    public static readonly VehicleType Ambient18 = new("A096", "9.6米常温厢式货车", "9.6 m ambient box truck", 18_000, false, 6.5m, 600m, 65);
    public static readonly VehicleType Reefer2 = new("R042", "4.2米冷藏车", "4.2 m refrigerated truck", 2_000, true, 4.5m, 300m, 68);
    public static readonly VehicleType Reefer8 = new("R076", "7.6米冷藏车", "7.6 m refrigerated truck", 8_000, true, 6.0m, 500m, 65);
    public static readonly VehicleType Reefer15 = new("R096", "9.6米冷藏车", "9.6 m refrigerated truck", 15_000, true, 7.5m, 700m, 62);

    public static readonly Hub Kunming = new("OH-KM", "昆明集配中心", "Kunming consolidation centre", HubKind.OriginHub, "yunnan", new GeoPoint(24.889, 102.821), 0.10m, 3.0);
    public static readonly Hub GuangzhouDc = new("DC-GZ", "广州分拨中心", "Guangzhou distribution centre", HubKind.GbaDc, "GZ", new GeoPoint(23.281, 113.299), 0.12m, 2.0);
    public static readonly Hub ShenzhenDc = new("DC-SZ", "深圳分拨中心", "Shenzhen distribution centre", HubKind.GbaDc, "SZ", new GeoPoint(22.690, 114.124), 0.14m, 2.0);

    public static Base Base(string id, double lat = 24.11, double lon = 102.76, bool poor = false) =>
        new(id, $"{id}基地", $"{id} base", Province.Yunnan, "通海县", "Tonghai", new GeoPoint(lat, lon),
            new HashSet<string>(StringComparer.Ordinal), poor ? 120 : 0, false);

    public static Buyer Buyer(string id, City? city = null, double dLat = 0, double dLon = 0) =>
        new(id, $"{id}采购商", $"{id} buyer", BuyerType.WholesaleMarket, (city ?? Guangzhou).Id,
            new GeoPoint((city ?? Guangzhou).Location.Lat + dLat, (city ?? Guangzhou).Location.Lon + dLon),
            new HashSet<string>(StringComparer.Ordinal), new TimeOnly(2, 0), new TimeOnly(10, 0));

    public static HarvestLot Lot(string id, string baseId, int kg, decimal price, Product? product = null, int minOrder = 0, int from = 0, int to = 0) =>
        new(id, baseId, (product ?? ChoySum).Code, Grade.First, Monday.AddDays(-1), Monday.AddDays(from), Monday.AddDays(to), kg, null, price, minOrder);

    public static DemandLine Line(string id, string buyerId, int kg, decimal ceiling = 20m, Product? product = null, bool partial = true,
        int earliest = 1, int latest = 4, int priority = 3) =>
        new(id, buyerId, (product ?? ChoySum).Code, Grade.Second, kg, Monday.AddDays(earliest), Monday.AddDays(latest), ceiling, 20, partial, priority);

    public static MatchingProblem Problem(IEnumerable<Base> bases, IEnumerable<Buyer> buyers, IEnumerable<HarvestLot> lots, IEnumerable<DemandLine> lines,
        IEnumerable<VehicleType>? vehicles = null, IEnumerable<Hub>? hubs = null, MatchingSettings? settings = null) =>
        new(new ReferenceData([ChoySum, Potato, Tomato], [Guangzhou, Shenzhen], [.. bases], [.. buyers], [.. vehicles ?? [Ambient18, Reefer2, Reefer8, Reefer15]], [])
            { Hubs = [.. hubs ?? []] },
            [.. lots], [.. lines], settings ?? new MatchingSettings { TimeLimitSeconds = 10, Workers = 2 });

    /// <summary>Tiny trucks (kg-sized) so that exhaustive search stays small: costs are fixed + per km over ~1,300 km.</summary>
    public static readonly VehicleType[] TinyFleet =
    [
        new("T-A3", "小常温车", "tiny ambient truck", 3, false, 0.004m, 2.0m, 60),
        new("T-R2", "小冷藏车", "tiny reefer", 2, true, 0.003m, 2.0m, 60),
        new("T-R4", "中冷藏车", "small reefer", 4, true, 0.005m, 2.5m, 60),
    ];

    /// <summary>
    /// A tiny random problem for exhaustive search: two lots (one ship day each), two or three lines, quantities of 1-3 kg,
    /// random minimum orders and all-or-nothing lines, a hub and two distribution centres; deterministic per seed.
    /// </summary>
    public static MatchingProblem Tiny(int seed)
    {
        var random = new Random(seed);
        Product[] products = [ChoySum, Potato];
        var bases = new[] { Base("B0", 24.5, 102.5), Base("B1", 25.2 + random.NextDouble(), 103 + random.NextDouble(), poor: random.Next(2) == 0) };
        var buyers = new[] { Buyer("U0", Guangzhou, 0.05, 0.02), Buyer("U1", Shenzhen, -0.03, 0.04) };
        var product = products[random.Next(products.Length)];
        var lots = Enumerable.Range(0, 2).Select(i =>
        {
            var kg = random.Next(1, 4);
            var day = random.Next(0, 2);
            return Lot($"L{i}", bases[i].Id, kg, 1.0m + (random.Next(0, 100) / 100m), product, random.Next(3) == 0 ? random.Next(1, kg + 1) : 0, day, day);
        }).ToArray();
        var lines = Enumerable.Range(0, random.Next(2, 4)).Select(i =>
            Line($"D{i}", buyers[random.Next(2)].Id, random.Next(1, 4), 5.0m + (random.Next(0, 250) / 100m), product, random.Next(3) != 0, 1, 6, random.Next(1, 6))).ToArray();
        return Problem(bases, buyers, lots, lines, TinyFleet, [Kunming, GuangzhouDc, ShenzhenDc]);
    }

    /// <summary>A random problem with three products, a hub and two distribution centres; deterministic per seed.</summary>
    public static MatchingProblem Random(int seed, int lots, int lines, int bases = 5, int buyers = 4)
    {
        var random = new Random(seed);
        Product[] products = [ChoySum, Potato, Tomato];
        var baseList = Enumerable.Range(0, bases)
            .Select(i => Base($"B{i}", 23.5 + (random.NextDouble() * 3), 100.5 + (random.NextDouble() * 4), random.Next(3) == 0)).ToList();
        var buyerList = Enumerable.Range(0, buyers)
            .Select(i => Buyer($"U{i}", i % 2 == 0 ? Guangzhou : Shenzhen, (random.NextDouble() - 0.5) * 0.3, (random.NextDouble() - 0.5) * 0.3)).ToList();
        var lotList = Enumerable.Range(0, lots).Select(i =>
        {
            var from = random.Next(0, 3);
            var kg = random.Next(1, 60) * 100;
            return Lot($"L{i:D3}", baseList[random.Next(bases)].Id, kg, Math.Round(1.5m + ((decimal)random.NextDouble() * 3), 2),
                products[random.Next(products.Length)], random.Next(3) == 0 ? Math.Min(kg, random.Next(5, 30) * 100) : 0, from, from + random.Next(0, 3));
        }).ToList();
        var lineList = Enumerable.Range(0, lines).Select(i =>
        {
            var earliest = random.Next(1, 5);
            return Line($"D{i:D3}", buyerList[random.Next(buyers)].Id, random.Next(1, 40) * 100, Math.Round(3.0m + ((decimal)random.NextDouble() * 4), 2),
                products[random.Next(products.Length)], random.Next(5) != 0, earliest, earliest + random.Next(0, 3), random.Next(1, 6));
        }).ToList();
        return Problem(baseList, buyerList, lotList, lineList, hubs: [Kunming, GuangzhouDc, ShenzhenDc]);
    }

    /// <summary>The problem's index and every candidate arc that <paramref name="settings"/> allow (no plan behind the selection).</summary>
    public static (ProblemIndex Index, Candidates Candidates) EveryArc(MatchingProblem problem, LogisticsSettings settings)
    {
        var index = new ProblemIndex(problem);
        var network = new LogisticsNetwork(index, settings);
        var table = ArcTable.Build(network, settings, 1, CancellationToken.None);
        var plan = new PairPlan(new int[table.Pairs], Enumerable.Range(0, table.Pairs).Select(i => table.PairStart[i]).ToArray(), 0);
        var candidates = Candidates.Select(network, settings, table, plan, table.Bins.Select(b => b.RateMilliFen).ToArray());
        return (index, candidates);
    }

    /// <summary>Random kg on random arcs within what each lot and line has left.</summary>
    public static int[] RandomFlow(ProblemIndex index, Candidates candidates, Random random)
    {
        var flow = new int[candidates.Arcs.Length];
        var lotLeft = index.Lots.Select(l => (long)l.QuantityKg).ToArray();
        var lineLeft = index.Lines.Select(l => (long)l.QuantityKg).ToArray();
        foreach (var a in Enumerable.Range(0, flow.Length).OrderBy(_ => random.Next()))
        {
            var arc = candidates.Arcs[a];
            var most = Math.Min(lotLeft[arc.Lot], lineLeft[arc.Line]);
            if (most > 0 && random.Next(3) == 0)
            {
                var kg = (int)(random.Next(2) == 0 ? most : random.NextInt64(1, most + 1));
                (flow[a], lotLeft[arc.Lot], lineLeft[arc.Line]) = (kg, lotLeft[arc.Lot] - kg, lineLeft[arc.Line] - kg);
            }
        }

        return flow;
    }
}
