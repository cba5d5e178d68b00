using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;

namespace SupplyMatch.Storage.Tests.Infrastructure;

/// <summary>A small world of reference data with unique ids, so tests sharing a database never collide.</summary>
public sealed class Samples
{
    public static readonly Actor Planner = new("planner-key", Roles.Planner, null);

    public Samples()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        City = new City($"C{u}", "广州", "Guangzhou", new GeoPoint(23.13, 113.26));
        Product = new Product($"P{u}", "菜心", "Choy sum", "leafy", 6, StorageClass.Chilled, 10m);
        Base = new Base($"B{u}", "曲靖基地", "Qujing base", Province.Yunnan, "陆良县", "Luliang", new GeoPoint(25.03, 103.67),
            new HashSet<string> { "gba_basket", "green_food" }, 120, true);
        Buyer = new Buyer($"Y{u}", "江南市场", "Jiangnan market", BuyerType.WholesaleMarket, City.Id, new GeoPoint(23.17, 113.25),
            new HashSet<string>(), new TimeOnly(4, 0), new TimeOnly(10, 0));
        Vehicle = new VehicleType($"V{u}", "冷藏车", "Reefer 10t", 10_000, true, 6.5m, 800m, 60);
        Lane = new Lane(Base.Id, City.Id, 1_300, 18, null);
        Suffix = u;
    }

    public string Suffix { get; }

    public City City { get; }

    public Product Product { get; }

    public Base Base { get; }

    public Buyer Buyer { get; }

    public VehicleType Vehicle { get; }

    public Lane Lane { get; }

    public static DateOnly Day(int offset) => new DateOnly(2026, 6, 1).AddDays(offset);

    public Actor BuyerActor => new("buyer-key", Roles.Buyer, Buyer.Id);

    public Actor BaseActor => new("base-key", Roles.Base, Base.Id);

    public async Task CreateReferenceAsync(Stores stores)
    {
        var ct = CancellationToken.None;
        await stores.Reference.Cities.CreateAsync(City, Planner, ct);
        await stores.Reference.Products.CreateAsync(Product, Planner, ct);
        await stores.Reference.Bases.CreateAsync(Base, Planner, ct);
        await stores.Reference.Buyers.CreateAsync(Buyer, Planner, ct);
        await stores.Reference.VehicleTypes.CreateAsync(Vehicle, Planner, ct);
        await stores.Reference.Lanes.CreateAsync(Lane, Planner, ct);
    }

    public DemandLine Line(int n, int kg = 1_000, int earliest = 2, int latest = 4) =>
        new($"L{Suffix}-{n:D5}", Buyer.Id, Product.Code, Grade.First, kg, Day(earliest), Day(latest), 6.80m, 60, true, 2);

    public HarvestLot Lot(int n, int kg = 5_000) =>
        new($"H{Suffix}-{n:D4}", Base.Id, Product.Code, Grade.Premium, Day(0), Day(0), Day(3), kg, kg / 2, 3.20m, 0);

    public NewRound Round(int fromDay = 0, int toDay = 10) =>
        new(Guid.CreateVersion7(), Day(fromDay), Day(toDay), DateTimeOffset.UtcNow, new MatchingSettings { TimeLimitSeconds = 10 }, null);

    /// <summary>A hand-made result over the given lines (a storage round-trip, not a solve).</summary>
    public MatchingResult Result(IReadOnlyList<DemandLine> lines, HarvestLot lot)
    {
        var allocations = lines.Select((l, i) => new Allocation(lot.Id, l.Id, Base.Id, Buyer.Id, Product.Code, l.QuantityKg - i,
            Day(1), Day(2 + (i % 2)), 1300.5, 80, 3.20m, 0.95m, 4.15m, 0.10m)).ToList();
        var unmet = lines.Select((l, i) => new UnmetLine(l.Id, Buyer.Id, Product.Code, l.QuantityKg, l.QuantityKg - i, i,
            UnmetReason.OutCompeted, new UnmetExplanation(1, 4.15m, 6.80m, 80, 60, Grade.Premium, null, 7.10m, 6.80m, [lot.Id], ["other"],
                "Out-competed", "被其他需求竞得"))).Where(u => u.UnmetKg > 0).ToList();
        var kpis = new Kpis(lines.Sum(l => l.QuantityKg), allocations.Sum(a => a.Kg), 0.99, lines.Count, 1, lines.Count - 1, 0, 0.5,
            100m, 20m, 120m, 4.15m, 1300.5, 500, 100m, 100, 120, [], [], []);
        var statistics = new SolverStatistics("flow", SolveStatus.Optimal, 1, lines.Count, lines.Count, lines.Count, [], lines.Count, 2, 120m, 120m, 120m, 0);
        return new MatchingResult(SolveStatus.Optimal, 120m, allocations, unmet, [], new ShadowPrices([new LotShadowPrice(lot.Id, 0.3m)], []), kpis, statistics);
    }
}
