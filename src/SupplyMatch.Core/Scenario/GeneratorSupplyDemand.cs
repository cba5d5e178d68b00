using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Scenario;

/// <summary>Harvest lots and demand lines of a generated scenario.</summary>
internal static class GeneratorSupplyDemand
{
    public static List<HarvestLot> Lots(GeneratorOptions options, IReadOnlyList<CatalogProduct> products, IReadOnlyList<GeneratedBase> bases, GeneratorRandom random)
    {
        var bySize = new WeightTable(bases.Select(b => b.Size));
        var lots = new List<HarvestLot>(options.Lots);
        for (var i = 0; i < options.Lots; i++)
        {
            var origin = bases[random.PickIndex(bySize)];
            var catalog = products[random.Pick(origin.Products)];
            var grade = random.PickWeighted((Grade.First, 0.55), (Grade.Premium, 0.20), (Grade.Second, 0.25));
            var harvest = options.StartDate.AddDays(random.Between(-1, Math.Max(-1, options.Days - 2)));
            var from = harvest.AddDays(random.Chance(0.7) ? 0 : 1);
            var lastUseful = harvest.AddDays(Math.Max(1, catalog.Product.ShelfLifeDays / 2));
            var to = from.AddDays(random.Between(0, 2));
            to = to > lastUseful ? (from > lastUseful ? from : lastUseful) : to;
            var quantity = RoundTo(Math.Clamp(random.LogNormal(4_000, 0.9), 100, 80_000), 10);
            int? firm = random.Chance(0.5) ? RoundTo(quantity * random.Uniform(0.5, 0.9), 10) : null;
            var price = catalog.TypicalPriceCnyPerKg * (decimal)(origin.PriceFactor * random.Uniform(0.95, 1.05)) * GradeFactor(grade);
            var minOrder = random.Chance(0.35) ? Math.Min(quantity, Math.Max(50, RoundTo(quantity * random.Uniform(0.02, 0.15), 50))) : 0;
            lots.Add(new HarvestLot(
                $"LOT-{i + 1:000000}", origin.Base.Id, catalog.Product.Code, grade, harvest, from, to,
                quantity, firm, Math.Max(0.10m, decimal.Round(price, 2)), minOrder));
        }

        return lots;
    }

    public static List<DemandLine> Lines(
        GeneratorOptions options,
        IReadOnlyList<CatalogProduct> products,
        IReadOnlyList<GeneratedBuyer> buyers,
        IReadOnlyDictionary<string, (decimal Ambient, decimal Cold)> tariffs,
        GeneratorRandom random)
    {
        var bySize = new WeightTable(buyers.Select(b => b.Size));
        var byPopularity = new WeightTable(products.Select(p => p.Popularity));
        var lines = new List<DemandLine>(options.Lines);
        for (var i = 0; i < options.Lines; i++)
        {
            var buyer = buyers[random.PickIndex(bySize)].Buyer;
            var catalog = products[random.PickIndex(byPopularity)];
            var minGrade = MinGrade(buyer.Type, random);
            var quantity = RoundTo(Math.Clamp(random.LogNormal(MedianLineKg(buyer.Type), 0.8), 20, 50_000), 10);
            var earliest = options.StartDate.AddDays(random.Between(1, options.Days));
            var latest = earliest.AddDays(random.PickWeighted((0, 0.30), (1, 0.35), (2, 0.20), (3, 0.15)));
            var tariff = catalog.Product.NeedsColdChain ? tariffs[buyer.Id].Cold : tariffs[buyer.Id].Ambient;
            var typicalLanded = (catalog.TypicalPriceCnyPerKg * GradeFactor(minGrade)) + tariff;

            // Most ceilings leave room above the typical landed price; about one in five is set too low.
            var ceiling = decimal.Round(typicalLanded * (decimal)random.Uniform(0.72, 1.45), 2);
            lines.Add(new DemandLine(
                $"LINE-{i + 1:000000}", buyer.Id, catalog.Product.Code, minGrade, quantity, earliest, latest,
                Math.Max(0.10m, ceiling),
                30 + (5 * random.Between(0, 10)),
                random.Chance(0.85),
                random.PickWeighted((3, 0.40), (2, 0.20), (4, 0.20), (1, 0.10), (5, 0.10))));
        }

        return lines;
    }

    private static decimal GradeFactor(Grade grade) => grade switch
    {
        Grade.Premium => 1.25m,
        Grade.First => 1.00m,
        _ => 0.80m,
    };

    private static Grade MinGrade(BuyerType type, GeneratorRandom random) => type switch
    {
        BuyerType.Importer => random.PickWeighted((Grade.First, 0.55), (Grade.Premium, 0.40), (Grade.Second, 0.05)),
        BuyerType.SupermarketChain => random.PickWeighted((Grade.First, 0.60), (Grade.Premium, 0.20), (Grade.Second, 0.20)),
        BuyerType.WholesaleMarket => random.PickWeighted((Grade.Second, 0.55), (Grade.First, 0.40), (Grade.Premium, 0.05)),
        _ => random.PickWeighted((Grade.Second, 0.50), (Grade.First, 0.45), (Grade.Premium, 0.05)),
    };

    private static double MedianLineKg(BuyerType type) => type switch
    {
        BuyerType.WholesaleMarket => 3_000,
        BuyerType.SupermarketChain => 1_500,
        BuyerType.Importer => 2_000,
        _ => 400,
    };

    private static int RoundTo(double value, int step) => Math.Max(step, (int)Math.Round(value / step) * step);
}
