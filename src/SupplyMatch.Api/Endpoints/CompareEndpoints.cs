using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Api.Auth;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>One KPI in two rounds.</summary>
/// <param name="Base">The figure of the base round; null where that round does not have it (its deliveries were not routed).</param>
/// <param name="Other">The figure of the other round; null as for <paramref name="Base"/>.</param>
/// <param name="Delta">Other - base; null when either is null.</param>
public sealed record KpiDelta(string Kpi, decimal? Base, decimal? Other, decimal? Delta);

/// <summary>kg of one (lot, line) pair in two rounds; 0 where the round has no such allocation.</summary>
public sealed record AllocationDelta(string LotId, string LineId, int BaseKg, int OtherKg, int DeltaKg);

/// <summary>How the other round differs from the base round.</summary>
/// <param name="LogisticsKpis">
/// Logistics KPI deltas (other - base) when both rounds have a logistics plan, else null. The delivery routing kpis (routes,
/// routeKm, unroutedKg) of a round planned with routeDeliveries off are null (not planned), never 0.
/// </param>
public sealed record RoundComparison(Guid BaseRoundId, Guid OtherRoundId, IReadOnlyList<KpiDelta> Kpis, int ChangedAllocationCount,
    IReadOnlyList<AllocationDelta> ChangedAllocations, IReadOnlyList<KpiDelta>? LogisticsKpis = null);

public static class CompareEndpoints
{
    public static void MapCompareEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/rounds/compare", CompareAsync).WithTags("Round results").RequireAuthorization(Policies.Planner)
            .Doc("CompareRounds", "Compare two rounds",
                "KPI deltas (other - base: each round's figure exactly as its /kpis gives it, with policyPenaltyCny, the penalties of its "
                + "policy targets), logistics KPI deltas when both rounds have a logistics plan (routes, routeKm and unroutedKg "
                + "are null for a round whose deliveries were not routed: not planned, rather than 0), and the (lot, line) pairs whose "
                + "allocated kg changed, largest change first (at most limit).", 400, 404, 409);

    private static async Task<Results<Ok<RoundComparison>, ValidationProblem, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>> CompareAsync(
        [Required] Guid? @base, [Required] Guid? other, int? limit, RoundStore rounds, RoundResultStore results, LogisticsStore logistics, CancellationToken ct)
    {
        var v = new Problems.Validator();
        var baseId = v.Required("base", @base);
        var otherId = v.Required("other", other);
        var take = v.Limit(limit);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        var (a, problemA) = await RoundResultEndpoints.ResultOfAsync(baseId, rounds, results, ct);
        var (b, problemB) = await RoundResultEndpoints.ResultOfAsync(otherId, rounds, results, ct);
        if ((problemA ?? problemB) is { } problem)
        {
            return problem;
        }

        var changed = Changes(a!, b!);
        var logisticsA = await logistics.LoadSummaryAsync(baseId, ct);
        var logisticsB = await logistics.LoadSummaryAsync(otherId, ct);
        return TypedResults.Ok(new RoundComparison(baseId, otherId, Deltas(a!, b!), changed.Count,
            changed.OrderByDescending(c => Math.Abs(c.DeltaKg)).ThenBy(c => c.LotId, StringComparer.Ordinal).ThenBy(c => c.LineId, StringComparer.Ordinal)
                .Take(take).ToList(),
            logisticsA is null || logisticsB is null ? null : LogisticsDeltas(logisticsA, logisticsB)));
    }

    private static List<KpiDelta> LogisticsDeltas(LogisticsSummary a, LogisticsSummary b)
    {
        var (ka, kb) = (a.Kpis, b.Kpis);
        return
        [
            D("objectiveCny", a.ObjectiveCny, b.ObjectiveCny),
            D("allocatedKg", ka.AllocatedKg, kb.AllocatedKg),
            D("fillRateKg", Exact(ka.FillRateKg), Exact(kb.FillRateKg)),
            D("linesUnmet", ka.LinesUnmet, kb.LinesUnmet),
            D("trucks", ka.Trucks, kb.Trucks),
            D("refrigeratedTrucks", ka.RefrigeratedTrucks, kb.RefrigeratedTrucks),
            D("averageFillPercent", Exact(ka.AverageFillPercent), Exact(kb.AverageFillPercent)),
            D("truckKm", Exact(ka.TruckKm), Exact(kb.TruckKm)),
            D("tonKm", Exact(ka.TonKm), Exact(kb.TonKm)),
            D("transportCostCny", ka.TransportCostCny, kb.TransportCostCny),
            D("costPerKgCny", ka.CostPerKgCny, kb.CostPerKgCny),
            D("kgViaOriginHubs", ka.KgViaOriginHubs, kb.KgViaOriginHubs),
            D("kgViaDcs", ka.KgViaDcs, kb.KgViaDcs),
            D("co2Kg", Exact(ka.Co2Kg), Exact(kb.Co2Kg)),
            D("co2KgPerTonne", Exact(ka.Co2KgPerTonne), Exact(kb.Co2KgPerTonne)),
            // A round whose deliveries were not routed has no routing figures: null (not planned), not 0 (routing found nothing).
            D("routes", a.Routing?.Routes, b.Routing?.Routes),
            D("routeKm", a.Routing is { } ra ? Exact(ra.Km) : null, b.Routing is { } rb ? Exact(rb.Km) : null),
            D("unroutedKg", a.Routing?.UnroutedKg, b.Routing?.UnroutedKg),
        ];
    }

    /// <summary>A figure in round A and round B, and B - A.</summary>
    private static KpiDelta D(string name, decimal? x, decimal? y) => new(name, x, y, y - x);

    private static List<AllocationDelta> Changes(MatchingResult a, MatchingResult b)
    {
        static Dictionary<(string, string), int> Totals(MatchingResult r) =>
            r.Allocations.GroupBy(x => (x.LotId, x.LineId)).ToDictionary(g => g.Key, g => g.Sum(x => x.Kg));
        var ta = Totals(a);
        var tb = Totals(b);
        return ta.Keys.Union(tb.Keys)
            .Select(k => new AllocationDelta(k.Item1, k.Item2, ta.GetValueOrDefault(k), tb.GetValueOrDefault(k), tb.GetValueOrDefault(k) - ta.GetValueOrDefault(k)))
            .Where(d => d.DeltaKg != 0)
            .ToList();
    }

    private static List<KpiDelta> Deltas(MatchingResult ra, MatchingResult rb)
    {
        var (a, b) = (ra.Kpis, rb.Kpis);
        return
        [
            D("objectiveCny", ra.ObjectiveCny, rb.ObjectiveCny),
            // The objective's policy part: what the rounds' policy targets cost in penalties (0 without targets).
            D("policyPenaltyCny", ra.Policy.Sum(p => p.PenaltyCny), rb.Policy.Sum(p => p.PenaltyCny)),
            D("demandKg", a.DemandKg, b.DemandKg),
            D("allocatedKg", a.AllocatedKg, b.AllocatedKg),
            D("fillRateKg", Exact(a.FillRateKg), Exact(b.FillRateKg)),
            D("fillRateLines", Exact(a.FillRateLines), Exact(b.FillRateLines)),
            D("linesUnmet", a.LinesUnmet, b.LinesUnmet),
            D("landedCostCny", a.LandedCostCny, b.LandedCostCny),
            D("transportCostCny", a.TransportCostCny, b.TransportCostCny),
            D("landedCnyPerKg", a.LandedCnyPerKg, b.LandedCnyPerKg),
            D("tonKm", Exact(a.TonKm), Exact(b.TonKm)),
            D("povertyLinkedKg", a.PovertyLinkedKg, b.PovertyLinkedKg),
            D("povertySharePercent", Exact(a.PovertySharePercent), Exact(b.PovertySharePercent)),
            D("householdsReached", a.HouseholdsReached, b.HouseholdsReached),
        ];
    }

    /// <summary>
    /// A KPI held as a double, as the decimal of the number the round's own answers show (its shortest round-trip form):
    /// a cast would keep only 15 digits, so base and other would differ from /kpis and the delta from their difference.
    /// </summary>
    private static decimal Exact(double value) =>
        decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
}
