using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Domain;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>How one kind of reference data is exposed: route, key route values, mapping and cross-reference checks.</summary>
internal sealed record ReferenceKind<TBody, T>(
    string Route,
    string Singular,
    string[] KeyNames,
    Func<ReferenceDataStore, ReferenceSet<T>> Set,
    Func<TBody, Validator, string?[], T> Map,
    Func<T, ReferenceDataStore, Validator, CancellationToken, Task> CheckReferences,
    bool ReadableByAll,
    TBody Example,
    string[] Required);

/// <summary>Reference data: products, cities, bases, buyers, vehicle types, lanes, hubs. Planners write; validation is field by field.</summary>
public static class ReferenceEndpoints
{
    public static void MapReferenceEndpoints(this RouteGroupBuilder api)
    {
        Map(api, new ReferenceKind<ProductBody, Product>("products", "Product", ["code"], s => s.Products, (b, v, k) => b.ToDomain(v, k[0]),
            (_, _, _, _) => Task.CompletedTask, true, new ProductBody("P-CHOYSUM", "菜心", "Choy sum", "leafy", 6, StorageClass.Chilled, 10m),
            ["code", "nameZh", "nameEn", "category", "shelfLifeDays", "storage", "crateKg"]));
        Map(api, new ReferenceKind<CityBody, City>("cities", "City", ["id"], s => s.Cities, (b, v, k) => b.ToDomain(v, k[0]),
            (_, _, _, _) => Task.CompletedTask, true, new CityBody("GZ", "广州", "Guangzhou", 23.13, 113.26),
            ["id", "nameZh", "nameEn", "lat", "lon"]));
        Map(api, new ReferenceKind<BaseBody, Base>("bases", "Base", ["id"], s => s.Bases, (b, v, k) => b.ToDomain(v, k[0]),
            (_, _, _, _) => Task.CompletedTask, false,
            new BaseBody("B-YN-LULIANG", "陆良蔬菜基地", "Luliang vegetable base", Province.Yunnan, "陆良县", "Luliang", 25.03, 103.67,
                ["gba_basket", "green_food"], 320, true),
            ["id", "nameZh", "nameEn", "province", "countyZh", "countyEn", "lat", "lon", "certifications", "poorHouseholds", "povertyCounty"]));
        Map(api, new ReferenceKind<BuyerBody, Buyer>("buyers", "Buyer", ["id"], s => s.Buyers, (b, v, k) => b.ToDomain(v, k[0]),
            CheckBuyerAsync, false,
            new BuyerBody("Y-GZ-JIANGNAN", "江南果菜批发市场", "Jiangnan wholesale market", BuyerType.WholesaleMarket, "GZ", 23.17, 113.25,
                [], new TimeOnly(3, 0), new TimeOnly(9, 0)),
            ["id", "nameZh", "nameEn", "type", "cityId", "lat", "lon", "receiveFrom", "receiveTo"]));
        Map(api, new ReferenceKind<VehicleTypeBody, VehicleType>("vehicle-types", "Vehicle type", ["id"], s => s.VehicleTypes,
            (b, v, k) => b.ToDomain(v, k[0]), (_, _, _, _) => Task.CompletedTask, true,
            new VehicleTypeBody("V-REEFER-10T", "10吨冷藏车", "10 t reefer", 10_000, true, 6.5m, 800m, 60),
            ["id", "nameZh", "nameEn", "capacityKg", "refrigerated", "costPerKm", "fixedCost", "speedKmh"]));
        Map(api, new ReferenceKind<LaneBody, Lane>("lanes", "Lane", ["originId", "destinationId"], s => s.Lanes,
            (b, v, k) => b.ToDomain(v, k[0], k[1]), CheckLaneAsync, false, new LaneBody("B-YN-LULIANG", "GZ", 1_210, 17.5, 0.62m),
            ["originId", "destinationId", "distanceKm", "hours"]));
        Map(api, new ReferenceKind<HubBody, Hub>("hubs", "Hub", ["id"], s => s.Hubs, (b, v, k) => b.ToDomain(v, k[0]), CheckHubAsync, true,
            new HubBody("DC-GZ", "广州白云分拨中心", "Guangzhou Baiyun distribution centre", HubKind.GbaDc, "GZ", 23.25, 113.27, 0.12m, 2.0),
            ["id", "nameZh", "nameEn", "kind", "region", "lat", "lon", "handlingCnyPerKg", "handlingHours"]));
    }

    /// <summary>A distribution centre's region is the id of its GBA city.</summary>
    private static async Task CheckHubAsync(Hub hub, ReferenceDataStore store, Validator v, CancellationToken ct) =>
        v.Rule(hub.Kind != HubKind.GbaDc || hub.Region.Length == 0 || await store.Cities.GetAsync([hub.Region], ct) is not null,
            "region", "exists", "must be the id of a city for a distribution centre.");

    private static async Task CheckBuyerAsync(Buyer buyer, ReferenceDataStore store, Validator v, CancellationToken ct) =>
        v.Rule(buyer.CityId.Length == 0 || await store.Cities.GetAsync([buyer.CityId], ct) is not null, "cityId", "exists", "must be the id of a city.");

    private static async Task CheckLaneAsync(Lane lane, ReferenceDataStore store, Validator v, CancellationToken ct)
    {
        v.Rule(lane.OriginId.Length == 0 || await store.Bases.GetAsync([lane.OriginId], ct) is not null, "originId", "exists", "must be the id of a base.");
        var destination = lane.DestinationId.Length == 0
            || await store.Buyers.GetAsync([lane.DestinationId], ct) is not null
            || await store.Cities.GetAsync([lane.DestinationId], ct) is not null;
        v.Rule(destination, "destinationId", "exists", "must be the id of a buyer or a city.");
    }

    private static void Map<TBody, T>(RouteGroupBuilder api, ReferenceKind<TBody, T> kind)
        where T : class
    {
        var group = api.MapGroup("/" + kind.Route).WithTags("Reference data");
        var keyRoute = string.Join('/', kind.KeyNames.Select(k => "{" + k + "}"));
        var name = kind.Singular.Replace(" ", "", StringComparison.Ordinal);
        var readPolicy = kind.ReadableByAll ? null : Policies.Planner;

        var list = group.MapGet("/", async Task<Ok<IReadOnlyList<T>>> (ReferenceDataStore store, CancellationToken ct) =>
            TypedResults.Ok(await kind.Set(store).ListAsync(ct)))
            .Doc($"List{name}s", $"List {kind.Route}", $"Every {kind.Singular.ToLowerInvariant()}, ordered by key.");
        var get = group.MapGet("/" + keyRoute, async Task<Results<Ok<T>, ProblemHttpResult>> (HttpContext http, ReferenceDataStore store, CancellationToken ct) =>
            await kind.Set(store).GetAsync(Key(http, kind.KeyNames), ct) is { } item
                ? TypedResults.Ok(item)
                : Problem.NotFound(kind.Singular, string.Join('/', Key(http, kind.KeyNames))))
            .Doc($"Get{name}", $"Get one {kind.Singular.ToLowerInvariant()}", "404 when it does not exist.", 404);
        if (readPolicy is not null)
        {
            list.RequireAuthorization(readPolicy);
            get.RequireAuthorization(readPolicy);
        }

        group.MapPost("/", async Task<Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult>> (
                [FromBody] TBody body, HttpContext http, ReferenceDataStore store, CancellationToken ct) =>
            await WriteAsync(kind, body, new string?[kind.KeyNames.Length], http, store, create: true, ct))
            .RequireAuthorization(Policies.Planner).Example(kind.Example!).Requires(kind.Required)
            .Doc($"Create{name}", $"Create a {kind.Singular.ToLowerInvariant()}", "Planners only. 409 already_exists when the key is taken; for a city, base, buyer or hub also 409 place_id_in_use when "
                + "another kind of place has the id (lanes, shipments and routes name places by id alone).", 400, 409);
        group.MapPut("/" + keyRoute, async Task<Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult>> (
                [FromBody] TBody body, HttpContext http, ReferenceDataStore store, CancellationToken ct) =>
            await WriteAsync(kind, body, Key(http, kind.KeyNames), http, store, create: false, ct))
            .RequireAuthorization(Policies.Planner).Example(kind.Example!).Requires(kind.Required.Except(kind.KeyNames))
            .Doc($"Update{name}", $"Update a {kind.Singular.ToLowerInvariant()}", "Planners only. The key comes from the route. 404 when it does not exist.", 400, 404);
    }

    private static async Task<Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult>> WriteAsync<TBody, T>(
        ReferenceKind<TBody, T> kind, TBody body, string?[] routeKey, HttpContext http, ReferenceDataStore store, bool create, CancellationToken ct)
        where T : class
    {
        if (body is null)
        {
            return Problem.BodyRequired();
        }

        var v = new Validator();
        var item = kind.Map(body, v, routeKey);
        if (v.Ok)
        {
            await kind.CheckReferences(item, store, v, ct);
        }

        if (!v.Ok)
        {
            return v.ToProblem();
        }

        if (create && await PlaceHoldingIdAsync(item, store, ct) is { } holder)
        {
            return Problem.Conflict(ErrorCodes.PlaceIdInUse,
                $"'{KeyOf(item)[0]}' is already the id of {holder}. Cities, bases, buyers and hubs share one set of ids (lanes, shipments "
                + "and routes name their ends by id alone), so a new one takes an id that none of them has.");
        }

        var set = kind.Set(store);
        var actor = http.User.Actor();
        if (create && await set.CreateAsync(item, actor, ct))
        {
            return TypedResults.Created($"/api/v1/{kind.Route}/{string.Join('/', KeyOf(item).Select(Uri.EscapeDataString))}", item);
        }

        if (!create && await set.UpdateAsync(item, actor, ct))
        {
            return TypedResults.Ok(item);
        }

        return create
            ? Problem.Conflict(ErrorCodes.AlreadyExists, $"{kind.Singular} already exists; use PUT to change it.")
            : Problem.NotFound(kind.Singular, string.Join('/', routeKey));
    }

    /// <summary>
    /// The kind of another place (city, base, buyer, hub) whose id the new place would take, or null. A lane's destination
    /// is a buyer or a city, a shipment's origin a base or an origin hub and its destination a buyer or a centre, each by id
    /// alone: two kinds of place with one id would make them name either.
    /// </summary>
    private static async Task<string?> PlaceHoldingIdAsync(object item, ReferenceDataStore store, CancellationToken ct)
    {
        if (item is not (City or Base or Buyer or Hub))
        {
            return null;
        }

        string[] key = [KeyOf(item)[0]];
        return item is not City && await store.Cities.GetAsync(key, ct) is not null ? "a city"
            : item is not Base && await store.Bases.GetAsync(key, ct) is not null ? "a base"
            : item is not Buyer && await store.Buyers.GetAsync(key, ct) is not null ? "a buyer"
            : item is not Hub && await store.Hubs.GetAsync(key, ct) is { } hub ? (hub.Kind == HubKind.GbaDc ? "a distribution centre" : "an origin hub")
            : null;
    }

    private static string[] KeyOf(object item) => item switch
    {
        Lane l => [l.OriginId, l.DestinationId],
        Product p => [p.Code],
        City c => [c.Id],
        Base b => [b.Id],
        Buyer b => [b.Id],
        VehicleType t => [t.Id],
        Hub h => [h.Id],
        _ => [],
    };

    private static string[] Key(HttpContext http, string[] names) =>
        names.Select(n => http.GetRouteValue(n)?.ToString() ?? "").ToArray();
}
