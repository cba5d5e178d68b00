using System.Data.Common;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Storage;

/// <summary>How one reference table maps to its domain record: columns (keys first), values and reading.</summary>
internal sealed record ReferenceTable<T>(
    string Entity,
    string Table,
    string[] Keys,
    string[] Columns,
    Func<T, object?[]> Values,
    Func<DbDataReader, T> Read)
{
    public string Select => $"SELECT {string.Join(", ", Columns)} FROM {Table}";

    public string OrderBy => "ORDER BY " + string.Join(", ", Keys);

    public string KeyFilter => string.Join(" AND ", Keys.Select(k => $"{k} = @{k}"));

    public string Id(T item) => string.Join('/', Values(item).Take(Keys.Length));
}

/// <summary>The seven reference tables.</summary>
internal static class ReferenceTables
{
    public static readonly ReferenceTable<City> Cities = new(
        "city", "cities", ["id"], ["id", "name_zh", "name_en", "lat", "lon"],
        c => [c.Id, c.NameZh, c.NameEn, c.Location.Lat, c.Location.Lon],
        r => new City(r.GetString(0), r.GetString(1), r.GetString(2), new GeoPoint(r.GetDouble(3), r.GetDouble(4))));

    public static readonly ReferenceTable<Product> Products = new(
        "product", "products", ["code"], ["code", "name_zh", "name_en", "category", "shelf_life_days", "storage_class", "crate_kg"],
        p => [p.Code, p.NameZh, p.NameEn, p.Category, p.ShelfLifeDays, EnumText.Of(p.Storage), p.CrateKg],
        r => new Product(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
            EnumText.Parse<StorageClass>(r.GetString(5)), r.GetDecimal(6)));

    public static readonly ReferenceTable<Base> Bases = new(
        "base", "bases", ["id"],
        ["id", "name_zh", "name_en", "province", "county_zh", "county_en", "lat", "lon", "certifications", "poor_households", "poverty_county"],
        b => [b.Id, b.NameZh, b.NameEn, EnumText.Of(b.Province), b.CountyZh, b.CountyEn, b.Location.Lat, b.Location.Lon,
            EnumText.JoinSet(b.Certifications), b.PoorHouseholds, b.PovertyCounty],
        r => new Base(r.GetString(0), r.GetString(1), r.GetString(2), EnumText.Parse<Province>(r.GetString(3)), r.GetString(4),
            r.GetString(5), new GeoPoint(r.GetDouble(6), r.GetDouble(7)), EnumText.SplitSet(r.GetString(8)), r.GetInt32(9), r.GetBoolean(10)));

    public static readonly ReferenceTable<Buyer> Buyers = new(
        "buyer", "buyers", ["id"],
        ["id", "name_zh", "name_en", "type", "city_id", "lat", "lon", "required_certifications", "receive_from", "receive_to"],
        b => [b.Id, b.NameZh, b.NameEn, EnumText.Of(b.Type), b.CityId, b.Location.Lat, b.Location.Lon,
            EnumText.JoinSet(b.RequiredCertifications), b.ReceiveFrom, b.ReceiveTo],
        r => new Buyer(r.GetString(0), r.GetString(1), r.GetString(2), EnumText.Parse<BuyerType>(r.GetString(3)), r.GetString(4),
            new GeoPoint(r.GetDouble(5), r.GetDouble(6)), EnumText.SplitSet(r.GetString(7)),
            r.GetFieldValue<TimeOnly>(8), r.GetFieldValue<TimeOnly>(9)));

    public static readonly ReferenceTable<VehicleType> VehicleTypes = new(
        "vehicle_type", "vehicle_types", ["id"],
        ["id", "name_zh", "name_en", "capacity_kg", "refrigerated", "cost_per_km", "fixed_cost", "speed_kmh"],
        v => [v.Id, v.NameZh, v.NameEn, v.CapacityKg, v.Refrigerated, v.CostPerKm, v.FixedCost, v.SpeedKmh],
        r => new VehicleType(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetBoolean(4),
            r.GetDecimal(5), r.GetDecimal(6), r.GetDouble(7)));

    public static readonly ReferenceTable<Lane> Lanes = new(
        "lane", "lanes", ["origin_id", "destination_id"], ["origin_id", "destination_id", "distance_km", "hours", "cost_per_kg"],
        l => [l.OriginId, l.DestinationId, l.DistanceKm, l.Hours, l.CostPerKg],
        r => new Lane(r.GetString(0), r.GetString(1), r.GetDouble(2), r.GetDouble(3), r.NullableValue<decimal>(4)));

    public static readonly ReferenceTable<Hub> Hubs = new(
        "hub", "hubs", ["id"], ["id", "name_zh", "name_en", "kind", "region", "lat", "lon", "handling_cny_per_kg", "handling_hours"],
        h => [h.Id, h.NameZh, h.NameEn, EnumText.Of(h.Kind), h.Region, h.Location.Lat, h.Location.Lon, h.HandlingCnyPerKg, h.HandlingHours],
        r => new Hub(r.GetString(0), r.GetString(1), r.GetString(2), EnumText.Parse<HubKind>(r.GetString(3)), r.GetString(4),
            new GeoPoint(r.GetDouble(5), r.GetDouble(6)), r.GetDecimal(7), r.GetDouble(8)));
}
