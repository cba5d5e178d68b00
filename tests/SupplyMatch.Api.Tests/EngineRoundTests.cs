using System.Globalization;
using System.Net;
using SupplyMatch.Api.Tests.Infrastructure;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests;

/// <summary>
/// A round end to end through the real engine: solved, results readable, published, seen by buyers and bases, compared.
/// These tests need Matcher.Solve (and the demo loader for the seeded scenario).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EngineRoundTests(ApiFixture api)
{
    [Fact]
    public async Task A_solved_round_serves_allocations_unmet_kpis_explanations_and_shadow_prices()
    {
        var (world, id, lines) = await SolvedRoundAsync();
        var round = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("solved", round.GetProperty("status").GetString());
        var kpis = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/kpis")).ExpectAsync(HttpStatusCode.OK);
        var all = await AllPagesAsync($"/api/v1/rounds/{id}/allocations");
        Assert.Equal(kpis.GetProperty("kpis").GetProperty("allocatedKg").GetInt64(), all.Sum(a => a.GetProperty("kg").GetInt64()));
        long ours = 0;
        foreach (var buyer in world.BuyerIds)
        {
            ours += (await AllPagesAsync($"/api/v1/rounds/{id}/allocations?buyerId={buyer}")).Sum(a => a.GetProperty("kg").GetInt64());
            ours += (await AllPagesAsync($"/api/v1/rounds/{id}/unmet?buyerId={buyer}")).Sum(u => u.GetProperty("unmetKg").GetInt64());
        }

        Assert.Equal(lines.Sum(), ours);
        var page = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/allocations?buyerId={world.BuyerIds[0]}")).JsonAsync();

        var byBuyer = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/allocations?buyerId={world.BuyerIds[1]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.All(byBuyer.GetProperty("items").EnumerateArray(), a => Assert.Equal(world.BuyerIds[1], a.GetProperty("buyerId").GetString()));
        var first = page.GetProperty("items")[0];
        var explanation = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/lines/{first.GetProperty("lineId").GetString()}/explanation"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(explanation.GetProperty("allocatedKg").GetInt32() >= first.GetProperty("kg").GetInt32());
        await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/shadow-prices")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_line_that_is_not_in_the_round_is_named_as_such_when_its_explanation_is_asked_for()
    {
        var (_, id, _) = await SolvedRoundAsync();

        var problem = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/lines/DL-none/explanation")).ExpectAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal($"Demand line 'DL-none' is not in round '{id}'.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_round_delivers_only_on_the_days_of_its_horizon_even_when_a_line_window_starts_earlier()
    {
        var world = await api.NewWorldAsync();
        var day = (int offset) => World.Today.AddDays(offset).ToString("yyyy-MM-dd");
        var line = world.Line(1_000);
        (line["earliest"], line["latest"]) = (day(2), day(6));
        var lineId = (await (await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", line)).JsonAsync()).GetProperty("id").GetString();
        var lot = world.Lot(5_000);
        (lot["availableFrom"], lot["availableTo"]) = (day(1), day(6));
        await (await api.Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", lot)).ExpectAsync(HttpStatusCode.Created);
        var created = await (await api.Planner.PostJsonAsync("/api/v1/rounds", new { horizonFrom = day(4), horizonTo = day(5) }))
            .ExpectAsync(HttpStatusCode.Accepted);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("solved", (await Rounds.FinishedAsync(api.Planner, id)).GetProperty("status").GetString());

        var allocations = await AllPagesAsync($"/api/v1/rounds/{id}/allocations?buyerId={world.BuyerIds[0]}");

        Assert.Equal(1_000, allocations.Where(a => a.GetProperty("lineId").GetString() == lineId).Sum(a => a.GetProperty("kg").GetInt32()));
        Assert.All(allocations, a => Assert.InRange(a.GetProperty("deliveryDay").GetString()!, day(4), day(5)));
    }

    [Fact]
    public async Task Unmet_lines_filter_by_the_reason_as_the_api_writes_it()
    {
        var (_, id, _) = await SolvedRoundAsync();
        var all = await AllPagesAsync($"/api/v1/rounds/{id}/unmet");
        var reason = all.Select(u => u.GetProperty("reason").GetString()!).First();

        var filtered = await AllPagesAsync($"/api/v1/rounds/{id}/unmet?reason={reason}");

        Assert.NotEmpty(filtered);
        Assert.All(filtered, u => Assert.Equal(reason, u.GetProperty("reason").GetString()));
        Assert.Equal(all.Count(u => u.GetProperty("reason").GetString() == reason), filtered.Count);
    }

    [Fact]
    public async Task Ton_km_is_served_to_two_decimals_and_the_same_by_the_kpis_and_the_comparison()
    {
        // Odd kg over road distances (0.1 km) make a sum of kg x km / 1000 with more than two decimals.
        var world = await api.NewWorldAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(1_241, product: 1));
        await api.Host.Client(world.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", world.Line(733, product: 1));
        await api.Host.Client(world.BaseKeys[1]).PostJsonAsync("/api/v1/lots", world.Lot(3_000, product: 1));
        var id = await Rounds.CreateAsync(api.Planner, world);
        Assert.Equal("solved", (await Rounds.FinishedAsync(api.Planner, id)).GetProperty("status").GetString());
        var kpis = await (await api.Planner.GetAsync($"/api/v1/rounds/{id}/kpis")).ExpectAsync(HttpStatusCode.OK);
        var comparison = await (await api.Planner.GetAsync($"/api/v1/rounds/compare?base={id}&other={id}")).ExpectAsync(HttpStatusCode.OK);
        var all = await AllPagesAsync($"/api/v1/rounds/{id}/allocations");

        var tonKm = kpis.GetProperty("kpis").GetProperty("tonKm");
        var sum = all.Sum(a => a.GetProperty("kg").GetInt32() * a.GetProperty("distanceKm").GetDouble()) / 1000;
        Assert.True(Math.Abs(Math.Round(sum, 2) - sum) > 1e-6, $"{sum} has no third decimal: the test shows nothing");
        Assert.Equal(Math.Round(sum, 2), tonKm.GetDouble());
        Assert.Matches(@"^[0-9]+(\.[0-9]{1,2})?$", tonKm.GetRawText());
        var compared = comparison.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("kpi").GetString() == "tonKm");
        Assert.Equal(tonKm.GetRawText(), compared.GetProperty("base").GetRawText());
    }

    [Fact]
    public async Task A_published_round_is_frozen_and_buyers_and_bases_see_only_their_part()
    {
        var (world, id, _) = await SolvedRoundAsync();
        var published = await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/publish", null)).ExpectAsync(HttpStatusCode.OK);
        var again = await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/publish", null)).ExpectAsync(HttpStatusCode.Conflict, "round_already_published");
        var at = published.GetProperty("publishedAt").GetDateTimeOffset().ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.Equal($"Round '{id}' was already published at {at} UTC; publishing it again changes nothing.", again.GetProperty("detail").GetString());
        await (await api.Planner.PostAsync($"/api/v1/rounds/{id}/cancel", null)).ExpectAsync(HttpStatusCode.Conflict, "round_not_cancellable");
        var all = await AllPagesAsync($"/api/v1/rounds/{id}/allocations");
        for (var b = 0; b < 2; b++)
        {
            var plan = await (await api.Host.Client(world.BuyerKeys[b]).GetAsync($"/api/v1/my/deliveries?roundId={id}")).ExpectAsync(HttpStatusCode.OK);
            var expected = all.Where(a => a.GetProperty("buyerId").GetString() == world.BuyerIds[b]).Sum(a => a.GetProperty("kg").GetInt32());
            Assert.Equal(expected, plan.GetProperty("deliveries").EnumerateArray().Sum(d => d.GetProperty("kg").GetInt32()));
        }

        var pickups = await (await api.Host.Client(world.BaseKeys[0]).GetAsync($"/api/v1/my/pickups?roundId={id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.All(pickups.GetProperty("pickups").EnumerateArray(),
            p => Assert.Contains(all, a => a.GetProperty("lotId").GetString() == p.GetProperty("lotId").GetString()
                && a.GetProperty("baseId").GetString() == world.BaseIds[0]));
    }

    [Fact]
    public async Task Comparing_a_round_with_a_rerun_after_more_demand_shows_the_kpi_deltas_and_changed_allocations()
    {
        var (world, first, _) = await SolvedRoundAsync();
        var before = await (await api.Planner.GetAsync($"/api/v1/rounds/{first}/kpis")).JsonAsync();
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(2_000));
        var second = await Rounds.CreateAsync(api.Planner, world);
        Assert.Equal("solved", (await Rounds.FinishedAsync(api.Planner, second)).GetProperty("status").GetString());
        var comparison = await (await api.Planner.GetAsync($"/api/v1/rounds/compare?base={first}&other={second}")).ExpectAsync(HttpStatusCode.OK);
        var demand = comparison.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("kpi").GetString() == "demandKg");
        Assert.Equal(2_000m, demand.GetProperty("delta").GetDecimal());
        Assert.Equal(before.GetProperty("kpis").GetProperty("demandKg").GetDecimal(), demand.GetProperty("base").GetDecimal());
        Assert.True(comparison.GetProperty("changedAllocationCount").GetInt32() >= comparison.GetProperty("changedAllocations").GetArrayLength());
    }

    [Fact]
    public async Task First_start_on_the_embedded_default_seeds_the_demo_scenario_and_a_round_on_it_is_solved()
    {
        var folder = Path.Combine(Path.GetTempPath(), "supplymatch-demo", Guid.NewGuid().ToString("N"));
        await using var host = new ApiHost(null, "demo", appDataPath: folder, seed: true, demoKeys: true, queue: "demo");
        var planner = host.Client("demo-planner-key");
        var products = await (await planner.GetAsync("/api/v1/products")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(products.GetArrayLength() > 0);
        var lines = await (await planner.GetAsync("/api/v1/demand-lines?limit=1000")).ExpectAsync(HttpStatusCode.OK);
        var days = lines.GetProperty("items").EnumerateArray().Select(l => DateOnly.Parse(l.GetProperty("earliest").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var body = new { horizonFrom = days.Min().ToString("yyyy-MM-dd"), horizonTo = days.Min().AddDays(14).ToString("yyyy-MM-dd") };
        var created = await (await planner.PostJsonAsync("/api/v1/rounds", body)).ExpectAsync(HttpStatusCode.Accepted);
        var round = await Rounds.FinishedAsync(planner, created.GetProperty("id").GetGuid());
        Assert.Equal("solved", round.GetProperty("status").GetString());
        Assert.True(round.GetProperty("kpis").GetProperty("allocatedKg").GetInt64() > 0);
        var buyer = await (await host.Client("demo-buyer-key").GetAsync("/api/v1/demand-lines")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(buyer.GetProperty("items").GetArrayLength() > 0);
    }

    private async Task<List<System.Text.Json.JsonElement>> AllPagesAsync(string url)
    {
        var items = new List<System.Text.Json.JsonElement>();
        string? next = "0";
        while (next is not null)
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await (await api.Planner.GetAsync($"{url}{separator}limit=1000&offset={next}")).ExpectAsync(HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("nextAfter").GetString();
        }

        return items;
    }

    private async Task<(World World, Guid Id, List<int> Lines)> SolvedRoundAsync()
    {
        var world = await api.NewWorldAsync();
        var kgs = new List<int> { 1_000, 3_000, 800 };
        await api.Host.Client(world.BuyerKeys[0]).PostJsonAsync("/api/v1/demand-lines", world.Line(kgs[0]));
        await api.Host.Client(world.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", world.Line(kgs[1]));
        await api.Host.Client(world.BuyerKeys[1]).PostJsonAsync("/api/v1/demand-lines", world.Line(kgs[2], product: 1));
        await api.Host.Client(world.BaseKeys[0]).PostJsonAsync("/api/v1/lots", world.Lot(2_500));
        await api.Host.Client(world.BaseKeys[1]).PostJsonAsync("/api/v1/lots", world.Lot(1_000, product: 1));
        var id = await Rounds.CreateAsync(api.Planner, world);
        var round = await Rounds.FinishedAsync(api.Planner, id);
        Assert.True(round.GetProperty("status").GetString() == "solved", $"round did not solve: {round.GetProperty("error")}");
        return (world, id, kgs);
    }
}
