using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Scenario;

/// <summary>How each reference file's rows become domain records, and the rules each row must follow.</summary>
internal static class ReferenceTables
{
    private static readonly IReadOnlySet<string> NoCertifications = new HashSet<string>();

    public static CsvTable<City> Cities()
    {
        var s = ScenarioColumns.Cities;
        return new(s, s["id"], row => new City(
            row.Required(s["id"], ValueRules.Id),
            row.Required(s["name_zh"], ValueRules.Name),
            row.Required(s["name_en"], ValueRules.Name),
            new GeoPoint(row.Required(s["lat"], ValueRules.Latitude), row.Required(s["lon"], ValueRules.Longitude))),
            c => c.Id,
            _ => []);
    }

    public static CsvTable<Product> Products()
    {
        var s = ScenarioColumns.Products;
        return new(s, s["code"], row => new Product(
            row.Required(s["code"], ValueRules.Id),
            row.Required(s["name_zh"], ValueRules.Name),
            row.Required(s["name_en"], ValueRules.Name),
            row.Required(s["category"], ValueRules.Id),
            row.Required(s["shelf_life_days"], ValueRules.ShelfLifeDays),
            row.Required(s["storage_class"], ValueRules.Storage),
            row.Required(s["crate_kg"], ValueRules.CrateKg)),
            p => p.Code,
            _ => []);
    }

    public static CsvTable<VehicleType> VehicleTypes()
    {
        var s = ScenarioColumns.VehicleTypes;
        return new(s, s["id"], row => new VehicleType(
            row.Required(s["id"], ValueRules.Id),
            row.Required(s["name_zh"], ValueRules.Name),
            row.Required(s["name_en"], ValueRules.Name),
            row.Required(s["capacity_kg"], ValueRules.PositiveKg),
            row.Required(s["refrigerated"], ValueRules.Boolean),
            row.Required(s["cost_per_km"], ValueRules.CostCny),
            row.Required(s["fixed_cost"], ValueRules.CostCny),
            row.Required(s["speed_kmh"], ValueRules.PositiveNumber)),
            v => v.Id,
            _ => []);
    }

    public static CsvTable<Base> Bases()
    {
        var s = ScenarioColumns.Bases;
        return new(s, s["id"], row => new Base(
            row.Required(s["id"], ValueRules.Id),
            row.Required(s["name_zh"], ValueRules.Name),
            row.Required(s["name_en"], ValueRules.Name),
            row.Required(s["province"], ValueRules.Province),
            row.Required(s["county_zh"], ValueRules.Name),
            row.Required(s["county_en"], ValueRules.Name),
            new GeoPoint(row.Required(s["lat"], ValueRules.Latitude), row.Required(s["lon"], ValueRules.Longitude)),
            row.Optional(s["certifications"], ValueRules.Certifications, NoCertifications),
            row.Required(s["poor_households"], ValueRules.Households),
            row.Required(s["poverty_county"], ValueRules.Boolean)),
            b => b.Id,
            _ => []);
    }

    public static CsvTable<Buyer> Buyers(IdLookup<City> cities)
    {
        var s = ScenarioColumns.Buyers;
        return new(s, s["id"], row => new Buyer(
            row.Required(s["id"], ValueRules.Id),
            row.Required(s["name_zh"], ValueRules.Name),
            row.Required(s["name_en"], ValueRules.Name),
            row.Required(s["type"], ValueRules.BuyerType),
            row.Required(s["city_id"], ValueRules.Id),
            new GeoPoint(row.Required(s["lat"], ValueRules.Latitude), row.Required(s["lon"], ValueRules.Longitude)),
            row.Optional(s["required_certifications"], ValueRules.Certifications, NoCertifications),
            row.Required(s["receive_from"], ValueRules.TimeOfDay),
            row.Required(s["receive_to"], ValueRules.TimeOfDay)),
            b => b.Id,
            b => CheckBuyer(b, cities));
    }

    public static CsvTable<Lane> Lanes(IdLookup<Base> bases, IdLookup<Buyer> buyers, IdLookup<City> cities)
    {
        var s = ScenarioColumns.Lanes;
        return new(s, s["destination_id"], row => new Lane(
            row.Required(s["origin_id"], ValueRules.Id),
            row.Required(s["destination_id"], ValueRules.Id),
            row.Required(s["distance_km"], ValueRules.PositiveNumber),
            row.Required(s["hours"], ValueRules.PositiveNumber),
            row.OptionalValue(s["cost_per_kg"], ValueRules.CostCny)),
            l => $"{l.OriginId} -> {l.DestinationId}",
            l => CheckLane(l, bases, buyers, cities));
    }

    /// <summary>Origin consolidation hubs and GBA distribution centres; a centre's city must be in cities.csv.</summary>
    public static CsvTable<Hub> Hubs(IdLookup<City> cities)
    {
        var s = ScenarioColumns.Hubs;
        return new(s, s["id"], row => ReadHub(row, s), h => h.Id, h => CheckHub(h, cities));
    }

    /// <summary>An origin hub's region is a partner province (written as its code), a centre's a city id.</summary>
    private static Hub ReadHub(CsvRow row, CsvSchema s)
    {
        var id = row.Required(s["id"], ValueRules.Id);
        var nameZh = row.Required(s["name_zh"], ValueRules.Name);
        var nameEn = row.Required(s["name_en"], ValueRules.Name);
        var errorsBefore = row.Errors.Count;
        var kind = row.Required(s["kind"], ValueRules.HubKind);
        var region = row.Required(s["province_or_city"], ValueRules.Id);
        if (row.Errors.Count == errorsBefore && kind == HubKind.OriginHub)
        {
            region = ValueRules.Province.TryParse(region, out var province, out _)
                ? Vocabulary.Provinces.Code(province)
                : Fail(row, "province_or_city", RowReasons.HubNotInProvince.With(("value", region)), region);
        }

        return new Hub(id, nameZh, nameEn, kind, region,
            new GeoPoint(row.Required(s["lat"], ValueRules.Latitude), row.Required(s["lon"], ValueRules.Longitude)),
            row.Required(s["handling_cny_per_kg"], ValueRules.CostCny),
            row.Required(s["handling_hours"], ValueRules.HandlingHours));
    }

    private static IEnumerable<FieldError> CheckHub(Hub hub, IdLookup<City> cities)
    {
        if (hub.Kind == HubKind.GbaDc && cities.Resolve(hub.Region, "province_or_city") is not null)
        {
            yield return new FieldError("province_or_city", RowReasons.HubNotInCity.With(("id", hub.Region), ("file", cities.File)));
        }
    }

    private static string Fail(CsvRow row, string column, RowReason reason, string value)
    {
        row.Fail(column, reason);
        return value;
    }

    private static IEnumerable<FieldError> CheckBuyer(Buyer buyer, IdLookup<City> cities)
    {
        if (cities.Resolve(buyer.CityId, "city_id") is { } unknownCity)
        {
            yield return unknownCity;
        }

        if (buyer.ReceiveFrom >= buyer.ReceiveTo)
        {
            yield return new FieldError("receive_to", RowReasons.ReceiveWindowReversed.With(("to", CsvWriter.Of(buyer.ReceiveTo)), ("from", CsvWriter.Of(buyer.ReceiveFrom))));
        }
    }

    private static IEnumerable<FieldError> CheckLane(Lane lane, IdLookup<Base> bases, IdLookup<Buyer> buyers, IdLookup<City> cities)
    {
        if (bases.Resolve(lane.OriginId, "origin_id") is { } unknownBase)
        {
            yield return unknownBase;
        }

        var destinationKnown = buyers.Resolve(lane.DestinationId, "destination_id") is null
            || cities.Resolve(lane.DestinationId, "destination_id") is null;
        if (!destinationKnown)
        {
            yield return new FieldError("destination_id", RowReasons.UnknownDestination.With(("id", lane.DestinationId), ("buyers_file", buyers.File), ("cities_file", cities.File)));
        }
    }
}
