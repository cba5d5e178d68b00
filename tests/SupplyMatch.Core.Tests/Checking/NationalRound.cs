using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Tests.Checking;

/// <summary>
/// A generated round at national scale in which every same-product pair is a candidate arc (premium lots, open
/// windows, no certification demands, high ceilings) and every lot holds more than all lines of its product want.
/// Then no supply constraint binds, so serving each line entirely from its cheapest lot (landed - bonus) is optimal,
/// with lot prices 0 and each line priced at its cheapest arc: a certificate the checker must accept.
/// </summary>
internal static class NationalRound
{
    private static readonly DateOnly Start = new(2025, 6, 1);

    public static MatchingProblem Problem(int lots, int lines, int products, int bases, int buyers, int seed)
    {
        var random = new Random(seed);
        var productList = Enumerable.Range(0, products).Select(p => new Product(
            $"P-{p:D3}", $"产品{p}", $"Product {p}", "leafy", p % 2 == 0 ? 10 : 30, p % 2 == 0 ? StorageClass.Chilled : StorageClass.Ambient, 10m)).ToList();
        var provinces = Enum.GetValues<Province>();
        var baseList = Enumerable.Range(0, bases).Select(b => new Base(
            $"B-{b:D4}", $"基地{b}", $"Base {b}", provinces[random.Next(provinces.Length)], $"县{b % 80}", $"County {b % 80:D2}",
            new GeoPoint(22 + (random.NextDouble() * 8), 98 + (random.NextDouble() * 12)), new HashSet<string> { "green_food" },
            random.Next(3) == 0 ? 0 : random.Next(1, 300), random.Next(2) == 0)).ToList();
        var buyerList = Enumerable.Range(0, buyers).Select(u => new Buyer(
            $"U-{u:D4}", $"采购商{u}", $"Buyer {u}", BuyerType.SupermarketChain, "GZ",
            new GeoPoint(22 + (random.NextDouble() * 1.5), 112.5 + (random.NextDouble() * 2)), new HashSet<string>(),
            new TimeOnly(4, 0), new TimeOnly(22, 0))).ToList();
        var reference = new ReferenceData(
            productList,
            [new City("GZ", "广州", "Guangzhou", new GeoPoint(23.13, 113.26))],
            baseList,
            buyerList,
            [
                new VehicleType("V-REEF", "冷藏车", "Refrigerated truck", 10_000, true, 5.5m, 1200m, 60),
                new VehicleType("V-VAN", "厢式货车", "Box truck", 12_000, false, 4.5m, 900m, 65),
            ],
            []);
        var lotList = Enumerable.Range(0, lots).Select(s => new HarvestLot(
            $"L-{s:D5}", baseList[random.Next(bases)].Id, productList[s % products].Code, Grade.Premium, Start, Start, Start.AddDays(6),
            1_000_000, null, 2m + (random.Next(400) / 100m), 0)).ToList();
        var lineList = Enumerable.Range(0, lines).Select(d => new DemandLine(
            $"D-{d:D5}", buyerList[random.Next(buyers)].Id, productList[d % products].Code, Grade.Second, random.Next(100, 5_000),
            Start.AddDays(1), Start.AddDays(8), 50m, 0, true, random.Next(1, 6))).ToList();
        return new MatchingProblem(reference, lotList, lineList, new MatchingSettings());
    }

    /// <summary>Each line served in full by its cheapest lot, with the prices that prove it optimal; KPIs left empty.</summary>
    public static MatchingResult CheapestSupplierResult(MatchingProblem problem)
    {
        var transport = new TransportModel(problem.Reference, problem.Settings);
        var bases = problem.Reference.Bases.ToDictionary(b => b.Id);
        var buyers = problem.Reference.Buyers.ToDictionary(b => b.Id);
        var products = problem.Reference.Products.ToDictionary(p => p.Code);
        var legs = new Dictionary<(string, string, bool), TransportLeg>();
        var lotsByProduct = problem.Lots.GroupBy(l => l.ProductCode).ToDictionary(g => g.Key, g => g.ToList());
        var allocations = new List<Allocation>();
        var linePrices = new List<LineShadowPrice>();
        var objectiveFen = 0L;
        foreach (var line in problem.Lines)
        {
            var product = products[line.ProductCode];
            var buyer = buyers[line.BuyerId];
            (HarvestLot Lot, TransportLeg Leg, long NetFen) best = default;
            foreach (var lot in lotsByProduct[line.ProductCode])
            {
                var origin = bases[lot.BaseId];
                var key = (origin.Id, buyer.Id, product.NeedsColdChain);
                if (!legs.TryGetValue(key, out var leg))
                {
                    legs[key] = leg = transport.Leg(origin, buyer, product.NeedsColdChain);
                }

                var net = Money.ToFen(lot.PriceCnyPerKg) + leg.TariffFenPerKg - (origin.PovertyLinked ? Money.ToFen(problem.Settings.PovertyBonusCnyPerKg) : 0);
                if (best.Lot is null || net < best.NetFen)
                {
                    best = (lot, leg, net);
                }
            }

            allocations.Add(Allocate(problem, best.Lot!, line, best.Leg, product, bases[best.Lot!.BaseId]));
            linePrices.Add(new LineShadowPrice(line.Id, Money.ToCny(best.NetFen)));
            objectiveFen += best.NetFen * line.QuantityKg;
        }

        var pairs = problem.Lines.Sum(d => (long)lotsByProduct[d.ProductCode].Count);
        var objective = Money.ToCny(objectiveFen);
        return new MatchingResult(
            SolveStatus.Optimal,
            objective,
            allocations,
            [],
            [],
            new ShadowPrices(problem.Lots.Select(l => new LotShadowPrice(l.Id, 0m)).ToList(), linePrices),
            new Kpis(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], [], []),
            new SolverStatistics("flow", SolveStatus.Optimal, problem.Lots.Count, problem.Lines.Count, pairs, (int)pairs, [], 0, 0, objective, objective, objective, 0));
    }

    private static Allocation Allocate(MatchingProblem problem, HarvestLot lot, DemandLine line, TransportLeg leg, Product product, Base origin)
    {
        var ship = lot.AvailableFrom > line.Earliest.AddDays(-leg.DeliveryOffsetDays) ? lot.AvailableFrom : line.Earliest.AddDays(-leg.DeliveryOffsetDays);
        var delivery = ship.AddDays(leg.DeliveryOffsetDays);
        var exFarm = Money.ToCny(Money.ToFen(lot.PriceCnyPerKg));
        var tariff = Money.ToCny(leg.TariffFenPerKg);
        var bonus = origin.PovertyLinked ? problem.Settings.PovertyBonusCnyPerKg : 0m;
        return new Allocation(lot.Id, line.Id, lot.BaseId, line.BuyerId, line.ProductCode, line.QuantityKg, ship, delivery, leg.DistanceKm,
            TransportModel.FreshnessPercent(product, lot.HarvestDate, delivery), exFarm, tariff, exFarm + tariff, bonus);
    }
}
