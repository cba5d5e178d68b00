using System.Globalization;
using System.Net;
using System.Text.Json;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Core.Domain;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests;

/// <summary>A round's earliest ship day: no truck is planned to leave before it, and scheduled rounds set it to the day they run.</summary>
[Collection(ApiCollection.Name)]
public sealed class EarliestShipDayTests(ApiFixture api)
{
    [Fact]
    public async Task A_round_from_today_plans_no_truck_before_its_earliest_ship_day_and_leaves_out_lots_whose_window_has_passed()
    {
        var world = await api.NewWorldAsync();
        var today = World.Today;
        var line = world.Line(2_000, product: 1);
        line["earliest"] = Day(today);
        await (await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", line)).ExpectAsync(HttpStatusCode.Created);
        var straddling = world.Lot(5_000, product: 1);
        (straddling["harvestDate"], straddling["availableFrom"]) = (Day(today.AddDays(-5)), Day(today.AddDays(-5)));
        var posted = await (await api.Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", straddling)).ExpectAsync(HttpStatusCode.Created);
        // Posted two days ago, last shippable yesterday, and cheaper than the other: a round without the cut would ship it.
        var passed = new HarvestLot($"HL-passed-{world.Suffix}", world.BaseIds[0], world.ProductCodes[1], Grade.Premium, today.AddDays(-3), today.AddDays(-3),
            today.AddDays(-1), 1_000, null, 2.00m, 0);
        await api.Host.Service<ForecastStore>().PostAsync([passed], new Actor("base-key", Roles.Base, world.BaseIds[0]), CancellationToken.None);
        var body = new
        {
            horizonFrom = Day(today), horizonTo = Day(today.AddDays(6)), earliestShipDay = Day(today),
            settings = new { timeLimitSeconds = 10 }, logistics = new { enabled = true, timeLimitSeconds = 5 },
        };

        var created = await (await api.Planner.PostJsonAsync("/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.Accepted);
        var round = await Rounds.FinishedAsync(api.Planner, created.GetProperty("id").GetGuid());

        Assert.True(round.GetProperty("status").GetString() == "solved", $"round did not solve: {round}");
        Assert.Equal((Day(today), Day(today)), (created.GetProperty("earliestShipDay").GetString(), round.GetProperty("earliestShipDay").GetString()));
        var id = round.GetProperty("id").GetGuid();
        var allocations = await Pages.AllAsync(api.Planner, $"/api/v1/rounds/{id}/allocations?baseId={world.BaseIds[0]}");
        Assert.Equal(2_000, allocations.Sum(a => a.GetProperty("kg").GetInt32()));
        Assert.All(allocations, a => Assert.Equal(posted.GetProperty("id").GetString(), a.GetProperty("lotId").GetString()));
        Assert.Contains(allocations, a => ShipDay(a) == today);
        var shipments = await Pages.AllAsync(api.Planner, $"/api/v1/rounds/{id}/shipments");
        // From the base or, when another test's origin hub is cheaper, from that hub after a feeder (a pickup, below).
        Assert.Contains(shipments, s => s.GetProperty("loads").EnumerateArray().Any(l => l.GetProperty("productCode").GetString() == world.ProductCodes[1]));
        Assert.All(shipments, s => Assert.True(ShipDay(s) >= today, $"a truck leaves on {ShipDay(s)}, before {today}"));
        var pickups = await Pages.AllAsync(api.Planner, $"/api/v1/rounds/{id}/pickups?baseId={world.BaseIds[0]}");
        Assert.NotEmpty(pickups);
        Assert.All(pickups, p => Assert.True(ShipDay(p) >= today, $"a pickup on {ShipDay(p)}, before {today}"));
        var stored = await (await api.Host.Client(world.BaseKeys[0]).GetAsync($"/api/v1/lots/{posted.GetProperty("id").GetString()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Day(today.AddDays(-5)), stored.GetProperty("availableFrom").GetString());
    }

    [Fact]
    public async Task A_round_created_without_an_earliest_ship_day_shows_none()
    {
        var world = await api.NewWorldAsync();

        var created = await (await api.HeldPlanner.PostJsonAsync("/api/v1/rounds", world.Round())).ExpectAsync(HttpStatusCode.Accepted);
        var read = await (await api.Planner.GetAsync($"/api/v1/rounds/{created.GetProperty("id").GetGuid()}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, read.GetProperty("earliestShipDay").ValueKind);
    }

    [Fact]
    public async Task A_scheduled_round_lets_no_truck_leave_before_the_china_standard_time_day_its_schedule_fires()
    {
        var world = await api.NewWorldAsync();
        var id = "ship-" + world.Suffix;
        var body = new { cron = "30 6 * * *", horizonOffsetDays = 0, horizonDays = 3, settings = new { timeLimitSeconds = 5 }, enabled = true };
        await (await api.Planner.PutJsonAsync($"/api/v1/round-schedules/{id}", body)).ExpectAsync(HttpStatusCode.OK);
        // 22:30 UTC on 1 June is 06:30 CST on 2 June: the round's day is the CST one. The held instance's rounds stay queued.
        var clock = new FixedClock(new DateTimeOffset(2026, 6, 1, 22, 30, 0, TimeSpan.Zero));
        var job = new ScheduledRoundJob(api.Held.Service<ScheduleStore>(), api.Held.Service<RoundLauncher>(), clock);

        await job.RunAsync(id, CancellationToken.None);

        var listed = await (await api.Planner.GetAsync("/api/v1/rounds?status=queued&limit=1000")).ExpectAsync(HttpStatusCode.OK);
        var round = listed.EnumerateArray().Single(r => r.GetProperty("scheduleId").GetString() == id);
        Assert.Equal(("2026-06-02", "2026-06-02", "2026-06-04"), (round.GetProperty("earliestShipDay").GetString(),
            round.GetProperty("horizonFrom").GetString(), round.GetProperty("horizonTo").GetString()));
        await (await api.Planner.DeleteAsync($"/api/v1/round-schedules/{id}")).ExpectAsync(HttpStatusCode.NoContent);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ShipDay(JsonElement e) => DateOnly.Parse(e.GetProperty("shipDay").GetString()!, CultureInfo.InvariantCulture);

    /// <summary>A clock stopped at one instant.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
