using System.Net;
using System.Text.Json;
using Hangfire;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Core.Checking;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests;

/// <summary>Logistics rounds on PostgreSQL: parameters, 409s before and without a plan, tenants' views, hubs and schedules.</summary>
[Collection(ApiCollection.Name)]
public sealed class LogisticsRoundTests(ApiFixture api)
{
    private static readonly string[] Endpoints = ["logistics", "logistics/plan", "shipments", "routes", "routes/unrouted", "pickups", "deliveries"];

    [Fact]
    public async Task A_queued_logistics_round_answers_round_not_solved_and_a_round_without_logistics_logistics_not_planned()
    {
        var world = await api.NewWorldAsync();
        var body = new { horizonFrom = World.Today.AddDays(1).ToString("yyyy-MM-dd"), horizonTo = World.Today.AddDays(6).ToString("yyyy-MM-dd"),
            logistics = new { enabled = true, timeLimitSeconds = 5, useHubs = false } };
        var queued = await (await api.HeldPlanner.PostJsonAsync("/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.Accepted);
        var plain = await Rounds.CreateAsync(api.Planner, world);
        await Rounds.FinishedAsync(api.Planner, plain);

        Assert.Equal((5d, false, false), (queued.GetProperty("logistics").GetProperty("timeLimitSeconds").GetDouble(),
            queued.GetProperty("logistics").GetProperty("useHubs").GetBoolean(), queued.GetProperty("hasLogistics").GetBoolean()));
        foreach (var endpoint in Endpoints)
        {
            await (await api.Planner.GetAsync($"/api/v1/rounds/{queued.GetProperty("id").GetGuid()}/{endpoint}")).ExpectAsync(HttpStatusCode.Conflict, "round_not_solved");
            await (await api.Planner.GetAsync($"/api/v1/rounds/{plain}/{endpoint}")).ExpectAsync(HttpStatusCode.Conflict, "logistics_not_planned");
            await (await api.Planner.GetAsync($"/api/v1/rounds/{Guid.NewGuid()}/{endpoint}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        }
    }

    [Fact]
    public async Task A_logistics_round_whose_worker_died_is_solved_whole_by_the_next_and_a_repeated_job_changes_nothing()
    {
        var world = await api.NewWorldAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(1_200));
        await api.Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot(3_000));
        var body = new { horizonFrom = World.Today.AddDays(1).ToString("yyyy-MM-dd"), horizonTo = World.Today.AddDays(6).ToString("yyyy-MM-dd"),
            settings = new { timeLimitSeconds = 10 }, logistics = new { enabled = true, timeLimitSeconds = 3 } };
        var id = (await (await api.HeldPlanner.PostJsonAsync("/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        Assert.Equal(StartOutcome.Started, await api.Host.Service<RoundStore>().TryStartRoundAsync(id, "dead-worker:2", TimeSpan.FromSeconds(2), 3, CancellationToken.None));
        await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/shipments")).ExpectAsync(HttpStatusCode.Conflict, "round_not_solved");

        // Its lease lapses; the next job takes the round over (a job while the lease is live leaves it to that worker).
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var launcher = api.Host.Service<RoundLauncher>();
        await Rounds.JobSucceededAsync(api.Host.Service<JobStorage>(), launcher.Enqueue(id));
        var first = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}")).ExpectAsync(HttpStatusCode.OK);
        var stored = await StoredPlanAsync(id);
        await Rounds.JobSucceededAsync(api.Host.Service<JobStorage>(), launcher.Enqueue(id));
        var again = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("solved", true, 2), (first.GetProperty("status").GetString(), first.GetProperty("hasLogistics").GetBoolean(), first.GetProperty("attempts").GetInt32()));
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(stored, await StoredPlanAsync(id));
        var shipments = await Pages.AllAsync(api.Planner, $"/api/v1/rounds/{id}/shipments?buyerId={world.BuyerIds[0]}");
        // The line is the only demand for this world's product: all of it travels on trucks carrying the buyer's goods.
        Assert.Equal(1_200, shipments.SelectMany(x => x.GetProperty("loads").EnumerateArray())
            .Where(l => l.GetProperty("productCode").GetString() == world.ProductCodes[0]).Sum(l => l.GetProperty("kg").GetInt32()));

        var snapshot = ProblemJson.Deserialize(await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/snapshot")).Content.ReadAsStringAsync());
        var plan = MatchingJson.DeserializeLogistics(await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/logistics/plan")).Content.ReadAsStringAsync());
        var report = LogisticsChecker.Check(snapshot, plan, new RoundLogistics(Enabled: true, TimeLimitSeconds: 3).ToSettings());
        Assert.True(report.Ok, string.Join("; ", report.Issues.Take(5).Select(i => $"{i.Code}: {i.Message}")));
    }

    [Fact]
    public async Task A_published_logistics_round_shows_each_buyer_and_base_only_its_own_part()
    {
        var world = await api.NewWorldAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(2_000));
        await api.Host.Client(world.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", world.Line(1_500));
        await api.Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot(6_000));
        var body = new { horizonFrom = World.Today.AddDays(1).ToString("yyyy-MM-dd"), horizonTo = World.Today.AddDays(6).ToString("yyyy-MM-dd"),
            settings = new { timeLimitSeconds = 10 }, logistics = new { enabled = true, timeLimitSeconds = 5 } };
        var id = (await (await api.Planner.PostJsonAsync("/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        var round = await Rounds.FinishedAsync(api.Planner, id);
        Assert.True(round.GetProperty("status").GetString() == "solved", $"round did not solve: {round}");
        Assert.True(round.GetProperty("hasLogistics").GetBoolean());
        await (await api.Host.Client(world.BuyerKeys[0]).GetAsync($"/api/v1/my/logistics/deliveries?roundId={id}")).ExpectAsync(HttpStatusCode.NotFound, "no_published_round");
        await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/publish", null)).ExpectAsync(HttpStatusCode.OK);

        for (var b = 0; b < 2; b++)
        {
            var mine = await (await api.Host.Client(world.BuyerKeys[b]).GetAsync($"/api/v1/my/logistics/deliveries?roundId={id}")).ExpectAsync(HttpStatusCode.OK);
            var planned = await Pages.AllAsync(api.Planner, $"/api/v1/rounds/{id}/deliveries?buyerId={world.BuyerIds[b]}");
            Assert.NotEmpty(planned);
            Assert.Equal(planned.Select(d => d.GetRawText()), mine.GetProperty("deliveries").EnumerateArray().Select(d => d.GetRawText()));
            Assert.All(mine.GetProperty("deliveries").EnumerateArray(), d => Assert.Equal(world.BuyerIds[b], d.GetProperty("buyerId").GetString()));
        }

        var pickups = await (await api.Host.Client(world.BaseKeys[0]).GetAsync($"/api/v1/my/logistics/pickups?roundId={id}")).ExpectAsync(HttpStatusCode.OK);
        var ofBase = await Pages.AllAsync(api.Planner, $"/api/v1/rounds/{id}/pickups?baseId={world.BaseIds[0]}");
        Assert.Equal(ofBase.Sum(p => p.GetProperty("kg").GetInt64()), pickups.GetProperty("kg").GetInt64());
        Assert.All(pickups.GetProperty("pickups").EnumerateArray(), p => Assert.Equal(world.BaseIds[0], p.GetProperty("baseId").GetString()));
        var other = await (await api.Host.Client(world.BaseKeys[1]).GetAsync($"/api/v1/my/logistics/pickups?roundId={id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, other.GetProperty("pickups").GetArrayLength());
    }

    [Fact]
    public async Task Comparing_a_round_planned_without_delivery_routing_shows_its_routing_kpis_as_not_planned_rather_than_0()
    {
        var world = await api.NewWorldAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(1_200));
        await api.Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot(3_000));
        Guid[] ids = new Guid[2];
        foreach (var (routeDeliveries, i) in new[] { (false, 0), (true, 1) })
        {
            var body = new { horizonFrom = World.Today.AddDays(1).ToString("yyyy-MM-dd"), horizonTo = World.Today.AddDays(6).ToString("yyyy-MM-dd"),
                settings = new { timeLimitSeconds = 10 }, logistics = new { enabled = true, timeLimitSeconds = 3, routeDeliveries } };
            ids[i] = (await (await api.Planner.PostJsonAsync("/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
            Assert.Equal("solved", (await Rounds.FinishedAsync(api.Planner, ids[i])).GetProperty("status").GetString());
        }

        var routed = await (await api.Planner.GetAsync($"/api/v1/rounds/{ids[1]}/logistics")).ExpectAsync(HttpStatusCode.OK);
        var comparison = await (await api.Planner.GetAsync($"/api/v1/rounds/compare?base={ids[0]}&other={ids[1]}")).ExpectAsync(HttpStatusCode.OK);
        var kpis = comparison.GetProperty("logisticsKpis").EnumerateArray().ToDictionary(d => d.GetProperty("kpi").GetString()!);

        foreach (var (kpi, field) in new[] { ("routes", "routes"), ("routeKm", "km"), ("unroutedKg", "unroutedKg") })
        {
            Assert.Equal(JsonValueKind.Null, kpis[kpi].GetProperty("base").ValueKind);
            Assert.Equal(routed.GetProperty("routing").GetProperty(field).GetDecimal(), kpis[kpi].GetProperty("other").GetDecimal());
            Assert.Equal(JsonValueKind.Null, kpis[kpi].GetProperty("delta").ValueKind);
        }

        // The figures both rounds have are still compared.
        Assert.Equal(JsonValueKind.Number, kpis["trucks"].GetProperty("delta").ValueKind);
    }

    /// <summary>The plan document exactly as stored (bytes as base64).</summary>
    private async Task<string> StoredPlanAsync(Guid id)
    {
        await using var connection = await api.Host.Service<Database>().OpenAsync(CancellationToken.None);
        await using var command = connection.Sql("SELECT logistics_gzip FROM rounds WHERE id = @id").With("id", id);
        return Convert.ToBase64String((byte[])(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_planner_creates_updates_and_reads_hubs_and_an_origin_hub_region_is_written_as_the_api_writes_provinces()
    {
        var world = await api.NewWorldAsync();
        var dc = new { id = "DC-" + world.Suffix, nameZh = "白云分拨中心", nameEn = "Baiyun DC", kind = "gbaDc", region = world.CityId, lat = 23.25, lon = 113.27,
            handlingCnyPerKg = 0.12, handlingHours = 2.0 };
        var created = await api.Planner.PostJsonAsync("/api/v1/hubs", dc);
        await created.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/hubs/{dc.id}", created.Headers.Location!.OriginalString);
        await (await api.Planner.PostJsonAsync("/api/v1/hubs", dc)).ExpectAsync(HttpStatusCode.Conflict, "already_exists");
        await (await api.Planner.PutJsonAsync($"/api/v1/hubs/{dc.id}", dc with { handlingCnyPerKg = 0.2 })).ExpectAsync(HttpStatusCode.OK);
        var origin = new { id = "OH-" + world.Suffix, nameZh = "昆明集配中心", nameEn = "Kunming hub", kind = "originHub", region = "Yunnan", lat = 24.89, lon = 102.82,
            handlingCnyPerKg = 0.1, handlingHours = 3.0 };
        await (await api.Planner.PostJsonAsync("/api/v1/hubs", origin)).ExpectAsync(HttpStatusCode.Created);

        var readDc = await (await api.Host.Client(world.BuyerKeys[0]).GetAsync($"/api/v1/hubs/{dc.id}")).ExpectAsync(HttpStatusCode.OK);
        var list = await (await api.Planner.GetAsync("/api/v1/hubs")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((0.2m, "gbaDc"), (readDc.GetProperty("handlingCnyPerKg").GetDecimal(), readDc.GetProperty("kind").GetString()));
        Assert.Equal("yunnan", list.EnumerateArray().Single(h => h.GetProperty("id").GetString() == origin.id).GetProperty("region").GetString());
        await (await api.Planner.PutJsonAsync("/api/v1/hubs/DC-NONE-" + world.Suffix, dc with { id = "DC-NONE-" + world.Suffix })).ExpectAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_schedule_keeps_its_logistics_parameter()
    {
        var id = "logistics-" + Guid.NewGuid().ToString("N")[..8];
        var body = new { cron = "0 6 * * *", horizonOffsetDays = 1, horizonDays = 3, enabled = false, logistics = new { enabled = true, timeLimitSeconds = 15, workers = 2 } };

        var schedule = await (await api.Planner.PutJsonAsync($"/api/v1/round-schedules/{id}", body)).ExpectAsync(HttpStatusCode.OK);
        var listed = await (await api.Planner.GetAsync("/api/v1/round-schedules")).ExpectAsync(HttpStatusCode.OK);

        var logistics = listed.EnumerateArray().Single(s => s.GetProperty("id").GetString() == id).GetProperty("logistics");
        Assert.Equal((true, 15d, 2), (logistics.GetProperty("enabled").GetBoolean(), logistics.GetProperty("timeLimitSeconds").GetDouble(), logistics.GetProperty("workers").GetInt32()));
        Assert.Equal(logistics.GetRawText(), schedule.GetProperty("logistics").GetRawText());
        await (await api.Planner.DeleteAsync($"/api/v1/round-schedules/{id}")).ExpectAsync(HttpStatusCode.NoContent);
    }
}
