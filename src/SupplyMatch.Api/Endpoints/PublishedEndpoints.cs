using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>An expected delivery to a buyer.</summary>
/// <param name="BaseNameZh">The supplying base's Chinese name (buyers do not read the bases' reference data); null when the base is not in it.</param>
/// <param name="BaseNameEn">The supplying base's English name; null as <paramref name="BaseNameZh"/>.</param>
public sealed record Delivery(string LineId, string LotId, string BaseId, string? BaseNameZh, string? BaseNameEn, string ProductCode, int Kg,
    DateOnly ShipDay, DateOnly DeliveryDay, decimal LandedCnyPerKg, decimal AmountCny);

/// <summary>Why a buyer's line stays (partly) unmet, in English and Chinese.</summary>
/// <param name="CheapestLandedCnyPerKg">Cheapest landed price among lots that arrive in time and fresh enough (from the allocation; null when not known).</param>
/// <param name="ClearingPriceCnyPerKg">The price per kg at which the line would have been served (from the allocation; null when not known).</param>
public sealed record UnmetNote(string Message, string MessageZh, decimal? CheapestLandedCnyPerKg, decimal? ClearingPriceCnyPerKg);

/// <summary>A buyer's line that the binding plan leaves (partly) unmet. Other buyers' lines and lots are not named.</summary>
public sealed record MyUnmetLine(string LineId, string ProductCode, int RequestedKg, int AllocatedKg, int UnmetKg, UnmetReason Reason, UnmetNote Explanation);

/// <summary>
/// A buyer's share of a published round: expected deliveries and what stays unmet. <paramref name="Basis"/> names the
/// binding plan: "logistics" when the round planned whole trucks (its logistics plan, as under /my/logistics), else
/// "allocation" (the per-kg allocation).
/// </summary>
public sealed record BuyerPlan(Guid RoundId, DateTimeOffset PublishedAt, string Basis, IReadOnlyList<Delivery> Deliveries, IReadOnlyList<MyUnmetLine> Unmet);

/// <summary>A sale and pickup of a base's lot.</summary>
/// <param name="BuyerNameZh">The buying buyer's Chinese name (bases do not read the buyers' reference data); null when the buyer is not in it.</param>
/// <param name="BuyerNameEn">The buying buyer's English name; null as <paramref name="BuyerNameZh"/>.</param>
public sealed record Pickup(string LotId, string LineId, string BuyerId, string? BuyerNameZh, string? BuyerNameEn, string ProductCode, int Kg,
    DateOnly ShipDay, decimal ExFarmCnyPerKg, decimal SalesCny);

/// <summary>A base's share of a published round: sales and pickups, from the binding plan (<see cref="BuyerPlan"/>).</summary>
public sealed record BasePlan(Guid RoundId, DateTimeOffset PublishedAt, string Basis, long SoldKg, decimal SalesCny, IReadOnlyList<Pickup> Pickups);

/// <summary>What buyers and bases see of published rounds: only their own part.</summary>
public static class PublishedEndpoints
{
    public static void MapPublishedEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/my").WithTags("Published plans");
        group.MapGet("/deliveries", DeliveriesAsync).RequireAuthorization(Policies.Buyer)
            .Doc("GetMyDeliveries", "My expected deliveries (buyers)",
                "The buyer's deliveries and unmet lines in the latest published round (or roundId, if published), from its binding plan: "
                + "the logistics plan when the round planned whole trucks (basis logistics), else the per-kg allocation (basis allocation). "
                + "Each delivery names its base in Chinese and English (baseNameZh, baseNameEn). "
                + "404 when there is none; 400 for a roundId that is not an id.", 400, 404);
        group.MapGet("/pickups", PickupsAsync).RequireAuthorization(Policies.Base)
            .Doc("GetMyPickups", "My sales and pickups (bases)",
                "The base's sales in the latest published round (or roundId, if published), from its binding plan: the logistics plan "
                + "when the round planned whole trucks (basis logistics), else the per-kg allocation (basis allocation). "
                + "Each sale names its buyer in Chinese and English (buyerNameZh, buyerNameEn). "
                + "404 when there is none; 400 for a roundId that is not an id.", 400, 404);
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
        Guid? roundId, HttpContext http, RoundStore rounds, RoundResultStore results, LogisticsStore logistics, ReferenceDataStore reference,
        CancellationToken ct)
    {
        var (round, problem) = await PublishedAsync(roundId, rounds, ct);
        if (problem is not null)
        {
            return problem;
        }

        var buyer = http.User.OwnerScope()!;
        var bases = (await reference.Bases.ListAsync(ct)).ToDictionary(b => b.Id, b => (b.NameZh, b.NameEn), StringComparer.Ordinal);
        (string? Zh, string? En) BaseName(string id) => bases.TryGetValue(id, out var name) ? name : (null, null);
        var (unmet, _) = await results.ListUnmetAsync(round!.Id, buyer, null, 0, int.MaxValue, ct);
        var explained = unmet.ToDictionary(u => u.LineId, u => u.Explanation, StringComparer.Ordinal);
        if (await logistics.LoadLogisticsAsync(round.Id, ct) is { } plan)
        {
            var planned = plan.Allocations.Where(a => a.BuyerId == buyer)
                .Select(a => new Delivery(a.LineId, a.LotId, a.BaseId, BaseName(a.BaseId).Zh, BaseName(a.BaseId).En, a.ProductCode, a.Kg, a.ShipDay, a.DeliveryDay,
                    a.ExFarmCnyPerKg + a.QuotedTariffCnyPerKg, (a.ExFarmCnyPerKg + a.QuotedTariffCnyPerKg) * a.Kg))
                .ToList();
            var left = plan.Unmet.Where(u => u.BuyerId == buyer)
                .Select(u => new MyUnmetLine(u.LineId, u.ProductCode, u.RequestedKg, u.AllocatedKg, u.UnmetKg, u.Reason,
                    Note(u.Message, u.MessageZh, explained.GetValueOrDefault(u.LineId))))
                .ToList();
            return TypedResults.Ok(new BuyerPlan(round.Id, round.PublishedAt!.Value, Basis.Logistics, planned, left));
        }

        var (allocations, _) = await results.ListAllocationsAsync(round.Id, new AllocationFilter(buyer, null, null, null), 0, int.MaxValue, ct);
        var deliveries = allocations.Select(s => s.Allocation)
            .Select(a => new Delivery(a.LineId, a.LotId, a.BaseId, BaseName(a.BaseId).Zh, BaseName(a.BaseId).En, a.ProductCode, a.Kg, a.ShipDay, a.DeliveryDay,
                a.LandedCnyPerKg, a.LandedCnyPerKg * a.Kg))
            .ToList();
        var open = unmet.Select(u => new MyUnmetLine(u.LineId, u.ProductCode, u.RequestedKg, u.AllocatedKg, u.UnmetKg, u.Reason,
            Note(u.Explanation.Message, u.Explanation.MessageZh, u.Explanation))).ToList();
        return TypedResults.Ok(new BuyerPlan(round.Id, round.PublishedAt!.Value, Basis.Allocation, deliveries, open));
    }

    private static async Task<Results<Ok<BasePlan>, ProblemHttpResult>> PickupsAsync(
        Guid? roundId, HttpContext http, RoundStore rounds, RoundResultStore results, LogisticsStore logistics, ReferenceDataStore reference,
        CancellationToken ct)
    {
        var (round, problem) = await PublishedAsync(roundId, rounds, ct);
        if (problem is not null)
        {
            return problem;
        }

        var own = http.User.OwnerScope();
        var buyers = (await reference.Buyers.ListAsync(ct)).ToDictionary(b => b.Id, b => (b.NameZh, b.NameEn), StringComparer.Ordinal);
        (string? Zh, string? En) BuyerName(string id) => buyers.TryGetValue(id, out var name) ? name : (null, null);
        List<Pickup> pickups;
        string basis;
        if (await logistics.LoadLogisticsAsync(round!.Id, ct) is { } plan)
        {
            (basis, pickups) = (Basis.Logistics, plan.Allocations.Where(a => a.BaseId == own)
                .Select(a => new Pickup(a.LotId, a.LineId, a.BuyerId, BuyerName(a.BuyerId).Zh, BuyerName(a.BuyerId).En, a.ProductCode, a.Kg, a.ShipDay,
                    a.ExFarmCnyPerKg, a.ExFarmCnyPerKg * a.Kg))
                .ToList());
        }
        else
        {
            var (allocations, _) = await results.ListAllocationsAsync(round.Id, new AllocationFilter(null, own, null, null), 0, int.MaxValue, ct);
            (basis, pickups) = (Basis.Allocation, allocations.Select(s => s.Allocation)
                .Select(a => new Pickup(a.LotId, a.LineId, a.BuyerId, BuyerName(a.BuyerId).Zh, BuyerName(a.BuyerId).En, a.ProductCode, a.Kg, a.ShipDay,
                    a.ExFarmCnyPerKg, a.ExFarmCnyPerKg * a.Kg))
                .ToList());
        }

        return TypedResults.Ok(new BasePlan(round.Id, round.PublishedAt!.Value, basis, pickups.Sum(p => (long)p.Kg), pickups.Sum(p => p.SalesCny), pickups));
    }

    /// <summary>A reason for the buyer, with the allocation's prices when the allocation explained the line too.</summary>
    private static UnmetNote Note(string message, string messageZh, UnmetExplanation? allocation) =>
        new(message, messageZh, allocation?.CheapestLandedCnyPerKg, allocation?.ClearingPriceCnyPerKg);

    /// <summary>The names of the binding plan of a published round.</summary>
    private static class Basis
    {
        public const string Logistics = "logistics";
        public const string Allocation = "allocation";
    }
}
