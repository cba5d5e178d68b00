using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Scenario;

/// <summary>A generated base with what drives its lots: size, the products it grows, its price level.</summary>
internal sealed record GeneratedBase(Base Base, double Size, int[] Products, double PriceFactor);

/// <summary>A generated buyer with its size (how many lines it posts).</summary>
internal sealed record GeneratedBuyer(Buyer Buyer, double Size);

/// <summary>Bases around real county seats of the partner provinces, buyers in the GBA cities, and a few lanes.</summary>
internal static class GeneratorParties
{
    private static readonly string[] KindsZh = ["蔬菜基地", "种植专业合作社", "现代农业产业园", "生态农场"];
    private static readonly string[] KindsEn = ["Vegetable Base", "Growers' Cooperative", "Agricultural Park", "Eco Farm"];

    public static List<GeneratedBase> Bases(int count, IReadOnlyList<CatalogProduct> products, GeneratorRandom random)
    {
        var provinces = new WeightTable(GeneratorCatalog.ProvinceWeights.Select(p => p.Weight));
        var countiesOf = GeneratorCatalog.Counties.GroupBy(c => c.Province).ToDictionary(g => g.Key, g => g.ToArray());
        var placed = new Dictionary<Province, int>();
        var popularity = new WeightTable(products.Select(p => p.Popularity));
        var bases = new List<GeneratedBase>(count);
        for (var i = 0; i < count; i++)
        {
            var province = GeneratorCatalog.ProvinceWeights[random.PickIndex(provinces)].Province;
            var seq = placed[province] = placed.GetValueOrDefault(province) + 1;
            var counties = countiesOf[province];
            var county = counties[(seq - 1) % counties.Length];
            var kind = random.Between(0, KindsZh.Length - 1);
            var number = ((seq - 1) / counties.Length) + 1;
            var poorHouseholds = random.Chance(county.PovertyCounty ? 0.8 : 0.45)
                ? (int)Math.Round(random.LogNormal(county.PovertyCounty ? 60 : 25, 0.7))
                : 0;
            var @base = new Base(
                $"B-{ProvinceCode(province)}-{i + 1:0000}",
                $"{county.NameZh}{KindsZh[kind]}{number}号",
                $"{county.NameEn} {KindsEn[kind]} {number}",
                province,
                county.NameZh,
                county.NameEn,
                new GeoPoint(Math.Round(county.Lat + (0.08 * random.Normal()), 4), Math.Round(county.Lon + (0.08 * random.Normal()), 4)),
                Certifications(random),
                poorHouseholds,
                county.PovertyCounty);
            var portfolio = Portfolio(i % products.Count, products.Count, popularity, random);
            bases.Add(new GeneratedBase(@base, random.LogNormal(1, 0.6), portfolio, random.LogNormal(1, 0.08)));
        }

        return bases;
    }

    public static List<GeneratedBuyer> Buyers(int count, GeneratorRandom random)
    {
        var cities = new WeightTable(GeneratorCatalog.Cities.Select(c => c.PopulationMillions));
        var perCity = new Dictionary<string, int>();
        var buyers = new List<GeneratedBuyer>(count);
        for (var i = 0; i < count; i++)
        {
            // The first eleven buyers cover every city once; the rest follow population.
            var city = GeneratorCatalog.Cities[i < GeneratorCatalog.Cities.Length ? i : random.PickIndex(cities)].City;
            var number = perCity[city.Id] = perCity.GetValueOrDefault(city.Id) + 1;
            var crossBorder = city.Id is "HK" or "MO";
            var type = crossBorder
                ? random.PickWeighted((BuyerType.Importer, 0.7), (BuyerType.SupermarketChain, 0.3))
                : random.PickWeighted((BuyerType.WholesaleMarket, 0.30), (BuyerType.SupermarketChain, 0.35), (BuyerType.Canteen, 0.35));
            var (from, to) = ReceivingWindow(type, random);
            var buyer = new Buyer(
                $"K-{city.Id}-{i + 1:0000}",
                $"{city.NameZh}{TypeZh(type)}{number:000}",
                $"{city.NameEn} {TypeEn(type)} {number:000}",
                type,
                city.Id,
                new GeoPoint(Math.Round(city.Location.Lat + (0.05 * random.Normal()), 4), Math.Round(city.Location.Lon + (0.05 * random.Normal()), 4)),
                RequiredCertifications(type, crossBorder, random),
                from,
                to);
            buyers.Add(new GeneratedBuyer(buyer, random.LogNormal(1, 0.7)));
        }

        return buyers;
    }

    /// <summary>About one base in twenty has a surveyed lane to a GBA city, some with a contracted tariff.</summary>
    public static List<Lane> Lanes(IReadOnlyList<GeneratedBase> bases, GeneratorRandom random)
    {
        var cities = new WeightTable(GeneratorCatalog.Cities.Select(c => c.PopulationMillions));
        var lanes = new List<Lane>();
        foreach (var generated in bases)
        {
            if (!random.Chance(0.05))
            {
                continue;
            }

            var city = GeneratorCatalog.Cities[random.PickIndex(cities)].City;
            var distance = Math.Round(TransportModel.GreatCircleKm(generated.Base.Location, city.Location) * random.Uniform(1.15, 1.35), 1);
            var hours = Math.Round(distance / random.Uniform(55, 70), 1);
            decimal? tariff = random.Chance(0.3) ? decimal.Round((decimal)(distance * random.Uniform(0.00025, 0.0004)), 2) : null;
            lanes.Add(new Lane(generated.Base.Id, city.Id, distance, hours, tariff));
        }

        return lanes;
    }

    private static int[] Portfolio(int guaranteed, int productCount, WeightTable popularity, GeneratorRandom random)
    {
        var size = Math.Min(productCount, random.Between(3, 10));
        var chosen = new List<int> { guaranteed };
        for (var attempt = 0; chosen.Count < size && attempt < size * 20; attempt++)
        {
            var p = random.PickIndex(popularity);
            if (!chosen.Contains(p))
            {
                chosen.Add(p);
            }
        }

        return chosen.ToArray();
    }

    private static HashSet<string> Certifications(GeneratorRandom random)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, share) in GeneratorCatalog.BaseCertifications)
        {
            if (random.Chance(share))
            {
                set.Add(code);
            }
        }

        return set;
    }

    private static HashSet<string> RequiredCertifications(BuyerType type, bool crossBorder, GeneratorRandom random)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (crossBorder && random.Chance(type == BuyerType.Importer ? 0.95 : 0.8))
        {
            required.Add("gba_basket");
        }
        else if (type == BuyerType.SupermarketChain && random.Chance(0.15))
        {
            required.Add("green_food");
        }

        return required;
    }

    private static (TimeOnly From, TimeOnly To) ReceivingWindow(BuyerType type, GeneratorRandom random)
    {
        var (from, to) = type switch
        {
            BuyerType.WholesaleMarket => (2, 9),
            BuyerType.SupermarketChain => (5, 14),
            BuyerType.Canteen => (6, 11),
            _ => (8, 18),
        };
        var shift = random.Between(-1, 1);
        return (new TimeOnly(from + shift, 0), new TimeOnly(to + shift, random.Pick([0, 30])));
    }

    private static string ProvinceCode(Province p) => p switch
    {
        Province.Yunnan => "YN",
        Province.Guizhou => "GZ",
        Province.Sichuan => "SC",
        _ => "GX",
    };

    private static string TypeZh(BuyerType t) => t switch
    {
        BuyerType.WholesaleMarket => "农产品批发市场",
        BuyerType.SupermarketChain => "连锁超市配送中心",
        BuyerType.Canteen => "团餐配送中心",
        _ => "进口商",
    };

    private static string TypeEn(BuyerType t) => t switch
    {
        BuyerType.WholesaleMarket => "Wholesale Market",
        BuyerType.SupermarketChain => "Supermarket DC",
        BuyerType.Canteen => "Catering Kitchen",
        _ => "Importer",
    };
}
