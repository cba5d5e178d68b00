using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Api.Endpoints;

/// <summary>A product as sent by a planner. Every field is required.</summary>
/// <param name="NeedsColdChain">Read only (follows from storage); taken back as a read answer has it, refused when it contradicts storage.</param>
public sealed record ProductBody(
    string? Code, string? NameZh, string? NameEn, string? Category, int? ShelfLifeDays, StorageClass? Storage, decimal? CrateKg, bool? NeedsColdChain = null)
{
    public static readonly string[] Categories = ["leafy", "brassica", "root_tuber", "fruit_veg", "mushroom", "allium", "legume", "fruit"];

    public Product ToDomain(Validator v, string? routeId)
    {
        var code = v.Key("code", routeId, Code);
        var category = v.Text("category", Category, 40);
        v.Rule(NeedsColdChain is null || Storage is null || NeedsColdChain == (Storage != StorageClass.Ambient), "needsColdChain", "derived",
            "follows from storage (true unless ambient): leave it out or send the value it has.");
        v.Rule(category.Length == 0 || Categories.Contains(category), "category", "one_of", "must be one of " + string.Join(", ", Categories) + ".");
        return new Product(code, v.Text("nameZh", NameZh), v.Text("nameEn", NameEn), category, v.Range("shelfLifeDays", ShelfLifeDays, 1, 365),
            v.Required("storage", Storage), v.Money("crateKg", CrateKg, 0.01m, 1000m));
    }
}

/// <summary>A GBA city.</summary>
public sealed record CityBody(string? Id, string? NameZh, string? NameEn, double? Lat, double? Lon, LocationBody? Location = null)
{
    public City ToDomain(Validator v, string? routeId) =>
        new(v.Key("id", routeId, Id), v.Text("nameZh", NameZh), v.Text("nameEn", NameEn), Geo.Point(v, Lat, Lon, Location));
}

/// <summary>A production base.</summary>
/// <param name="Location">The coordinates as a read answer gives them, in place of lat and lon.</param>
/// <param name="PovertyLinked">Read only (follows from poorHouseholds and povertyCounty); taken back as a read answer has it, refused when it contradicts them.</param>
public sealed record BaseBody(
    string? Id, string? NameZh, string? NameEn, Province? Province, string? CountyZh, string? CountyEn, double? Lat, double? Lon,
    string[]? Certifications, int? PoorHouseholds, bool? PovertyCounty, LocationBody? Location = null, bool? PovertyLinked = null)
{
    public Base ToDomain(Validator v, string? routeId)
    {
        v.Rule(PovertyLinked is null || PoorHouseholds is null || PovertyCounty is null || PovertyLinked == (PoorHouseholds > 0 || PovertyCounty == true),
            "povertyLinked", "derived", "follows from poorHouseholds and povertyCounty: leave it out or send the value it has.");
        return new(v.Key("id", routeId, Id), v.Text("nameZh", NameZh), v.Text("nameEn", NameEn), v.Required("province", Province),
            v.Text("countyZh", CountyZh), v.Text("countyEn", CountyEn), Geo.Point(v, Lat, Lon, Location), Geo.Certifications(v, "certifications", Certifications),
            v.Range("poorHouseholds", PoorHouseholds, 0, 10_000_000), v.Required("povertyCounty", PovertyCounty));
    }
}

/// <summary>A GBA buyer.</summary>
public sealed record BuyerBody(
    string? Id, string? NameZh, string? NameEn, BuyerType? Type, string? CityId, double? Lat, double? Lon,
    string[]? RequiredCertifications, TimeOnly? ReceiveFrom, TimeOnly? ReceiveTo, LocationBody? Location = null)
{
    public Buyer ToDomain(Validator v, string? routeId)
    {
        var from = v.Required("receiveFrom", ReceiveFrom);
        var to = v.Required("receiveTo", ReceiveTo);
        v.Rule(ReceiveFrom is null || ReceiveTo is null || from < to, "receiveTo", "after_receive_from", "must be later than receiveFrom.");
        return new Buyer(v.Key("id", routeId, Id), v.Text("nameZh", NameZh), v.Text("nameEn", NameEn), v.Required("type", Type),
            v.Id("cityId", CityId), Geo.Point(v, Lat, Lon, Location), Geo.Certifications(v, "requiredCertifications", RequiredCertifications ?? []), from, to);
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
    string? Id, string? NameZh, string? NameEn, HubKind? Kind, string? Region, double? Lat, double? Lon, decimal? HandlingCnyPerKg, double? HandlingHours,
    LocationBody? Location = null)
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

        return new Hub(v.Key("id", routeId, Id), v.Text("nameZh", NameZh), v.Text("nameEn", NameEn), kind, region, Geo.Point(v, Lat, Lon, Location),
            v.Money("handlingCnyPerKg", HandlingCnyPerKg, 0m, 10m), v.Range("handlingHours", HandlingHours, 0d, 72d));
    }
}

/// <summary>Coordinates in the form a read answer gives them (<c>location</c>), decimal degrees.</summary>
public sealed record LocationBody(double? Lat, double? Lon);

internal static class Geo
{
    public static readonly string[] KnownCertifications = ["gba_basket", "green_food", "organic", "gap"];

    /// <summary>
    /// A place's coordinates: lat and lon, or location { lat, lon } as a read answer has them (so that an item read,
    /// edited and sent back is taken); both forms at once must agree.
    /// </summary>
    public static GeoPoint Point(Validator v, double? lat, double? lon, LocationBody? location = null)
    {
        if (location is not null && (lat is not null || lon is not null))
        {
            v.Rule(lat == location.Lat && lon == location.Lon, "location", "one_form",
                "gives other coordinates than lat and lon: send one of the two forms (or the same coordinates in both).");
        }

        return new(v.Range("lat", lat ?? location?.Lat, -90d, 90d), v.Range("lon", lon ?? location?.Lon, -180d, 180d));
    }

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
