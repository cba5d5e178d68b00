using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Problems;
using SupplyMatch.Storage;
using LogisticsPickup = SupplyMatch.Core.Logistics.Pickup;

namespace SupplyMatch.Api.Endpoints;

/// <summary>A buyer's deliveries in a published round's logistics plan, each with its route and ETA when on a route.</summary>
public sealed record BuyerLogistics(Guid RoundId, DateTimeOffset PublishedAt, string BuyerId, long Kg, IReadOnlyList<PlannedDelivery> Deliveries);

/// <summary>A base's pickups in a published round's logistics plan.</summary>
public sealed record BaseLogistics(Guid RoundId, DateTimeOffset PublishedAt, string BaseId, long Kg, IReadOnlyList<LogisticsPickup> Pickups);

/// <summary>What buyers and bases see of a published round's logistics: only their own deliveries or pickups.</summary>
public static class MyLogisticsEndpoints
{
    public static void MapMyLogisticsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/my/logistics").WithTags("Published plans");
        group.MapGet("/deliveries", DeliveriesAsync).RequireAuthorization(Policies.Buyer)
            .Doc("GetMyLogisticsDeliveries", "My deliveries with route and ETA (buyers)",
                "The buyer's deliveries in the logistics plan of the latest published round (or roundId, if published): kg per line and day, "
                + "the distribution centre, the route and stop and the ETA (UTC); from a centre, the routed and the unrouted kg (with the "
                + "reason: those kg have no planned arrival). 404 when there is no such published round; 409 "
                + "logistics_not_planned when it was planned without logistics; 400 for a roundId that is not an id.", 400, 404, 409);
        group.MapGet("/pickups", PickupsAsync).RequireAuthorization(Policies.Base)
            .Doc("GetMyLogisticsPickups", "My pickups (bases)",
                "The base's pickups in the logistics plan of the latest published round (or roundId, if published): kg per lot and ship day, "
                + "departure (UTC), truck or feeder. 404 when there is no such published round; 409 logistics_not_planned without logistics; 400 for a roundId that is not an id.", 400, 404, 409);
    }

    private static async Task<Results<Ok<BuyerLogistics>, ProblemHttpResult>> DeliveriesAsync(
        Guid? roundId, HttpContext http, RoundStore rounds, LogisticsStore logistics, CancellationToken ct)
    {
        var (round, problem) = await PublishedEndpoints.PublishedAsync(roundId, rounds, ct);
        if (problem is not null)
        {
            return problem;
        }

        var buyer = http.User.OwnerScope()!;
        if (await logistics.ListDeliveriesAsync(round!.Id, buyer, null, 0, int.MaxValue, ct) is not { } page)
        {
            return LogisticsEndpoints.NotPlanned(round.Id);
        }

        return TypedResults.Ok(new BuyerLogistics(round.Id, round.PublishedAt!.Value, buyer, page.Items.Sum(d => (long)d.Kg), page.Items));
    }

    private static async Task<Results<Ok<BaseLogistics>, ProblemHttpResult>> PickupsAsync(
        Guid? roundId, HttpContext http, RoundStore rounds, LogisticsStore logistics, CancellationToken ct)
    {
        var (round, problem) = await PublishedEndpoints.PublishedAsync(roundId, rounds, ct);
        if (problem is not null)
        {
            return problem;
        }

        var baseId = http.User.OwnerScope()!;
        if (await logistics.ListPickupsAsync(round!.Id, baseId, null, 0, int.MaxValue, ct) is not { } page)
        {
            return LogisticsEndpoints.NotPlanned(round.Id);
        }

        return TypedResults.Ok(new BaseLogistics(round.Id, round.PublishedAt!.Value, baseId, page.Items.Sum(p => (long)p.Kg), page.Items));
    }
}
