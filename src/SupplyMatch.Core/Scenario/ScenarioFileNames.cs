namespace SupplyMatch.Core.Scenario;

/// <summary>File names of a scenario directory (data/README.md).</summary>
public static class ScenarioFileNames
{
    public const string Cities = "cities.csv";
    public const string Products = "products.csv";
    public const string Bases = "bases.csv";
    public const string Buyers = "buyers.csv";
    public const string VehicleTypes = "vehicle_types.csv";
    public const string Lanes = "lanes.csv";
    public const string Hubs = "hubs.csv";
    public const string Lots = "lots.csv";
    public const string Lines = "lines.csv";
    public const string ScenarioJson = "scenario.json";

    /// <summary>The reference files, in a scenario directory or the reference directory its scenario.json names.</summary>
    public static IReadOnlyList<string> Reference { get; } = [Cities, Products, Bases, Buyers, VehicleTypes, Lanes, Hubs];

    /// <summary>Every file a scenario directory may hold.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Reference, Lots, Lines, ScenarioJson];
}

/// <summary>The columns of every scenario file, with their Chinese header aliases (data/README.md).</summary>
public static class ScenarioColumns
{
    public static CsvSchema Cities { get; } = new(ScenarioFileNames.Cities, [
        new("id", "编号"), new("name_zh", "中文名"), new("name_en", "英文名"), new("lat", "纬度"), new("lon", "经度")]);

    public static CsvSchema Products { get; } = new(ScenarioFileNames.Products, [
        new("code", "产品代码"), new("name_zh", "中文名"), new("name_en", "英文名"), new("category", "类别"),
        new("shelf_life_days", "保质期天数"), new("storage_class", "储存类别"), new("crate_kg", "每箱重量")]);

    public static CsvSchema Bases { get; } = new(ScenarioFileNames.Bases, [
        new("id", "编号"), new("name_zh", "中文名"), new("name_en", "英文名"), new("province", "省份"),
        new("county_zh", "县中文名"), new("county_en", "县英文名"), new("lat", "纬度"), new("lon", "经度"),
        new("certifications", "认证"), new("poor_households", "脱贫户数"), new("poverty_county", "原贫困县")]);

    public static CsvSchema Buyers { get; } = new(ScenarioFileNames.Buyers, [
        new("id", "编号"), new("name_zh", "中文名"), new("name_en", "英文名"), new("type", "类型"),
        new("city_id", "城市"), new("lat", "纬度"), new("lon", "经度"),
        new("required_certifications", "要求认证", Required: false),
        new("receive_from", "收货开始"), new("receive_to", "收货结束")]);

    public static CsvSchema VehicleTypes { get; } = new(ScenarioFileNames.VehicleTypes, [
        new("id", "编号"), new("name_zh", "中文名"), new("name_en", "英文名"), new("capacity_kg", "载重公斤"),
        new("refrigerated", "冷藏"), new("cost_per_km", "每公里成本"), new("fixed_cost", "固定成本"), new("speed_kmh", "平均时速")]);

    public static CsvSchema Lanes { get; } = new(ScenarioFileNames.Lanes, [
        new("origin_id", "起点"), new("destination_id", "终点"), new("distance_km", "距离公里"), new("hours", "小时"),
        new("cost_per_kg", "每公斤运费", Required: false)]);

    public static CsvSchema Hubs { get; } = new(ScenarioFileNames.Hubs, [
        new("id", "编号"), new("name_zh", "中文名"), new("name_en", "英文名"), new("kind", "类型"),
        new("province_or_city", "省份或城市"), new("lat", "纬度"), new("lon", "经度"),
        new("handling_cny_per_kg", "每公斤操作费"), new("handling_hours", "操作小时")]);

    public static CsvSchema Lots { get; } = new(ScenarioFileNames.Lots, [
        new("id", "批次编号"), new("base_id", "基地编号"), new("product_code", "产品代码"), new("grade", "等级"),
        new("harvest_date", "采收日期"), new("available_from", "可发货起"), new("available_to", "可发货止"),
        new("quantity_kg", "数量公斤"), new("firm_kg", "确定数量公斤", Required: false),
        new("price_cny_per_kg", "出园价"), new("min_order_kg", "最小起订量", Required: false)]);

    public static CsvSchema Lines { get; } = new(ScenarioFileNames.Lines, [
        new("id", "需求编号"), new("buyer_id", "采购商编号"), new("product_code", "产品代码"), new("min_grade", "最低等级"),
        new("quantity_kg", "数量公斤"), new("earliest", "最早交货"), new("latest", "最晚交货"),
        new("max_landed_cny_per_kg", "最高到岸价"), new("min_freshness_pct", "最低新鲜度"),
        new("partial_allowed", "允许部分满足", Required: false), new("priority", "优先级", Required: false)]);
}
