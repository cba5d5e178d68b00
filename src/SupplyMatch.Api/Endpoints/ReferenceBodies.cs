using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Api.Endpoints;

/// <summary>A product as sent by a planner. Every field is required.</summary>
public sealed record ProductBody(string? Code, string? NameZh, string? NameEn, string? Category, int? ShelfLifeDays, StorageClass? Storage, decimal? CrateKg)
{
    public static readonly string[] Categories = ["leafy", "brassica", "root_tuber", "fruit_veg", "mushroom", "allium", "legume", "fruit"];

    public Product ToDomain(Validator v, string? routeId)
    {
        var code = v.Key("code", routeId, Code);
        var category = v.Text("category", Category, 40);
        v.Rule(category.Length == 0 || Categories.Contains(category), "category", "one_of", "must be one of " + string.Join(", ", Categories) + ".");
        return new Product(code, v.Text("nameZh", NameZh), v.Text("nameEn", NameEn), category, v.Range("shelfLifeDays", ShelfLifeDays, 1, 365),
            v.Required("storage", Storage), v.Money("crateKg", CrateKg, 0.01m, 1000m));
    }
}

/// <summary>A GBA city.</summary>
public sealed record CityBody(string? Id, string? NameZh, string? NameEn, double? Lat, double? Lon)
{
    public City ToDomain(Validator v, string? routeId) =>
        new(v.Key("id", routeId, Id), v.Text("nameZh", NameZh), v.Text("nameEn", NameEn), Geo.Point(v, Lat, Lon));
}

/// <summary>A production base.</summary>
public sealed record BaseBody(
    string? Id, string? NameZh, string? NameEn, Province? Province, string? CountyZh, string? CountyEn, double? Lat, double? Lon,
    string[]? Certifications, int? PoorHouseholds, bool? PovertyCounty)
{
    public Base ToDomain(Validator v, string? routeId) =>
        new(v.Key("id", routeId, Id), v.Text("nameZh", NameZh), v.Text("nameEn", NameEn), v.Required("province", Province),
            v.Text("countyZh", CountyZh), v.Text("countyEn", CountyEn), Geo.Point(v, Lat, Lon), Geo.Certifications(v, "certifications", Certifications),
            v.Range("poorHouseholds", PoorHouseholds, 0, 10_000_000), v.Required("povertyCounty", PovertyCounty));
}

/// <summary>A GBA buyer.</summary>
public sealed record BuyerBody(
    string? Id, string? NameZh, string? NameEn, BuyerType? Type, string? CityId, double? Lat, double? Lon,
    string[]? RequiredCertifications, TimeOnly? ReceiveFrom, TimeOnly? ReceiveTo)
{
    public Buyer ToDomain(Validator v, string? routeId)
    {
        var from = v.Required("receiveFrom", ReceiveFrom);
        var to = v.Required("receiveTo", ReceiveTo);
        v.Rule(ReceiveFrom is null || ReceiveTo is null || from < to, "receiveTo", "after_receive_from", "must be later than receiveFrom.");
        return new Buyer(v.Key("id", routeId, Id), v.Text("nameZh", NameZh), v.Text("nameEn", NameEn), v.Required("type", Type),
            v.Id("cityId", CityId), Geo.Point(v, Lat, Lon), Geo.Certifications(v, "requiredCertifications", RequiredCertifications ?? []), from, to);
    }
}

/// <summary>A vehicle type.</summary>
public sealed record VehicleTypeBody(
    string? Id, string? NameZh, string? NameEn, int? CapacityKg, bool? Refrigerated, decimal? CostPerKm, decimal? FixedCost, double? SpeedKmh)
{
    public VehicleType ToDomain(Validator v, string? routeId) =>
        new(v.Key("id", routeId, Id), v.Text("nameZh", NameZh), v.Text("nameEn", NameEn), v.Range("capacityKg", CapacityKg, 1, 100_000),
            v.Required("refrigerated", Refrigerated), v.Money("costPerKm", CostPerKm, 0m, 1_000m), v.Money("fixedCost", FixedCost, 0m, 1_000_000m),
            v.Range("speedKmh", SpeedKmh, 1d, 200d));
}

/// <summary>A lane from a base to a buyer or a city.</summary>
public sealed record LaneBody(string? OriginId, string? DestinationId, double? DistanceKm, double? Hours, decimal? CostPerKg)
{
    public Lane ToDomain(Validator v, string? originRoute, string? destinationRoute) =>
        new(v.Key("originId", originRoute, OriginId), v.Key("destinationId", destinationRoute, DestinationId),
            v.Range("distanceKm", DistanceKm, 0.1, 10_000d), v.Range("hours", Hours, 0.1, 500d),
            CostPerKg is null ? null : v.Money("costPerKg", CostPerKg, 0m, 100m));
}

/// <summary>An origin consolidation hub or a GBA distribution centre.</summary>
/// <param name="Kind">originHub (产地集配中心) or gbaDc (大湾区分拨中心).</param>
/// <param name="Region">Origin hub: its partner province (yunnan, guizhou, sichuan, guangxi); distribution centre: the id of its GBA city.</param>
/// <param name="HandlingCnyPerKg">Handling cost per kg passing through, 0..10 CNY/kg.</param>
/// <param name="HandlingHours">Hours from arrival until the goods can leave again, 0..72.</param>
public sealed record HubBody(
    string? Id, string? NameZh, string? NameEn, HubKind? Kind, string? Region, double? Lat, double? Lon, decimal? HandlingCnyPerKg, double? HandlingHours)
{
    public Hub ToDomain(Validator v, string? routeId)
    {
        var kind = v.Required("kind", Kind);
        v.Rule(Kind is null || Enum.IsDefined(kind), "kind", "one_of", "must be originHub or gbaDc.");
        var region = v.Id("region", Region);
        if (Kind == HubKind.OriginHub && region.Length > 0)
        {
            // By name only: "1" is not a province's name.
            var province = EnumNames.TryParse<Province>(region, out var p);
            v.Rule(province, "region", "province", "must be a partner province (yunnan, guizhou, sichuan, guangxi) for an origin hub.");
            region = province ? Storage.EnumText.Of(p) : region;
        }

        return new Hub(v.Key("id", routeId, Id), v.Text("nameZh", NameZh), v.Text("nameEn", NameEn), kind, region, Geo.Point(v, Lat, Lon),
            v.Money("handlingCnyPerKg", HandlingCnyPerKg, 0m, 10m), v.Range("handlingHours", HandlingHours, 0d, 72d));
    }
}

internal static class Geo
{
    public static readonly string[] KnownCertifications = ["gba_basket", "green_food", "organic", "gap"];

    public static GeoPoint Point(Validator v, double? lat, double? lon) =>
        new(v.Range("lat", lat, -90d, 90d), v.Range("lon", lon, -180d, 180d));

    public static IReadOnlySet<string> Certifications(Validator v, string field, string[]? values)
    {
        if (values is null)
        {
            v.Add(field, "required", "is required (an empty list is allowed).");
            return new HashSet<string>();
        }

        foreach (var unknown in values.Where(c => !KnownCertifications.Contains(c)))
        {
            v.Add(field, "one_of", $"'{unknown}' is not one of {string.Join(", ", KnownCertifications)}.");
        }

        return new HashSet<string>(values, StringComparer.Ordinal);
    }
}
