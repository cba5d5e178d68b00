using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;
using LogisticsPickup = SupplyMatch.Core.Logistics.Pickup;

namespace SupplyMatch.Api.Endpoints;

/// <summary>The whole-truck plan of a round without its rows: status, objective by term, KPIs, routing KPIs, statistics.</summary>
/// <param name="Policy">The round's policy targets as the plan meets them, reported and not priced in its objective (empty without targets; null for plans stored before it was kept).</param>
public sealed record LogisticsView(
    Guid RoundId, SolveStatus Status, decimal ObjectiveCny, ObjectiveBreakdown Objective, LogisticsKpis Kpis, RoutingKpis? Routing,
    LogisticsStatistics Statistics, IReadOnlyList<PolicyOutcome>? Policy);

/// <summary>A planner's view of a round's logistics: shipments, city delivery routes, pickups and deliveries.</summary>
public static class LogisticsEndpoints
{
    private const string Paging = " Paged by offset/limit (limit 1..1000, default 100); total counts every item that matches.";

    public static void MapLogisticsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/rounds/{id:guid}").WithTags("Round logistics").RequireAuthorization(Policies.Planner);
        group.MapGet("/logistics", SummaryAsync).Doc("GetRoundLogistics", "Logistics plan of a round",
            "Status, objective (CNY, by term), logistics KPIs, routing KPIs and solver statistics. 409 logistics_not_planned when the round "
            + "was created without logistics, round_not_solved while it is not solved.", 404, 409);
        group.MapGet("/logistics/plan", PlanAsync).Produces<LogisticsResult>(StatusCodes.Status200OK)
            .Doc("GetRoundLogisticsPlan", "The whole logistics plan of a round",
                "Every shipment, allocation, unmet line, route and pickup with the objective, KPIs and statistics in one document: the JSON that "
                + "'supplymatch match --logistics --format json' writes. With the round's snapshot, 'supplymatch check snapshot.json plan.json' "
                + "(with --no-hubs for a round planned with useHubs false) re-checks it with the independent logistics checker. 409 as /logistics.",
                404, 409);
        group.MapGet("/shipments", ShipmentsAsync).Doc("ListRoundShipments", "Line-haul trucks of a round",
            "Filter by baseId, buyerId (a load of theirs is on the truck), originId, destinationId, productCode, day (ship day, CST), vehicleTypeId."
            + Paging, 400, 404, 409);
        group.MapGet("/routes", RoutesAsync).Doc("ListRoundRoutes", "City delivery routes of a round",
            "Routes from the distribution centres, stops in order with ETA (UTC). Filter by dcId, day (delivery day, CST), buyerId (a stop)." + Paging,
            400, 404, 409);
        group.MapGet("/routes/unrouted", UnroutedAsync).Doc("ListRoundUnroutedDeliveries", "Deliveries no route could carry",
            "Deliveries from a distribution centre left off the routes, with the reason: a code, and in numbers in message (English) and messageZh "
            + "(Chinese; null in plans stored before it was kept). Filter by dcId, day, buyerId." + Paging, 400, 404, 409);
        group.MapGet("/pickups", PickupsAsync).Doc("ListRoundPickups", "Pickups at the bases",
            "kg of each lot collected at its base on a ship day, by truck or feeder. Filter by baseId, day (ship day, CST)." + Paging, 400, 404, 409);
        group.MapGet("/deliveries", DeliveriesAsync).Doc("ListRoundDeliveries", "Deliveries to the buyers",
            "kg per buyer, line and delivery day, with the distribution centre, the route and stop and the ETA (UTC) when on a route. "
            + "From a centre, routedKg + unroutedKg = kg: a line partly left off the routes is leg partlyRouted, its unroutedKg (with "
            + "unroutedReason) have no planned arrival. Filter by buyerId, day (delivery day, CST)." + Paging, 400, 404, 409);
    }

    /// <summary>Null when the round has a stored logistics plan, else the problem saying why not.</summary>
    public static async Task<ProblemHttpResult?> PlannedAsync(Guid id, RoundStore rounds, CancellationToken ct)
    {
        if (await rounds.GetRoundAsync(id, ct) is not { } round)
        {
            return Problem.NotFound("Round", id.ToString());
        }

        if (round.Logistics is null)
        {
            return NotPlanned(id);
        }

        return round.HasLogistics
            ? null
            : RoundResultEndpoints.NotSolved(id, round.Status, "logistics plan");
    }

    public static ProblemHttpResult NotPlanned(Guid id) => Problem.Conflict(ErrorCodes.LogisticsNotPlanned,
        $"Round '{id}' was created without logistics; create a round with logistics.enabled = true to plan trucks, routes and pickups.");

    private static async Task<Results<Ok<LogisticsView>, ProblemHttpResult>> SummaryAsync(Guid id, RoundStore rounds, LogisticsStore logistics, CancellationToken ct)
    {
        if (await PlannedAsync(id, rounds, ct) is { } problem)
        {
            return problem;
        }

        var s = await logistics.LoadSummaryAsync(id, ct);
        return s is null ? NotPlanned(id) : TypedResults.Ok(new LogisticsView(id, s.Status, s.ObjectiveCny, s.Objective, s.Kpis, s.Routing, s.Statistics, s.Policy));
    }

    private static async Task<IResult> PlanAsync(Guid id, RoundStore rounds, LogisticsStore logistics, CancellationToken ct)
    {
        if (await PlannedAsync(id, rounds, ct) is { } problem)
        {
            return problem;
        }

        return await logistics.LoadLogisticsAsync(id, ct) is { } plan
            ? TypedResults.Text(MatchingJson.Serialize(plan), "application/json", System.Text.Encoding.UTF8)
            : NotPlanned(id);
    }

    private static Task<Results<Ok<Page<Shipment>>, ValidationProblem, ProblemHttpResult>> ShipmentsAsync(
        Guid id, string? baseId, string? buyerId, string? originId, string? destinationId, string? productCode, DateOnly? day, string? vehicleTypeId,
        int? offset, int? limit, RoundStore rounds, LogisticsStore logistics, CancellationToken ct) =>
        PageAsync(id, offset, limit, rounds, (skip, take) => logistics.ListShipmentsAsync(
            id, new ShipmentFilter(baseId, buyerId, originId, destinationId, productCode, day, vehicleTypeId), skip, take, ct), ct);

    private static Task<Results<Ok<Page<DeliveryRoute>>, ValidationProblem, ProblemHttpResult>> RoutesAsync(
        Guid id, string? dcId, DateOnly? day, string? buyerId, int? offset, int? limit, RoundStore rounds, LogisticsStore logistics, CancellationToken ct) =>
        PageAsync(id, offset, limit, rounds, (skip, take) => logistics.ListRoutesAsync(id, new RouteFilter(dcId, day, buyerId), skip, take, ct), ct);

    private static Task<Results<Ok<Page<UnroutedDelivery>>, ValidationProblem, ProblemHttpResult>> UnroutedAsync(
        Guid id, string? dcId, DateOnly? day, string? buyerId, int? offset, int? limit, RoundStore rounds, LogisticsStore logistics, CancellationToken ct) =>
        PageAsync(id, offset, limit, rounds, (skip, take) => logistics.ListUnroutedAsync(id, new RouteFilter(dcId, day, buyerId), skip, take, ct), ct);

    private static Task<Results<Ok<Page<LogisticsPickup>>, ValidationProblem, ProblemHttpResult>> PickupsAsync(
        Guid id, string? baseId, DateOnly? day, int? offset, int? limit, RoundStore rounds, LogisticsStore logistics, CancellationToken ct) =>
        PageAsync(id, offset, limit, rounds, (skip, take) => logistics.ListPickupsAsync(id, baseId, day, skip, take, ct), ct);

    private static Task<Results<Ok<Page<PlannedDelivery>>, ValidationProblem, ProblemHttpResult>> DeliveriesAsync(
        Guid id, string? buyerId, DateOnly? day, int? offset, int? limit, RoundStore rounds, LogisticsStore logistics, CancellationToken ct) =>
        PageAsync(id, offset, limit, rounds, (skip, take) => logistics.ListDeliveriesAsync(id, buyerId, day, skip, take, ct), ct);

    /// <summary>Checks paging, then the round and its plan, then reads one page.</summary>
    private static async Task<Results<Ok<Page<T>>, ValidationProblem, ProblemHttpResult>> PageAsync<T>(
        Guid id, int? offset, int? limit, RoundStore rounds, Func<int, int, Task<Paged<T>?>> read, CancellationToken ct)
    {
        var v = new Validator();
        var take = v.Limit(limit);
        var skip = offset is null ? 0 : v.Range("offset", offset, 0, int.MaxValue);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        if (await PlannedAsync(id, rounds, ct) is { } problem)
        {
            return problem;
        }

        if (await read(skip, take) is not { } page)
        {
            return NotPlanned(id);
        }

        var next = skip + page.Items.Count < page.Total ? (skip + page.Items.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<T>(page.Items, next, page.Total));
    }
}
