using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>A recurring round.</summary>
/// <param name="Cron">Five-field cron in China Standard Time, e.g. "0 6 * * *" for 06:00 CST daily.</param>
/// <param name="HorizonOffsetDays">First delivery day = the CST day the round runs + this (0..14).</param>
/// <param name="HorizonDays">Delivery days planned (1..31).</param>
/// <param name="Logistics">Whole-truck logistics planning of the schedule's rounds (see the create-round body); omitted = allocation only.</param>
public sealed record ScheduleBody(string? Cron, int? HorizonOffsetDays, int? HorizonDays, MatchingSettings? Settings, bool? Enabled, RoundLogistics? Logistics = null);

public static class ScheduleEndpoints
{
    public static void MapScheduleEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/round-schedules").WithTags("Rounds").RequireAuthorization(Policies.Planner);
        group.MapGet("/", async Task<Ok<IReadOnlyList<RoundSchedule>>> (ScheduleStore schedules, CancellationToken ct) =>
            TypedResults.Ok(await schedules.ListAsync(ct)))
            .Doc("ListRoundSchedules", "List round schedules", "Recurring rounds, cron in China Standard Time.");
        group.MapGet("/{id}", async Task<Results<Ok<RoundSchedule>, ProblemHttpResult>> (string id, ScheduleStore schedules, CancellationToken ct) =>
            await schedules.GetAsync(id, ct) is { } schedule ? TypedResults.Ok(schedule) : Problem.NotFound("Round schedule", id))
            .Doc("GetRoundSchedule", "Get a round schedule", "As stored by PUT, cron in China Standard Time. 404 when there is no such schedule.", 404);
        group.MapPut("/{id}", PutAsync).Requires("cron", "horizonOffsetDays", "horizonDays").Example(new ScheduleBody("0 6 * * *", 1, 3, new MatchingSettings(), true, new RoundLogistics(true, 20)))
            .Doc("PutRoundSchedule", "Create or replace a round schedule", "Registers the recurring job (cron in CST).", 400);
        group.MapDelete("/{id}", DeleteAsync).Doc("DeleteRoundSchedule", "Delete a round schedule", "Removes the recurring job.", 404);
    }

    private static async Task<Results<Ok<RoundSchedule>, ValidationProblem>> PutAsync(
        string id, [FromBody] ScheduleBody body, HttpContext http, ScheduleStore schedules, RoundScheduler scheduler, CancellationToken ct)
    {
        var v = new Validator();
        v.Id("id", id);
        var cron = v.Text("cron", body.Cron, 100);
        v.Rule(cron.Length == 0 || RoundScheduler.IsValidCron(cron), "cron", "cron_format", "must be a five-field cron expression (minute hour day month weekday).");
        v.Rule(cron.Length == 0 || !RoundScheduler.IsValidCron(cron) || RoundScheduler.CronFires(cron), "cron", "cron_never_fires",
            "never fires (no day matches it, e.g. the 31st of February); choose days that exist.");
        var settings = SettingsRules.WithDefaults(body.Settings);
        SettingsRules.Check(v, "settings.", settings);
        LogisticsRules.Check(v, "logistics.", body.Logistics);
        var schedule = new RoundSchedule(id, cron, v.Range("horizonOffsetDays", body.HorizonOffsetDays, 0, 14), v.Range("horizonDays", body.HorizonDays, 1, 31),
            settings, body.Enabled ?? true, body.Logistics is { Enabled: true } ? body.Logistics : null);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        await schedules.UpsertAsync(schedule, http.User.Actor(), ct);
        scheduler.Sync(schedule);
        return TypedResults.Ok(schedule);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, HttpContext http, ScheduleStore schedules, RoundScheduler scheduler, CancellationToken ct)
    {
        if (!await schedules.DeleteAsync(id, http.User.Actor(), ct))
        {
            return Problem.NotFound("Round schedule", id);
        }

        scheduler.Remove(id);
        return TypedResults.NoContent();
    }
}
