using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>A round to create.</summary>
/// <param name="HorizonFrom">First delivery day planned (CST).</param>
/// <param name="HorizonTo">Last delivery day planned (CST), at most 31 days after horizonFrom.</param>
/// <param name="Cutoff">
/// UTC instant, not in the future (default now; up to a minute ahead, a client clock a little fast, is taken as now): lines
/// submitted later wait for the next round; lines in the snapshot are frozen from the round's creation.
/// </param>
/// <param name="Settings">Weights, policy targets and time limit (defaults apply to what is omitted).</param>
/// <param name="Logistics">
/// Whole-truck logistics after the allocation, e.g. <c>{ "enabled": true, "timeLimitSeconds": 20, "useHubs": true }</c>: shipments,
/// pickups, deliveries and city delivery routes. Omitted or not enabled: the round plans the allocation only.
/// </param>
/// <param name="EarliestShipDay">
/// First day (CST) a truck may leave, e.g. today for a live round, at most horizonTo: lots' ship windows are cut to start no
/// earlier and lots whose window ends before it are left out (the stored lots keep their windows). Omitted: no cut, as
/// for a round over past days planned for analysis.
/// </param>
public sealed record CreateRoundBody(
    DateOnly? HorizonFrom, DateOnly? HorizonTo, DateTimeOffset? Cutoff, MatchingSettings? Settings, RoundLogistics? Logistics = null, DateOnly? EarliestShipDay = null);

/// <summary>A round's status, inputs' size and solver statistics.</summary>
public sealed record RoundView(
    Guid Id, RoundStatus Status, DateOnly HorizonFrom, DateOnly HorizonTo, DateTimeOffset Cutoff, int Lines, int Lots, string SnapshotSha256,
    string? ScheduleId, int Attempts, string? Error, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, DateTimeOffset? PublishedAt, string? Worker, MatchingSettings Settings, SolverStatistics? Statistics, Kpis? Kpis,
    RoundLogistics? Logistics, bool HasLogistics, DateOnly? EarliestShipDay)
{
    public static RoundView From(RoundRecord r) => new(
        r.Id, r.Status, r.HorizonFrom, r.HorizonTo, r.Cutoff, r.Lines, r.Lots, r.SnapshotSha256, r.ScheduleId, r.Attempts, r.Error, r.CreatedAt,
        r.CreatedBy, r.StartedAt, r.FinishedAt, r.PublishedAt, r.Worker, JsonSerializer.Deserialize<MatchingSettings>(r.SettingsJson, MatchingJson.Options)!,
        r.StatisticsJson is null ? null : JsonSerializer.Deserialize<SolverStatistics>(r.StatisticsJson, MatchingJson.Options),
        r.KpisJson is null ? null : JsonSerializer.Deserialize<Kpis>(r.KpisJson, MatchingJson.Options), r.Logistics, r.HasLogistics, r.EarliestShipDay);
}

/// <summary>Planners' matching rounds: create (202 + Location), status, cancel, publish.</summary>
public static class RoundEndpoints
{
    public static void MapRoundEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/rounds").WithTags("Rounds").RequireAuthorization(Policies.Planner);
        group.MapPost("/", CreateAsync).Requires("horizonFrom", "horizonTo")
            .Example(today => new CreateRoundBody(today.AddDays(1), today.AddDays(3), null, new MatchingSettings { TimeLimitSeconds = 30 },
                new RoundLogistics(Enabled: true, TimeLimitSeconds: 20, UseHubs: true), today))
            .Doc("CreateRound", "Create a matching round",
                "Snapshots reference data, lots and open lines of the horizon in one transaction and queues the solve; with earliestShipDay, "
                + "lots' ship windows are cut to start no earlier. 202 with Location of the round.",
                400, 422);
        group.MapGet("/", ListAsync).Doc("ListRounds", "List rounds",
            "Newest first, optionally one status: queued, running, solved, published, failed or cancelled. Pages with before=<id of the "
            + "last round of the page> (400 rule cursor when no round has that id); a page shorter than limit is the last.", 400);
        group.MapGet("/{id:guid}", GetAsync).Doc("GetRound", "Get a round's status", "Status, attempts, error of a failed round, solver statistics and KPIs once solved.", 404);
        group.MapPost("/{id:guid}/cancel", CancelAsync)
            .Doc("CancelRound", "Cancel a round",
                "Stops a queued or running round (the solve stops at its next lease renewal), or withdraws a solved round that is not to be "
                + "published: the lines it holds past its cutoff are released (buyers may change or cancel them again) and it can no longer be "
                + "published. 409 round_not_cancellable for a round published (it binds), failed or cancelled.", 404, 409);
        group.MapPost("/{id:guid}/publish", PublishAsync)
            .Doc("PublishRound", "Publish a solved round", "Freezes it; buyers and bases then see its allocations. 409 round_already_published (with when) for a round already published, "
                + "409 round_not_solved for a round queued, running, failed or cancelled, 409 round_inputs_changed (lots: lotId, plannedKg, "
                + "availableKg, cancelled) when its plan sells more of a lot than the lot holds now (revised down or cancelled since the "
                + "snapshot): nothing is published, and a new round plans with the lots as they are.", 404, 409);
    }

    private static async Task<Results<Accepted<RoundView>, ValidationProblem>> CreateAsync(
        [FromBody] CreateRoundBody body, HttpContext http, RoundLauncher launcher, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        var now = clock.Now();
        var from = v.Required("horizonFrom", body.HorizonFrom);
        var to = v.Required("horizonTo", body.HorizonTo);
        v.Rule(body.HorizonFrom is null || body.HorizonTo is null || from <= to, "horizonTo", "not_before_horizon_from", "must not be before horizonFrom.");
        v.Rule(body.HorizonFrom is null || body.HorizonTo is null || to.DayNumber - from.DayNumber <= 31, "horizonTo", "horizon_max_31_days",
            "must be at most 31 days after horizonFrom.");
        HorizonRules.CheckCalendar(v, "horizonFrom", body.HorizonFrom);
        HorizonRules.CheckCalendar(v, "horizonTo", body.HorizonTo);
        HorizonRules.CheckCalendar(v, "earliestShipDay", body.EarliestShipDay);
        v.Rule(body.EarliestShipDay is null || body.HorizonTo is null || body.EarliestShipDay <= to, "earliestShipDay", "not_after_horizon_to",
            "must not be after horizonTo (no truck could leave in time for the round's deliveries).");
        var cutoff = body.Cutoff?.ToUniversalTime() ?? now;
        v.Rule(cutoff <= now.AddMinutes(1), "cutoff", "not_in_future", "must not be in the future (a round snapshots what was submitted by then).");
        var settings = SettingsRules.WithDefaults(body.Settings);
        SettingsRules.Check(v, "settings.", settings);
        LogisticsRules.Check(v, "logistics.", body.Logistics);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        var round = await launcher.LaunchAsync(new NewRound(Guid.CreateVersion7(), from, to, cutoff, settings, null, body.Logistics, body.EarliestShipDay), http.User.Actor(), ct);
        return TypedResults.Accepted($"/api/v1/rounds/{round.Id}", RoundView.From(round));
    }

    private static async Task<Results<Ok<IReadOnlyList<RoundView>>, ValidationProblem>> ListAsync(
        RoundStore rounds, string? status, Guid? before, int? limit, CancellationToken ct)
    {
        var v = new Validator();
        var take = v.Limit(limit);
        var filter = status is null ? null : StatusNames.GetValueOrDefault(status);
        v.Rule(status is null || filter is not null, "status", "one_of", $"must be one of {string.Join(", ", StatusNames.Keys)}.");
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        // The cursor is a round of the list (the last of a page). Any other id would page from nowhere in particular.
        if (before is { } cursor && await rounds.GetRoundAsync(cursor, ct) is null)
        {
            return Cursor.Unknown("round", "before", "the id of the last round of an earlier page");
        }

        return TypedResults.Ok<IReadOnlyList<RoundView>>((await rounds.ListRoundsAsync(filter, before, take, ct)).Select(RoundView.From).ToList());
    }

    // The names a round's status has in every answer (camelCase), and only those.
    private static readonly IReadOnlyDictionary<string, RoundStatus?> StatusNames = Enum.GetValues<RoundStatus>()
        .ToDictionary(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()), s => (RoundStatus?)s, StringComparer.Ordinal);

    private static async Task<Results<Ok<RoundView>, ProblemHttpResult>> GetAsync(Guid id, RoundStore rounds, CancellationToken ct) =>
        await rounds.GetRoundAsync(id, ct) is { } round ? TypedResults.Ok(RoundView.From(round)) : Problem.NotFound("Round", id.ToString());

    private static async Task<Results<Ok<RoundView>, ProblemHttpResult>> CancelAsync(Guid id, HttpContext http, RoundStore rounds, CancellationToken ct) =>
        await rounds.CancelRoundAsync(id, http.User.Actor(), ct) switch
        {
            RoundAction.Done => TypedResults.Ok(RoundView.From((await rounds.GetRoundAsync(id, ct))!)),
            RoundAction.WrongStatus => NotCancellable(id, await rounds.GetRoundAsync(id, ct)),
            _ => Problem.NotFound("Round", id.ToString()),
        };

    /// <summary>Why a round cannot be cancelled: it is published (and binds), or it already ended (failed, cancelled).</summary>
    private static ProblemHttpResult NotCancellable(Guid id, RoundRecord? round) => Problem.Conflict(ErrorCodes.RoundNotCancellable, round?.Status switch
    {
        RoundStatus.Published => $"Round '{id}' is published: buyers and bases hold its plan, so it cannot be cancelled. A new round, once published, is the plan they see.",
        { } status => $"Round '{id}' is {JsonNamingPolicy.CamelCase.ConvertName(status.ToString())} already; only a queued, running or solved (unpublished) round can be cancelled.",
        null => $"Round '{id}' can no longer be cancelled.",
    });

    private static async Task<Results<Ok<RoundView>, ProblemHttpResult>> PublishAsync(Guid id, HttpContext http, RoundStore rounds, CancellationToken ct)
    {
        var outcome = await rounds.PublishAsync(id, http.User.Actor(), ct);
        return outcome.Action switch
        {
            RoundAction.Done => TypedResults.Ok(RoundView.From((await rounds.GetRoundAsync(id, ct))!)),
            RoundAction.WrongStatus => NotPublishable(id, await rounds.GetRoundAsync(id, ct)),
            RoundAction.InputsChanged => InputsChanged(id, outcome.Shortfalls),
            _ => Problem.NotFound("Round", id.ToString()),
        };
    }

    /// <summary>
    /// A solved round whose plan sells more of some lots than they hold now: 409 round_inputs_changed naming the lots (all of
    /// them in <c>lots</c>, the first few in the detail).
    /// </summary>
    private static ProblemHttpResult InputsChanged(Guid id, IReadOnlyList<LotShortfall> shortfalls)
    {
        static string Say(LotShortfall s) => s.Cancelled
            ? string.Create(CultureInfo.InvariantCulture, $"'{s.LotId}' plans {s.PlannedKg:N0} kg but is cancelled")
            : string.Create(CultureInfo.InvariantCulture, $"'{s.LotId}' plans {s.PlannedKg:N0} kg but holds {s.AvailableKg:N0} kg");
        var named = string.Join("; ", shortfalls.Take(5).Select(Say)) + (shortfalls.Count > 5 ? $"; and {shortfalls.Count - 5} more" : "");
        return TypedResults.Problem(
            $"Round '{id}' plans more kg than {shortfalls.Count} of its lots now hold (revised down or cancelled since its snapshot): {named}. "
            + "Nothing was published; create a new round to plan with the lots as they are now.",
            statusCode: 409, title: "Conflict", extensions: new Dictionary<string, object?>
            {
                ["code"] = ErrorCodes.RoundInputsChanged,
                ["lots"] = shortfalls.Select(s => new { lotId = s.LotId, plannedKg = s.PlannedKg, availableKg = s.AvailableKg, cancelled = s.Cancelled }).ToList(),
            });
    }

    /// <summary>Why a round cannot be published: it already is (and since when), or it is not solved.</summary>
    private static ProblemHttpResult NotPublishable(Guid id, RoundRecord? round) => round is { Status: RoundStatus.Published, PublishedAt: { } at }
        ? Problem.Conflict(ErrorCodes.RoundAlreadyPublished,
            $"Round '{id}' was already published at {at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC; publishing it again changes nothing.")
        : Problem.Conflict(ErrorCodes.RoundNotSolved, $"Round '{id}' is not solved; only a solved round can be published.");
}

/// <summary>Ranges of the logistics parameter a planner may send.</summary>
public static class LogisticsRules
{
    public static void Check(Validator v, string prefix, RoundLogistics? logistics)
    {
        if (logistics is null)
        {
            return;
        }

        if (logistics.TimeLimitSeconds is not null)
        {
            v.Range(prefix + "timeLimitSeconds", logistics.TimeLimitSeconds, 1d, 3600d);
        }

        if (logistics.Workers is not null)
        {
            v.Range(prefix + "workers", logistics.Workers, 1, 16);
        }
    }
}

/// <summary>Calendar bounds of the days the service plans: a round's horizon, a demand line's window, a lot's dates.</summary>
public static class HorizonRules
{
    public static readonly DateOnly Earliest = PlanningCalendar.Earliest;
    public static readonly DateOnly Latest = PlanningCalendar.Latest;

    public static void CheckCalendar(Validator v, string field, DateOnly? day)
    {
        if (day is not null && (day < Earliest || day > Latest))
        {
            v.Add(field, "date_range", RowReasons.OutOfRange.With(
                ("min", Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("max", Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        }
    }
}

/// <summary>Ranges of the settings a planner may send.</summary>
public static class SettingsRules
{
    /// <summary>The settings sent, or the defaults; a policy without province targets has none (an empty map).</summary>
    public static MatchingSettings WithDefaults(MatchingSettings? settings)
    {
        var s = settings ?? new MatchingSettings();
        return s.Policy is { MinPurchaseCnyByProvince: null } policy
            ? s with { Policy = policy with { MinPurchaseCnyByProvince = new Dictionary<Province, decimal>() } }
            : s;
    }

    public static void Check(Validator v, string prefix, MatchingSettings s)
    {
        v.Range(prefix + "timeLimitSeconds", (double?)s.TimeLimitSeconds, 0.1, 3600d);
        v.Range(prefix + "workers", (int?)s.Workers, 1, 16);
        v.Money(prefix + "povertyBonusCnyPerKg", s.PovertyBonusCnyPerKg, 0m, 10m);
        v.Money(prefix + "unmetPenaltyStepCnyPerKg", s.UnmetPenaltyStepCnyPerKg, 0m, 100m);
        v.Range(prefix + "roadFactor", (double?)s.RoadFactor, 1d, 3d);
        v.Range(prefix + "loadFactor", (double?)s.LoadFactor, 0.1, 1d);
        v.Range(prefix + "dispatchHour", (int?)s.DispatchHour, 0, 23);
        v.Range(prefix + "handlingHours", (double?)s.HandlingHours, 0d, 48d);
        v.Rule(Enum.IsDefined(s.Solver), prefix + "solver", "one_of", "must be auto, flow or lp.");
        if (s.Policy is { } policy)
        {
            v.Rule(policy.MinPurchaseCnyByProvince is not null && policy.MinPurchaseCnyByProvince.All(p => p.Value >= 0 && Enum.IsDefined(p.Key)),
                prefix + "policy.minPurchaseCnyByProvince", "non_negative", "must map partner provinces to amounts >= 0.");
            // Bounded so that the targets stay within what the LP solves exactly and the penalties within the objective's range:
            // a soft target never makes a round fail.
            v.Rule(policy.MinPurchaseCnyByProvince is null || policy.MinPurchaseCnyByProvince.All(p => p.Value <= PolicyTargets.MaxProvinceTargetCny),
                prefix + "policy.minPurchaseCnyByProvince", "range", "amounts must be at most 100,000,000,000 CNY.");
            v.Rule(policy.MinPovertySharePercent is null or (>= 0 and <= 100), prefix + "policy.minPovertySharePercent", "range", "must be between 0 and 100.");
            v.Rule(policy.ProvincePenaltyPerCny >= 0 && policy.PovertySharePenaltyCnyPerKg >= 0, prefix + "policy", "non_negative", "penalties must be >= 0.");
            v.Rule(policy.ProvincePenaltyPerCny <= PolicyTargets.MaxProvincePenaltyPerCny, prefix + "policy.provincePenaltyPerCny", "range",
                "must be at most 100 (CNY per CNY of shortfall).");
            v.Rule(policy.PovertySharePenaltyCnyPerKg <= PolicyTargets.MaxPovertySharePenaltyCnyPerKg, prefix + "policy.povertySharePenaltyCnyPerKg", "range",
                "must be at most 1000 CNY/kg.");
            v.Rule(s.Solver != SolverChoice.Flow || !policy.Any, prefix + "solver", "flow_without_policy", "flow cannot honour policy targets; use auto or lp.");
        }
    }
}
