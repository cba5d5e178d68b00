using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>An expected delivery to a buyer.</summary>
public sealed record Delivery(string LineId, string LotId, string BaseId, string ProductCode, int Kg, DateOnly ShipDay, DateOnly DeliveryDay,
    decimal LandedCnyPerKg, decimal AmountCny);

/// <summary>A buyer's share of a published round: expected deliveries and what stays unmet.</summary>
public sealed record BuyerPlan(Guid RoundId, DateTimeOffset PublishedAt, IReadOnlyList<Delivery> Deliveries, IReadOnlyList<UnmetLine> Unmet);

/// <summary>A sale and pickup of a base's lot.</summary>
public sealed record Pickup(string LotId, string LineId, string BuyerId, string ProductCode, int Kg, DateOnly ShipDay, decimal ExFarmCnyPerKg, decimal SalesCny);

/// <summary>A base's share of a published round: sales and pickups.</summary>
public sealed record BasePlan(Guid RoundId, DateTimeOffset PublishedAt, long SoldKg, decimal SalesCny, IReadOnlyList<Pickup> Pickups);

/// <summary>What buyers and bases see of published rounds: only their own part.</summary>
public static class PublishedEndpoints
{
    public static void MapPublishedEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/my").WithTags("Published plans");
        group.MapGet("/deliveries", DeliveriesAsync).RequireAuthorization(Policies.Buyer)
            .Doc("GetMyDeliveries", "My expected deliveries (buyers)",
                "Allocations of the buyer's lines in the latest published round (or roundId, if published). 404 when there is none; 400 for a roundId that is not an id.", 400, 404);
        group.MapGet("/pickups", PickupsAsync).RequireAuthorization(Policies.Base)
            .Doc("GetMyPickups", "My sales and pickups (bases)",
                "Allocations of the base's lots in the latest published round (or roundId, if published). 404 when there is none; 400 for a roundId that is not an id.", 400, 404);
    }

    internal static async Task<(RoundRecord? Round, ProblemHttpResult? Problem)> PublishedAsync(Guid? roundId, RoundStore rounds, CancellationToken ct)
    {
        var id = roundId ?? await rounds.LatestPublishedRoundIdAsync(ct);
        var round = id is null ? null : await rounds.GetRoundAsync(id.Value, ct);
        return round is { Status: RoundStatus.Published }
            ? (round, null)
            : (null, Problem.Of(404, ErrorCodes.NoPublishedRound, "No published round",
                roundId is null ? "No round has been published yet." : $"Round '{roundId}' does not exist or is not published."));
    }

    private static async Task<Results<Ok<BuyerPlan>, ProblemHttpResult>> DeliveriesAsync(
        Guid? roundId, HttpContext http, RoundStore rounds, RoundResultStore results, CancellationToken ct)
    {
        var (round, problem) = await PublishedAsync(roundId, rounds, ct);
        if (problem is not null)
        {
            return problem;
        }

        var buyer = http.User.OwnerScope()!;
        var (allocations, _) = await results.ListAllocationsAsync(round!.Id, new AllocationFilter(buyer, null, null, null), 0, int.MaxValue, ct);
        var (unmet, _) = await results.ListUnmetAsync(round.Id, buyer, null, 0, int.MaxValue, ct);
        var deliveries = allocations.Select(s => s.Allocation)
            .Select(a => new Delivery(a.LineId, a.LotId, a.BaseId, a.ProductCode, a.Kg, a.ShipDay, a.DeliveryDay, a.LandedCnyPerKg, a.LandedCnyPerKg * a.Kg))
            .ToList();
        return TypedResults.Ok(new BuyerPlan(round.Id, round.PublishedAt!.Value, deliveries, unmet));
    }

    private static async Task<Results<Ok<BasePlan>, ProblemHttpResult>> PickupsAsync(
        Guid? roundId, HttpContext http, RoundStore rounds, RoundResultStore results, CancellationToken ct)
    {
        var (round, problem) = await PublishedAsync(roundId, rounds, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (allocations, _) = await results.ListAllocationsAsync(round!.Id, new AllocationFilter(null, http.User.OwnerScope(), null, null), 0, int.MaxValue, ct);
        var pickups = allocations.Select(s => s.Allocation)
            .Select(a => new Pickup(a.LotId, a.LineId, a.BuyerId, a.ProductCode, a.Kg, a.ShipDay, a.ExFarmCnyPerKg, a.ExFarmCnyPerKg * a.Kg))
            .ToList();
        return TypedResults.Ok(new BasePlan(round.Id, round.PublishedAt!.Value, pickups.Sum(p => (long)p.Kg), pickups.Sum(p => p.SalesCny), pickups));
    }
}
