using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>KPIs, policy outcomes and solver statistics of a solved round.</summary>
public sealed record RoundKpisView(Guid RoundId, Kpis Kpis, IReadOnlyList<PolicyOutcome> Policy, decimal ObjectiveCny, SolverStatistics Statistics);

/// <summary>Why one line got what it got: its allocations and, when not fully served, the reason with its numbers.</summary>
public sealed record LineExplanation(Guid RoundId, string LineId, int AllocatedKg, IReadOnlyList<Allocation> Allocations, UnmetLine? Unmet);

/// <summary>
/// The reference data a round planned with, as its snapshot holds it: later edits (a base moved to another province, a
/// buyer to another city, a product or hub renamed, a base added) do not change what the round shows.
/// </summary>
public sealed record RoundReference(
    Guid RoundId, IReadOnlyList<Product> Products, IReadOnlyList<City> Cities, IReadOnlyList<Base> Bases, IReadOnlyList<Buyer> Buyers,
    IReadOnlyList<Hub> Hubs, IReadOnlyList<VehicleType> VehicleTypes, IReadOnlyList<Lane> Lanes);

/// <summary>A planner's view of a solved (or published) round's results.</summary>
public static class RoundResultEndpoints
{
    public static void MapRoundResultEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/rounds/{id:guid}").WithTags("Round results").RequireAuthorization(Policies.Planner);
        group.MapGet("/allocations", AllocationsAsync)
            .Doc("ListRoundAllocations", "Allocations of a round", "Paged by offset/limit; filter by buyerId, baseId, productCode, day (delivery day, CST).", 400, 404, 409);
        group.MapGet("/unmet", UnmetAsync).Doc("ListRoundUnmet", "Unmet demand of a round", "Lines not (fully) served, with reason and explanation.", 400, 404, 409);
        group.MapGet("/kpis", KpisAsync).Doc("GetRoundKpis", "KPIs of a round", "Fill rates, costs, ton-km, poverty-linked purchases, policy outcomes, solver statistics.", 404, 409);
        group.MapGet("/lines/{lineId}/explanation", ExplainAsync)
            .Doc("ExplainRoundLine", "Explain one line", "The line's allocations and, when not fully served, the reason with its numbers.", 404, 409);
        group.MapGet("/shadow-prices", ShadowPricesAsync).Doc("GetRoundShadowPrices", "Shadow prices of a round", "Dual values of lots and lines, CNY/kg.", 404, 409);
        group.MapGet("/result", ResultAsync).Doc("GetRoundResult", "The whole result of a round",
            "Status, objective, every allocation, unmet line, policy outcome, shadow price, the KPIs and solver statistics in one document: the "
            + "JSON that 'supplymatch match --format json' writes. With the round's snapshot, 'supplymatch check snapshot.json result.json' "
            + "re-checks it with the independent feasibility checker.", 404, 409);
        group.MapGet("/snapshot", SnapshotAsync).Produces<MatchingProblem>(StatusCodes.Status200OK)
            .Doc("GetRoundSnapshot", "The problem a round solves",
                "The snapshot taken when the round was created, byte for byte as stored (its SHA-256 is the round's snapshotSha256): reference "
                + "data, lots, lines with their windows cut to the horizon (and lots' ship windows to earliestShipDay), and settings. "
                + "'supplymatch check' and 'supplymatch match' read it in place of a scenario directory.", 404);
        group.MapGet("/reference", ReferenceAsync)
            .Doc("GetRoundReference", "The reference data a round planned with",
                "Products, cities, bases, buyers, hubs, vehicle types and lanes as the round's snapshot holds them (the shapes of "
                + "/products, /cities, ...), in any status of the round: edits made to the reference data since the round was created "
                + "do not show here, so a round's flows by province and city, its map and the names in its plan stay those it planned "
                + "with.", 404);
    }

    private static async Task<Results<Ok<RoundReference>, ProblemHttpResult>> ReferenceAsync(Guid id, RoundStore rounds, CancellationToken ct)
    {
        if (await rounds.LoadRoundSnapshotAsync(id, ct) is not { Reference: var r })
        {
            return Problem.NotFound("Round", id.ToString());
        }

        return TypedResults.Ok(new RoundReference(id, r.Products, r.Cities, r.Bases, r.Buyers, r.Hubs, r.VehicleTypes, r.Lanes));
    }

    /// <summary>The round's result, or the problem saying why there is none.</summary>
    public static async Task<(MatchingResult? Result, ProblemHttpResult? Problem)> ResultOfAsync(
        Guid id, RoundStore rounds, RoundResultStore results, CancellationToken ct)
    {
        var round = await rounds.GetRoundAsync(id, ct);
        if (round is null)
        {
            return (null, Problem.NotFound("Round", id.ToString()));
        }

        if (round.Status is not (RoundStatus.Solved or RoundStatus.Published))
        {
            return (null, NotSolved(id, round.Status, "results"));
        }

        return (await results.LoadResultAsync(id, ct), null);
    }

    private static async Task<Results<Ok<Page<Allocation>>, ValidationProblem, ProblemHttpResult>> AllocationsAsync(
        Guid id, RoundStore rounds, RoundResultStore results, string? buyerId, string? baseId, string? productCode, DateOnly? day,
        int? offset, int? limit, CancellationToken ct)
    {
        var v = new Validator();
        var take = v.Limit(limit);
        var skip = offset is null ? 0 : v.Range("offset", offset, 0, int.MaxValue);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        if (await rounds.GetRoundAsync(id, ct) is not { } round)
        {
            return Problem.NotFound("Round", id.ToString());
        }

        if (round.Status is not (RoundStatus.Solved or RoundStatus.Published))
        {
            return NotSolved(id, round.Status, "results");
        }

        var (items, total) = await results.ListAllocationsAsync(id, new AllocationFilter(buyerId, baseId, productCode, day), skip, take, ct);
        var next = skip + items.Count < total ? (skip + items.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<Allocation>(items.Select(a => a.Allocation).ToList(), next, total));
    }

    private static async Task<Results<Ok<Page<UnmetLine>>, ValidationProblem, ProblemHttpResult>> UnmetAsync(
        Guid id, RoundStore rounds, RoundResultStore results, string? buyerId, string? reason, int? offset, int? limit, CancellationToken ct)
    {
        var v = new Validator();
        var take = v.Limit(limit);
        UnmetReason? reasonFilter = null;
        if (reason is not null)
        {
            // The API writes reasons in camelCase ("tooExpensive"); accept them in any letter case, but by name only (not "1").
            var named = EnumNames.TryParse<UnmetReason>(reason, out var parsed);
            v.Rule(named, "reason", "enum",
                $"reason must be one of {string.Join(", ", Enum.GetNames<UnmetReason>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}");
            reasonFilter = named ? parsed : null;
        }

        var skip = offset is null ? 0 : v.Range("offset", offset, 0, int.MaxValue);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        var (_, problem) = await ResultOfAsync(id, rounds, results, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (items, total) = await results.ListUnmetAsync(id, buyerId, reasonFilter, skip, take, ct);
        var next = skip + items.Count < total ? (skip + items.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<UnmetLine>(items, next, total));
    }

    private static async Task<Results<Ok<RoundKpisView>, ProblemHttpResult>> KpisAsync(Guid id, RoundStore rounds, RoundResultStore results, CancellationToken ct)
    {
        var (result, problem) = await ResultOfAsync(id, rounds, results, ct);
        return problem ?? (Results<Ok<RoundKpisView>, ProblemHttpResult>)TypedResults.Ok(
            new RoundKpisView(id, result!.Kpis, result.Policy, result.ObjectiveCny, result.Statistics));
    }

    private static async Task<Results<Ok<LineExplanation>, ProblemHttpResult>> ExplainAsync(
        Guid id, string lineId, RoundStore rounds, RoundResultStore results, CancellationToken ct)
    {
        var (result, problem) = await ResultOfAsync(id, rounds, results, ct);
        if (problem is not null)
        {
            return problem;
        }

        var allocations = result!.Allocations.Where(a => a.LineId == lineId).ToList();
        var unmet = result.Unmet.FirstOrDefault(u => u.LineId == lineId);
        return allocations.Count == 0 && unmet is null
            ? Problem.Of(404, ErrorCodes.NotFound, "Not found", $"Demand line '{lineId}' is not in round '{id}'.")
            : TypedResults.Ok(new LineExplanation(id, lineId, allocations.Sum(a => a.Kg), allocations, unmet));
    }

    private static async Task<Results<Ok<MatchingResult>, ProblemHttpResult>> ResultAsync(
        Guid id, RoundStore rounds, RoundResultStore results, CancellationToken ct)
    {
        var (result, problem) = await ResultOfAsync(id, rounds, results, ct);
        return problem ?? (Results<Ok<MatchingResult>, ProblemHttpResult>)TypedResults.Ok(result!);
    }

    private static async Task<IResult> SnapshotAsync(Guid id, RoundStore rounds, CancellationToken ct) =>
        await rounds.LoadRoundSnapshotJsonAsync(id, ct) is { } json
            ? TypedResults.Text(json, "application/json", System.Text.Encoding.UTF8)
            : Problem.NotFound("Round", id.ToString());

    private static async Task<Results<Ok<ShadowPrices>, ProblemHttpResult>> ShadowPricesAsync(
        Guid id, RoundStore rounds, RoundResultStore results, CancellationToken ct)
    {
        var (result, problem) = await ResultOfAsync(id, rounds, results, ct);
        return problem ?? (Results<Ok<ShadowPrices>, ProblemHttpResult>)TypedResults.Ok(result!.ShadowPrices ?? new ShadowPrices([], []));
    }

    /// <summary>
    /// 409 round_not_solved: a queued or running round has its results once it is solved; a failed or cancelled one never
    /// will (a new round is created instead).
    /// </summary>
    public static ProblemHttpResult NotSolved(Guid id, RoundStatus status, string what) => Problem.Conflict(ErrorCodes.RoundNotSolved, status switch
    {
        RoundStatus.Queued or RoundStatus.Running => $"Round '{id}' is {EnumText.Of(status)}; its {what} will be there once it is solved.",
        _ => $"Round '{id}' is {EnumText.Of(status)}: it has no {what} and will have none (only a solved or published round has). Create a new round to plan again.",
    });
}
