using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// Random instances for the logistics benchmarks, shaped like the scenario generator's (bases clustered at real
/// vegetable counties, buyers in the 11 GBA cities by population, log-normal lot and line sizes, 35 % of lots with
/// a minimum order, 15 % all-or-nothing lines, ceilings around the typical landed price), plus the hubs of
/// data/reference/hubs.csv. Stands in for ScenarioGenerator until that is available here; deterministic per seed.
/// </summary>
public static class LogisticsInstances
{
    private static readonly (Province Province, double Lat, double Lon)[] Counties =
    [
        (Province.Yunnan, 25.704, 101.874), (Province.Yunnan, 24.112, 102.760), (Province.Yunnan, 24.887, 102.821), (Province.Yunnan, 25.030, 103.666),
        (Province.Yunnan, 23.635, 102.827), (Province.Yunnan, 23.606, 104.337), (Province.Yunnan, 26.417, 103.297), (Province.Yunnan, 26.219, 104.105),
        (Province.Guizhou, 26.873, 104.253), (Province.Guizhou, 25.710, 104.471), (Province.Guizhou, 26.547, 104.958), (Province.Guizhou, 26.245, 105.965),
        (Province.Guizhou, 25.386, 105.650), (Province.Guizhou, 27.057, 106.965), (Province.Guizhou, 27.749, 107.466),
        (Province.Sichuan, 30.990, 103.958), (Province.Sichuan, 26.890, 102.112), (Province.Sichuan, 27.895, 102.264), (Province.Sichuan, 29.344, 102.652),
        (Province.Sichuan, 30.862, 104.412), (Province.Sichuan, 31.732, 105.934),
        (Province.Guangxi, 23.736, 106.915), (Province.Guangxi, 23.597, 107.126), (Province.Guangxi, 22.680, 109.261), (Province.Guangxi, 23.159, 108.275),
        (Province.Guangxi, 22.708, 110.354), (Province.Guangxi, 22.273, 109.975), (Province.Guangxi, 25.928, 111.072), (Province.Guangxi, 24.785, 106.556),
    ];

    private static readonly (City City, double Population)[] Cities =
    [
        (new City("GZ", "广州", "Guangzhou", new GeoPoint(23.129, 113.264)), 18.8), (new City("SZ", "深圳", "Shenzhen", new GeoPoint(22.543, 114.058)), 17.7),
        (new City("DG", "东莞", "Dongguan", new GeoPoint(23.021, 113.752)), 10.5), (new City("FS", "佛山", "Foshan", new GeoPoint(23.022, 113.122)), 9.6),
        (new City("HK", "香港", "Hong Kong", new GeoPoint(22.320, 114.170)), 7.5), (new City("HZ", "惠州", "Huizhou", new GeoPoint(23.112, 114.416)), 6.0),
        (new City("JM", "江门", "Jiangmen", new GeoPoint(22.579, 113.082)), 4.8), (new City("ZS", "中山", "Zhongshan", new GeoPoint(22.517, 113.393)), 4.4),
        (new City("ZQ", "肇庆", "Zhaoqing", new GeoPoint(23.047, 112.465)), 4.1), (new City("ZH", "珠海", "Zhuhai", new GeoPoint(22.271, 113.577)), 2.5),
        (new City("MO", "澳门", "Macao", new GeoPoint(22.199, 113.544)), 0.7),
    ];

    /// <summary>Code, shelf life, storage, typical ex-farm CNY/kg, popularity.</summary>
    private static readonly (string Code, int Shelf, StorageClass Storage, decimal Price, double Popularity)[] Catalogue =
    [
        ("CHOYSUM", 5, StorageClass.Chilled, 3.80m, 3.0), ("LETTUCE", 6, StorageClass.Chilled, 2.60m, 2.5), ("SPINACH", 5, StorageClass.Chilled, 3.60m, 1.5),
        ("GAILAN", 7, StorageClass.Chilled, 4.00m, 1.8), ("BOKCHOY", 5, StorageClass.Chilled, 2.50m, 2.0), ("NAPA", 30, StorageClass.Cool, 1.20m, 2.2),
        ("CABBAGE", 30, StorageClass.Cool, 1.40m, 2.0), ("BROCCOLI", 14, StorageClass.Chilled, 5.50m, 1.3), ("POTATO", 60, StorageClass.Ambient, 1.60m, 2.4),
        ("CARROT", 30, StorageClass.Cool, 1.80m, 1.6), ("RADISH", 21, StorageClass.Cool, 1.00m, 1.4), ("TARO", 45, StorageClass.Ambient, 4.00m, 0.9),
        ("SWEETPOTATO", 45, StorageClass.Ambient, 2.20m, 0.8), ("GINGER", 90, StorageClass.Ambient, 6.50m, 0.9), ("TOMATO", 10, StorageClass.Cool, 3.20m, 2.4),
        ("CUCUMBER", 10, StorageClass.Cool, 2.60m, 1.9), ("CHILI", 14, StorageClass.Cool, 5.00m, 1.3), ("EGGPLANT", 10, StorageClass.Cool, 2.80m, 1.3),
        ("PUMPKIN", 60, StorageClass.Ambient, 1.50m, 1.0), ("WINTERMELON", 60, StorageClass.Ambient, 1.10m, 1.1), ("SHIITAKE", 10, StorageClass.Chilled, 12.00m, 0.9),
        ("ENOKI", 10, StorageClass.Chilled, 5.50m, 0.8), ("SCALLION", 14, StorageClass.Cool, 2.80m, 1.1), ("ONION", 60, StorageClass.Ambient, 1.40m, 1.4),
        ("GARLIC", 90, StorageClass.Ambient, 5.00m, 1.0), ("SNOWPEA", 7, StorageClass.Chilled, 8.00m, 0.8), ("GREENBEAN", 7, StorageClass.Cool, 4.80m, 1.0),
        ("BANANA", 14, StorageClass.Cool, 2.80m, 1.5), ("MANGO", 10, StorageClass.Cool, 6.00m, 1.0), ("WOGAN", 30, StorageClass.Cool, 4.50m, 1.1),
    ];

    /// <summary>Refrigerated 2, 8, 15, 25 t and an 18 t ambient box truck (as the scenario generator's catalogue).</summary>
    public static readonly VehicleType[] Vehicles =
    [
        new("V-R02", "2吨冷藏车", "2 t refrigerated truck", 2_000, true, 2.60m, 300m, 55),
        new("V-R08", "8吨冷藏车", "8 t refrigerated truck", 8_000, true, 4.20m, 500m, 60),
        new("V-R15", "15吨冷藏车", "15 t refrigerated truck", 15_000, true, 5.60m, 700m, 62),
        new("V-R25", "25吨冷藏半挂车", "25 t refrigerated semi-trailer", 25_000, true, 7.20m, 900m, 62),
        new("V-A18", "18吨厢式货车", "18 t box truck (ambient)", 18_000, false, 4.80m, 600m, 65),
    ];

    /// <summary>The GBA-week shape scaled: bases = lots / 20, buyers = lines / 40, like the scenario generator.</summary>
    public static MatchingProblem Generate(int lots, int lines, int products, int days, int seed, MatchingSettings? settings = null)
    {
        var random = new Random(seed);
        var start = new DateOnly(2026, 6, 1);
        var catalogue = Enumerable.Range(0, products).Select(i => MakeProduct(i, random)).ToArray();
        var bases = Enumerable.Range(0, Math.Max(8, lots / 20)).Select(i => MakeBase(i, random)).ToArray();
        var baseSize = bases.Select(_ => LogNormal(random, 1, 0.6)).ToArray();
        var portfolios = bases.Select((_, i) => Enumerable.Range(0, random.Next(3, 11)).Select(k => k == 0 ? i % products : random.Next(products)).Distinct().ToArray()).ToArray();
        var buyers = Enumerable.Range(0, Math.Max(11, lines / 40)).Select(i => MakeBuyer(i, random)).ToArray();
        var buyerSize = buyers.Select(_ => LogNormal(random, 1, 0.7)).ToArray();
        var reference = new ReferenceData(catalogue.Select(c => c.Product).ToArray(), Cities.Select(c => c.City).ToArray(), bases, buyers, Vehicles, [])
        {
            Hubs = ReferenceHubs(),
        };
        settings ??= new MatchingSettings();
        var lotList = Enumerable.Range(0, lots).Select(i => MakeLot(i, start, days, bases, baseSize, portfolios, catalogue, random)).ToArray();
        var transport = new TransportModel(reference, settings);
        var lineList = Enumerable.Range(0, lines).Select(i => MakeLine(i, start, days, bases, buyers, buyerSize, catalogue, transport, random)).ToArray();
        return new MatchingProblem(reference, lotList, lineList, settings);
    }

    /// <summary>The hubs of data/reference/hubs.csv, found by walking up from the working directory to the repository.</summary>
    public static IReadOnlyList<Hub> ReferenceHubs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "data", "reference", HubFile.FileName);
            if (File.Exists(path))
            {
                var loaded = HubFile.Read(path);
                return loaded.Value ?? throw new InvalidDataException(string.Join("; ", loaded.Errors.Select(e => e.Message)));
            }
        }

        throw new FileNotFoundException("data/reference/hubs.csv not found above " + AppContext.BaseDirectory);
    }

    private static (Product Product, decimal Price, double Popularity) MakeProduct(int i, Random random)
    {
        var (code, shelf, storage, price, popularity) = Catalogue[i % Catalogue.Length];
        var variety = (i / Catalogue.Length) + 1;
        var product = new Product($"P-{code}{(variety == 1 ? string.Empty : $"-V{variety}")}", code, code, "vegetable", shelf, storage, 10m);
        return (product, variety == 1 ? price : decimal.Round(price * (decimal)(0.8 + (random.NextDouble() * 0.5)), 2), popularity / variety);
    }

    private static Base MakeBase(int i, Random random)
    {
        var county = Counties[random.Next(Counties.Length)];
        var households = random.NextDouble() < 0.55 ? (int)LogNormal(random, 40, 0.7) : 0;
        return new Base($"B-{i + 1:0000}", $"基地{i + 1}", $"Base {i + 1}", county.Province, "县", "County",
            new GeoPoint(Math.Round(county.Lat + (0.08 * Normal(random)), 4), Math.Round(county.Lon + (0.08 * Normal(random)), 4)),
            new HashSet<string>(random.NextDouble() < 0.45 ? ["gba_basket"] : [], StringComparer.Ordinal), households, random.NextDouble() < 0.4);
    }

    private static Buyer MakeBuyer(int i, Random random)
    {
        var city = i < Cities.Length ? Cities[i].City : Cities[Weighted(random, Cities.Select(c => c.Population).ToArray())].City;
        var type = (BuyerType)random.Next(4);
        var (from, to) = type switch
        {
            BuyerType.WholesaleMarket => (2, 9),
            BuyerType.SupermarketChain => (5, 14),
            BuyerType.Canteen => (6, 11),
            _ => (8, 18),
        };
        var required = city.Id is "HK" or "MO" && random.NextDouble() < 0.9 ? new[] { "gba_basket" } : [];
        return new Buyer($"K-{city.Id}-{i + 1:0000}", $"采购商{i + 1}", $"Buyer {i + 1}", type, city.Id,
            new GeoPoint(Math.Round(city.Location.Lat + (0.05 * Normal(random)), 4), Math.Round(city.Location.Lon + (0.05 * Normal(random)), 4)),
            new HashSet<string>(required, StringComparer.Ordinal), new TimeOnly(from, 0), new TimeOnly(to, 0));
    }

    private static HarvestLot MakeLot(int i, DateOnly start, int days, Base[] bases, double[] baseSize, int[][] portfolios,
        (Product Product, decimal Price, double Popularity)[] catalogue, Random random)
    {
        var b = Weighted(random, baseSize);
        var (product, typical, _) = catalogue[portfolios[b][random.Next(portfolios[b].Length)]];
        var grade = (Grade)Weighted(random, [0, 0.25, 0.55, 0.20]);
        var harvest = start.AddDays(random.Next(-1, Math.Max(0, days - 1)));
        var from = harvest.AddDays(random.NextDouble() < 0.7 ? 0 : 1);
        var lastUseful = harvest.AddDays(Math.Max(1, product.ShelfLifeDays / 2));
        var to = from.AddDays(random.Next(0, 3));
        to = to > lastUseful ? (from > lastUseful ? from : lastUseful) : to;
        var kg = RoundTo(Math.Clamp(LogNormal(random, 4_000, 0.9), 100, 80_000), 10);
        var price = Math.Max(0.10m, decimal.Round(typical * (decimal)(0.9 + (random.NextDouble() * 0.2)) * GradeFactor(grade), 2));
        var minOrder = random.NextDouble() < 0.35 ? Math.Min(kg, Math.Max(50, RoundTo(kg * (0.02 + (random.NextDouble() * 0.13)), 50))) : 0;
        return new HarvestLot($"LOT-{i + 1:000000}", bases[b].Id, product.Code, grade, harvest, from, to, kg, null, price, minOrder);
    }

    private static DemandLine MakeLine(int i, DateOnly start, int days, Base[] bases, Buyer[] buyers, double[] buyerSize,
        (Product Product, decimal Price, double Popularity)[] catalogue, TransportModel transport, Random random)
    {
        var buyer = buyers[Weighted(random, buyerSize)];
        var (product, typical, _) = catalogue[Weighted(random, catalogue.Select(c => c.Popularity).ToArray())];
        var minGrade = (Grade)Weighted(random, [0, 0.45, 0.45, 0.10]);
        var median = buyer.Type switch { BuyerType.WholesaleMarket => 3_000, BuyerType.SupermarketChain => 1_500, BuyerType.Importer => 2_000, _ => 400 };
        var kg = RoundTo(Math.Clamp(LogNormal(random, median, 0.8), 20, 50_000), 10);
        var earliest = start.AddDays(random.Next(1, days + 1));
        var latest = earliest.AddDays(Weighted(random, [0.30, 0.35, 0.20, 0.15]));
        var tariff = Money.ToCny(transport.Leg(bases[i % bases.Length], buyer, product.NeedsColdChain).TariffFenPerKg);
        var ceiling = decimal.Round(((typical * GradeFactor(minGrade)) + tariff) * (decimal)(0.85 + (random.NextDouble() * 0.6)), 2);
        return new DemandLine($"LINE-{i + 1:000000}", buyer.Id, product.Code, minGrade, kg, earliest, latest, Math.Max(0.10m, ceiling),
            30 + (5 * random.Next(0, 11)), random.NextDouble() < 0.85, (int)Weighted(random, [0, 0.10, 0.20, 0.40, 0.20, 0.10]));
    }

    private static decimal GradeFactor(Grade grade) => grade switch { Grade.Premium => 1.25m, Grade.First => 1.00m, _ => 0.80m };

    private static int Weighted(Random random, double[] weights)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    private static double LogNormal(Random random, double median, double sigma) => median * Math.Exp(sigma * Normal(random));

    private static int RoundTo(double value, int step) => Math.Max(step, (int)Math.Round(value / step) * step);
}
