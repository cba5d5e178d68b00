using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Scenario;

/// <summary>A real county seat in a partner province, where generated bases are placed.</summary>
internal sealed record CountySeat(Province Province, string NameZh, string NameEn, double Lat, double Lon, bool PovertyCounty);

/// <summary>A GBA city with its population (millions), which weighs how many buyers it gets.</summary>
internal sealed record GbaCity(City City, double PopulationMillions);

/// <summary>A product of the catalogue with its typical ex-farm price and how much of GBA demand it draws.</summary>
internal sealed record CatalogProduct(Product Product, decimal TypicalPriceCnyPerKg, double Popularity);

/// <summary>Real places and products the generator draws from.</summary>
internal static class GeneratorCatalog
{
    /// <summary>Share of generated bases per province.</summary>
    public static readonly (Province Province, double Weight)[] ProvinceWeights =
        [(Province.Yunnan, 0.30), (Province.Guangxi, 0.30), (Province.Guizhou, 0.20), (Province.Sichuan, 0.20)];

    /// <summary>Vegetable-growing counties supplying the GBA; coordinates of the county seats (approximate).</summary>
    public static readonly CountySeat[] Counties =
    [
        new(Province.Yunnan, "元谋县", "Yuanmou", 25.704, 101.874, true),
        new(Province.Yunnan, "通海县", "Tonghai", 24.112, 102.760, false),
        new(Province.Yunnan, "呈贡区", "Chenggong", 24.887, 102.821, false),
        new(Province.Yunnan, "陆良县", "Luliang", 25.030, 103.666, false),
        new(Province.Yunnan, "建水县", "Jianshui", 23.635, 102.827, false),
        new(Province.Yunnan, "砚山县", "Yanshan", 23.606, 104.337, true),
        new(Province.Yunnan, "会泽县", "Huize", 26.417, 103.297, true),
        new(Province.Yunnan, "宣威市", "Xuanwei", 26.219, 104.105, true),
        new(Province.Yunnan, "弥勒市", "Mile", 24.411, 103.415, false),
        new(Province.Yunnan, "永胜县", "Yongsheng", 26.684, 100.751, true),
        new(Province.Guizhou, "威宁县", "Weining", 26.873, 104.253, true),
        new(Province.Guizhou, "盘州市", "Panzhou", 25.710, 104.471, true),
        new(Province.Guizhou, "水城区", "Shuicheng", 26.547, 104.958, true),
        new(Province.Guizhou, "西秀区", "Xixiu", 26.245, 105.965, false),
        new(Province.Guizhou, "贞丰县", "Zhenfeng", 25.386, 105.650, true),
        new(Province.Guizhou, "开阳县", "Kaiyang", 27.057, 106.965, false),
        new(Province.Guizhou, "湄潭县", "Meitan", 27.749, 107.466, false),
        new(Province.Guizhou, "罗甸县", "Luodian", 25.426, 106.752, true),
        new(Province.Guizhou, "织金县", "Zhijin", 26.663, 105.769, true),
        new(Province.Sichuan, "彭州市", "Pengzhou", 30.990, 103.958, false),
        new(Province.Sichuan, "米易县", "Miyi", 26.890, 102.112, false),
        new(Province.Sichuan, "西昌市", "Xichang", 27.895, 102.264, false),
        new(Province.Sichuan, "会理市", "Huili", 26.655, 102.245, false),
        new(Province.Sichuan, "汉源县", "Hanyuan", 29.344, 102.652, true),
        new(Province.Sichuan, "金堂县", "Jintang", 30.862, 104.412, false),
        new(Province.Sichuan, "昭觉县", "Zhaojue", 28.015, 102.840, true),
        new(Province.Sichuan, "盐源县", "Yanyuan", 27.422, 101.509, true),
        new(Province.Sichuan, "苍溪县", "Cangxi", 31.732, 105.934, true),
        new(Province.Guangxi, "田阳区", "Tianyang", 23.736, 106.915, true),
        new(Province.Guangxi, "田东县", "Tiandong", 23.597, 107.126, true),
        new(Province.Guangxi, "横州市", "Hengzhou", 22.680, 109.261, false),
        new(Province.Guangxi, "武鸣区", "Wuming", 23.159, 108.275, false),
        new(Province.Guangxi, "北流市", "Beiliu", 22.708, 110.354, false),
        new(Province.Guangxi, "博白县", "Bobai", 22.273, 109.975, false),
        new(Province.Guangxi, "灵山县", "Lingshan", 22.417, 109.291, false),
        new(Province.Guangxi, "全州县", "Quanzhou", 25.928, 111.072, false),
        new(Province.Guangxi, "隆安县", "Long'an", 23.166, 107.696, true),
        new(Province.Guangxi, "乐业县", "Leye", 24.785, 106.556, true),
        new(Province.Guangxi, "田林县", "Tianlin", 24.294, 106.228, true),
    ];

    /// <summary>The 9 + 2 Greater Bay Area cities.</summary>
    public static readonly GbaCity[] Cities =
    [
        new(new City("GZ", "广州", "Guangzhou", new GeoPoint(23.129, 113.264)), 18.8),
        new(new City("SZ", "深圳", "Shenzhen", new GeoPoint(22.543, 114.058)), 17.7),
        new(new City("DG", "东莞", "Dongguan", new GeoPoint(23.021, 113.752)), 10.5),
        new(new City("FS", "佛山", "Foshan", new GeoPoint(23.022, 113.122)), 9.6),
        new(new City("HK", "香港", "Hong Kong", new GeoPoint(22.320, 114.170)), 7.5),
        new(new City("HZ", "惠州", "Huizhou", new GeoPoint(23.112, 114.416)), 6.0),
        new(new City("JM", "江门", "Jiangmen", new GeoPoint(22.579, 113.082)), 4.8),
        new(new City("ZS", "中山", "Zhongshan", new GeoPoint(22.517, 113.393)), 4.4),
        new(new City("ZQ", "肇庆", "Zhaoqing", new GeoPoint(23.047, 112.465)), 4.1),
        new(new City("ZH", "珠海", "Zhuhai", new GeoPoint(22.271, 113.577)), 2.5),
        new(new City("MO", "澳门", "Macao", new GeoPoint(22.199, 113.544)), 0.7),
    ];

    /// <summary>Line-haul and delivery trucks: refrigerated 2, 8, 15, 25 t and an 18 t ambient box truck.</summary>
    public static readonly VehicleType[] VehicleTypes =
    [
        new("V-R02", "2吨冷藏车", "2 t refrigerated truck", 2_000, true, 2.60m, 300m, 55),
        new("V-R08", "8吨冷藏车", "8 t refrigerated truck", 8_000, true, 4.20m, 500m, 60),
        new("V-R15", "15吨冷藏车", "15 t refrigerated truck", 15_000, true, 5.60m, 700m, 62),
        new("V-R25", "25吨冷藏半挂车", "25 t refrigerated semi-trailer", 25_000, true, 7.20m, 900m, 62),
        new("V-A18", "18吨厢式货车", "18 t box truck (ambient)", 18_000, false, 4.80m, 600m, 65),
    ];

    /// <summary>
    /// Origin consolidation hubs near Kunming, Guiyang, Chengdu and Nanning and GBA distribution centres in Guangzhou,
    /// Shenzhen, Dongguan and Zhuhai (as data/reference/hubs.csv: approximate sites of real produce logistics parks).
    /// </summary>
    public static readonly Hub[] Hubs =
    [
        new("OH-KM", "昆明呈贡蔬菜集配中心", "Kunming Chenggong vegetable consolidation centre", HubKind.OriginHub, "yunnan", new GeoPoint(24.8890, 102.8210), 0.10m, 3.0),
        new("OH-GY", "贵阳农产品物流园集配中心", "Guiyang produce logistics park consolidation centre", HubKind.OriginHub, "guizhou", new GeoPoint(26.4480, 106.6700), 0.09m, 3.0),
        new("OH-CD", "成都农产品中心集配中心", "Chengdu produce centre consolidation hub", HubKind.OriginHub, "sichuan", new GeoPoint(30.5520, 104.0010), 0.09m, 3.0),
        new("OH-NN", "南宁海吉星农产品集配中心", "Nanning Hi-Key produce consolidation centre", HubKind.OriginHub, "guangxi", new GeoPoint(22.7710, 108.4120), 0.08m, 2.5),
        new("DC-GZ", "广州白云冷链分拨中心", "Guangzhou Baiyun cold-chain distribution centre", HubKind.GbaDc, "GZ", new GeoPoint(23.2810, 113.2990), 0.12m, 2.0),
        new("DC-SZ", "深圳平湖冷链分拨中心", "Shenzhen Pinghu cold-chain distribution centre", HubKind.GbaDc, "SZ", new GeoPoint(22.6900, 114.1240), 0.14m, 2.0),
        new("DC-DG", "东莞大朗分拨中心", "Dongguan Dalang distribution centre", HubKind.GbaDc, "DG", new GeoPoint(22.9400, 113.9410), 0.11m, 2.0),
        new("DC-ZH", "珠海洪湾冷链分拨中心", "Zhuhai Hongwan cold-chain distribution centre", HubKind.GbaDc, "ZH", new GeoPoint(22.1920, 113.5060), 0.12m, 2.0),
    ];

    /// <summary>Certification codes with the share of bases holding each.</summary>
    public static readonly (string Code, double Share)[] BaseCertifications =
        [("gba_basket", 0.45), ("green_food", 0.35), ("gap", 0.15), ("organic", 0.08)];
}
