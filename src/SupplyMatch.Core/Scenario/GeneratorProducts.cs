using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Scenario;

/// <summary>
/// Vegetable-basket products with shelf lives and storage classes by category, typical ex-farm prices (CNY/kg)
/// and GBA popularity. Picked round-robin over categories so that a few products still span them.
/// </summary>
internal static class GeneratorProducts
{
    private static readonly StorageClass Ambient = StorageClass.Ambient;
    private static readonly StorageClass Chilled = StorageClass.Chilled;
    private static readonly StorageClass Cool = StorageClass.Cool;

    private static readonly (string Category, (string Code, string Zh, string En, int Shelf, StorageClass Storage, decimal Crate, decimal Price, double Popularity)[] Items)[] Catalogue =
    [
        ("leafy", [
            ("P-CHOYSUM", "菜心", "Choy sum", 5, Chilled, 10m, 3.80m, 3.0), ("P-LETTUCE", "生菜", "Lettuce", 6, Chilled, 10m, 2.60m, 2.5),
            ("P-AMAIN", "油麦菜", "Indian lettuce", 5, Chilled, 10m, 2.80m, 1.6), ("P-SPINACH", "菠菜", "Spinach", 5, Chilled, 10m, 3.60m, 1.5),
            ("P-WATERSPINACH", "通菜", "Water spinach", 3, Chilled, 10m, 3.00m, 1.8), ("P-AMARANTH", "苋菜", "Amaranth", 4, Chilled, 10m, 3.20m, 0.8),
            ("P-CROWNDAISY", "茼蒿", "Crown daisy", 4, Chilled, 8m, 4.20m, 0.6), ("P-CELERY", "芹菜", "Celery", 14, Chilled, 15m, 2.40m, 1.2),
            ("P-CORIANDER", "香菜", "Coriander", 5, Chilled, 5m, 6.50m, 0.5), ("P-PEASHOOT", "豆苗", "Pea shoots", 4, Chilled, 5m, 7.00m, 0.6),
            ("P-MALABAR", "木耳菜", "Malabar spinach", 4, Chilled, 8m, 3.80m, 0.4), ("P-CELTUCE", "莴笋", "Celtuce", 14, Cool, 15m, 2.20m, 0.9)]),
        ("brassica", [
            ("P-GAILAN", "芥蓝", "Chinese kale", 7, Chilled, 10m, 4.00m, 1.8), ("P-BOKCHOY", "小白菜", "Bok choy", 5, Chilled, 10m, 2.50m, 2.0),
            ("P-PAKCHOY", "上海青", "Shanghai pak choy", 6, Chilled, 10m, 2.80m, 1.7), ("P-NAPA", "大白菜", "Napa cabbage", 30, Cool, 20m, 1.20m, 2.2),
            ("P-CABBAGE", "包菜", "Cabbage", 30, Cool, 20m, 1.40m, 2.0), ("P-BROCCOLI", "西兰花", "Broccoli", 14, Chilled, 10m, 5.50m, 1.3),
            ("P-CAULIFLOWER", "花椰菜", "Cauliflower", 14, Chilled, 10m, 3.60m, 1.1), ("P-MUSTARD", "芥菜", "Mustard greens", 7, Chilled, 15m, 2.30m, 0.7),
            ("P-BABYNAPA", "娃娃菜", "Baby napa cabbage", 14, Chilled, 10m, 3.00m, 1.0)]),
        ("root_tuber", [
            ("P-POTATO", "马铃薯", "Potato", 60, Ambient, 25m, 1.60m, 2.4), ("P-CARROT", "胡萝卜", "Carrot", 30, Cool, 20m, 1.80m, 1.6),
            ("P-RADISH", "白萝卜", "White radish", 21, Cool, 20m, 1.00m, 1.4), ("P-TARO", "芋头", "Taro", 45, Ambient, 20m, 4.00m, 0.9),
            ("P-SWEETPOTATO", "红薯", "Sweet potato", 45, Ambient, 20m, 2.20m, 0.8), ("P-YAM", "山药", "Chinese yam", 45, Ambient, 15m, 6.00m, 0.6),
            ("P-LOTUSROOT", "莲藕", "Lotus root", 14, Chilled, 15m, 4.50m, 0.8), ("P-GINGER", "生姜", "Ginger", 90, Ambient, 20m, 6.50m, 0.9),
            ("P-WATERCHESTNUT", "马蹄", "Water chestnut", 21, Cool, 15m, 5.00m, 0.4)]),
        ("fruit_veg", [
            ("P-TOMATO", "番茄", "Tomato", 10, Cool, 10m, 3.20m, 2.4), ("P-CHERRYTOMATO", "圣女果", "Cherry tomato", 10, Cool, 5m, 6.00m, 0.9),
            ("P-CUCUMBER", "黄瓜", "Cucumber", 10, Cool, 15m, 2.60m, 1.9), ("P-CHILI", "辣椒", "Chili pepper", 14, Cool, 10m, 5.00m, 1.3),
            ("P-BELLPEPPER", "甜椒", "Bell pepper", 14, Cool, 10m, 4.20m, 1.0), ("P-EGGPLANT", "茄子", "Eggplant", 10, Cool, 15m, 2.80m, 1.3),
            ("P-PUMPKIN", "南瓜", "Pumpkin", 60, Ambient, 20m, 1.50m, 1.0), ("P-WINTERMELON", "冬瓜", "Winter melon", 60, Ambient, 25m, 1.10m, 1.1),
            ("P-BITTERMELON", "苦瓜", "Bitter melon", 10, Cool, 15m, 3.50m, 0.9), ("P-LOOFAH", "丝瓜", "Loofah", 7, Cool, 15m, 3.20m, 0.9),
            ("P-ZUCCHINI", "西葫芦", "Zucchini", 10, Cool, 15m, 2.40m, 0.7), ("P-CHAYOTE", "佛手瓜", "Chayote", 30, Ambient, 20m, 1.60m, 0.5),
            ("P-HAIRYGOURD", "节瓜", "Hairy gourd", 14, Cool, 15m, 2.80m, 0.6)]),
        ("mushroom", [
            ("P-SHIITAKE", "香菇", "Shiitake", 10, Chilled, 5m, 12.00m, 0.9), ("P-OYSTER", "平菇", "Oyster mushroom", 5, Chilled, 5m, 6.00m, 0.6),
            ("P-ENOKI", "金针菇", "Enoki", 10, Chilled, 5m, 5.50m, 0.8), ("P-KINGOYSTER", "杏鲍菇", "King oyster mushroom", 14, Chilled, 5m, 7.50m, 0.6),
            ("P-PORCINI", "牛肝菌", "Porcini", 4, Chilled, 3m, 60.00m, 0.2)]),
        ("allium", [
            ("P-SCALLION", "大葱", "Scallion", 14, Cool, 15m, 2.80m, 1.1), ("P-SPRINGONION", "小葱", "Spring onion", 5, Chilled, 5m, 5.00m, 1.0),
            ("P-CHIVES", "韭菜", "Garlic chives", 5, Chilled, 10m, 4.00m, 0.8), ("P-GARLICSHOOT", "蒜苔", "Garlic shoots", 30, Chilled, 10m, 6.00m, 0.6),
            ("P-ONION", "洋葱", "Onion", 60, Ambient, 25m, 1.40m, 1.4), ("P-GARLIC", "大蒜", "Garlic", 90, Ambient, 20m, 5.00m, 1.0)]),
        ("legume", [
            ("P-SNOWPEA", "荷兰豆", "Snow peas", 7, Chilled, 10m, 8.00m, 0.8), ("P-YARDLONG", "豇豆", "Yardlong bean", 5, Cool, 10m, 4.50m, 1.0),
            ("P-GREENBEAN", "四季豆", "Green bean", 7, Cool, 10m, 4.80m, 1.0), ("P-EDAMAME", "毛豆", "Edamame", 5, Chilled, 10m, 5.50m, 0.6),
            ("P-SUGARSNAP", "甜豆", "Sugar snap peas", 7, Chilled, 10m, 8.50m, 0.5)]),
        ("fruit", [
            ("P-BANANA", "香蕉", "Banana", 14, Cool, 13m, 2.80m, 1.5), ("P-MANGO", "芒果", "Mango", 10, Cool, 10m, 6.00m, 1.0),
            ("P-PITAYA", "火龙果", "Dragon fruit", 21, Cool, 10m, 6.50m, 0.8), ("P-WOGAN", "沃柑", "Wogan mandarin", 30, Cool, 10m, 4.50m, 1.1),
            ("P-PASSIONFRUIT", "百香果", "Passion fruit", 21, Cool, 5m, 9.00m, 0.5), ("P-KIWI", "猕猴桃", "Kiwifruit", 45, Chilled, 10m, 8.00m, 0.7),
            ("P-LEMON", "柠檬", "Lemon", 60, Ambient, 15m, 4.00m, 0.6), ("P-PLUM", "李子", "Plum", 14, Chilled, 10m, 5.00m, 0.5),
            ("P-BLUEBERRY", "蓝莓", "Blueberry", 14, Chilled, 2m, 40.00m, 0.3)]),
    ];

    /// <summary>Number of distinct products before variants are made up.</summary>
    public static int Distinct => Catalogue.Sum(c => c.Items.Length);

    /// <summary>The first <paramref name="count"/> products, categories interleaved; beyond the catalogue, numbered varieties.</summary>
    public static IReadOnlyList<CatalogProduct> Take(int count, GeneratorRandom random)
    {
        var ordered = Interleaved().ToList();
        var result = new List<CatalogProduct>(count);
        for (var i = 0; i < count; i++)
        {
            var (category, item) = ordered[i % ordered.Count];
            var variety = (i / ordered.Count) + 1;
            var product = new Product(
                variety == 1 ? item.Code : $"{item.Code}-V{variety}",
                variety == 1 ? item.Zh : $"{item.Zh}（{variety}号品种）",
                variety == 1 ? item.En : $"{item.En} (variety {variety})",
                category,
                item.Shelf,
                item.Storage,
                item.Crate);
            var price = variety == 1 ? item.Price : decimal.Round(item.Price * (decimal)random.Uniform(0.8, 1.3), 2);
            result.Add(new CatalogProduct(product, price, item.Popularity / variety));
        }

        return result;
    }

    private static IEnumerable<(string Category, (string Code, string Zh, string En, int Shelf, StorageClass Storage, decimal Crate, decimal Price, double Popularity) Item)> Interleaved()
    {
        var longest = Catalogue.Max(c => c.Items.Length);
        for (var i = 0; i < longest; i++)
        {
            foreach (var (category, items) in Catalogue)
            {
                if (i < items.Length)
                {
                    yield return (category, items[i]);
                }
            }
        }
    }
}
