using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupplyMatch.Web.Tests.Infrastructure;

namespace SupplyMatch.Web.Tests;

/// <summary>A planner reads a round's trucks, shipments and delivery routes in the browser, in both languages.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class LogisticsTests(DashboardFixture dashboard)
{
    private const int ShipmentsPage = 25;

    private HttpClient Planner => dashboard.Host.Api(DashboardFixture.Planner);

    [Fact]
    public async Task A_planner_runs_a_round_with_logistics_and_sees_the_trucks_shipments_and_routes_of_the_api()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
        var id = await CreateLogisticsRoundInFormAsync(page);
        await Assertions.Expect(page.GetByTestId("round-head")).ToHaveAttributeAsync("data-status", "solved", new() { Timeout = 180_000 });
        await page.GetByTestId("logistics-cards").WaitForAsync(new() { Timeout = 60_000 });
        var summary = await Planner.GetJsonAsync($"/api/v1/rounds/{id}/logistics");

        await AssertLogisticsCardsAsync(page, summary);
        await AssertFirstShipmentsPageAsync(page, id);
        await AssertRoutesAsync(page, id);
        await Screens.ElementShotAsync(page.GetByTestId("logistics"), "logistics-en");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Switching_to_chinese_relabels_the_logistics_section_and_names_lanes_in_chinese()
    {
        var id = await Rounds.SolvedAsync(Planner, logistics: new { enabled = true, timeLimitSeconds = 10 });
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner, "en");
        await page.GotoAsync($"/#/rounds/{id}");
        await page.GetByTestId("logistics-cards").WaitForAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("lkpi-trucks")).ToContainTextAsync("Line-haul trucks");
        await Assertions.Expect(page.GetByTestId("shipments-table").Locator("thead")).ToContainTextAsync("Lane");
        var co2En = await page.GetByTestId("lkpi-co2-value").InnerTextAsync();
        Assert.EndsWith("t CO₂", co2En, StringComparison.Ordinal);

        await page.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lkpi-trucks")).ToContainTextAsync("干线车辆");
        await Assertions.Expect(page.GetByTestId("lkpi-fill")).ToContainTextAsync("平均装载率");
        await Assertions.Expect(page.GetByTestId("shipments-table").Locator("thead")).ToContainTextAsync("线路");
        await Assertions.Expect(page.GetByTestId("shipments-count")).ToContainTextAsync("共");
        var co2Zh = await page.GetByTestId("lkpi-co2-value").InnerTextAsync();
        Assert.EndsWith("吨二氧化碳", co2Zh, StringComparison.Ordinal);
        Assert.Equal(Screens.NumberIn(co2En), Screens.NumberIn(co2Zh));

        var first = (await Planner.GetJsonAsync($"/api/v1/rounds/{id}/shipments?offset=0&limit=1")).GetProperty("items")[0];
        var names = await NamesAsync("nameZh");
        var lane = page.GetByTestId("shipments-table").Locator("tbody tr").First.Locator("[data-origin]");
        await Assertions.Expect(lane).ToHaveTextAsync($"{names[first.GetProperty("originId").GetString()!]} → {names[first.GetProperty("destinationId").GetString()!]}");
        await Assertions.Expect(page.GetByTestId("shipments-table").Locator("tbody tr").First).ToContainTextAsync("北京时间");

        var unrouted = await Rounds.AllAsync(Planner, $"/api/v1/rounds/{id}/routes/unrouted");
        if (unrouted.Count > 0)
        {
            var row = page.GetByTestId("unrouted-table").Locator("tbody tr").First;
            await Assertions.Expect(row.Locator("[data-message]")).ToHaveTextAsync(unrouted[0].GetProperty("messageZh").GetString()!);
            Assert.DoesNotMatch("[a-z]_[a-z]", await row.Locator("[data-reason]").InnerTextAsync());
        }

        await Screens.ElementShotAsync(page.GetByTestId("logistics"), "logistics-zh");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_round_planned_without_logistics_says_so_in_place_of_the_trucks()
    {
        var id = await Rounds.SolvedAsync(Planner);
        using var response = await Planner.GetAsync($"/api/v1/rounds/{id}/logistics");
        Assert.Equal(409, (int)response.StatusCode);

        var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
        await page.GotoAsync($"/#/rounds/{id}");
        await Assertions.Expect(page.GetByTestId("logistics-none")).ToContainTextAsync("planned without logistics");
        Assert.Equal(0, await page.GetByTestId("shipments-table").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Comparing_with_a_round_planned_without_delivery_routes_shows_its_routing_kpis_as_not_planned_rather_than_0()
    {
        var plain = await Rounds.SolvedAsync(Planner, logistics: new { enabled = true, timeLimitSeconds = 5, routeDeliveries = false });
        var routed = await Rounds.SolvedAsync(Planner, logistics: new { enabled = true, timeLimitSeconds = 5 });
        var comparison = await Planner.GetJsonAsync($"/api/v1/rounds/compare?base={plain}&other={routed}&limit=200");
        var kpis = comparison.GetProperty("logisticsKpis").EnumerateArray().ToDictionary(k => k.GetProperty("kpi").GetString()!);

        var page = await dashboard.SignedInAsync(DashboardFixture.Planner, "en");
        await page.GotoAsync($"/#/compare?base={plain}&other={routed}");
        var table = page.GetByTestId("logistics-kpi-delta-table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(kpis.Count);
        foreach (var (kpi, label, decimals) in new[] { ("routes", "City delivery routes", 0), ("routeKm", "City route km", 0), ("unroutedKg", "Not on a route (kg)", 0) })
        {
            var cells = await table.Locator("tr", new() { HasTextString = label }).First.Locator("td").AllInnerTextsAsync();
            Assert.Equal(("not planned", "not planned"), (cells[1], cells[3]));
            Screens.AssertShows(cells[2], kpis[kpi].GetProperty("other").GetDouble(), decimals);
        }

        var trucks = await table.Locator("tr", new() { HasTextString = "Line-haul trucks" }).First.Locator("td").AllInnerTextsAsync();
        Screens.AssertShows(trucks[1], kpis["trucks"].GetProperty("base").GetDouble(), 0);

        await page.GetByTestId("lang-zh").ClickAsync();
        var zhRow = page.GetByTestId("logistics-kpi-delta-table").Locator("tr", new() { HasTextString = "城市配送路线" }).First;
        await Assertions.Expect(zhRow).ToContainTextAsync("未规划");
        var zh = await zhRow.Locator("td").AllInnerTextsAsync();
        Assert.Equal(("未规划", "未规划"), (zh[1], zh[3]));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_round_planned_without_delivery_routes_says_its_centre_deliveries_have_none_rather_than_that_all_are_routed()
    {
        var id = await Rounds.SolvedAsync(Planner, logistics: new { enabled = true, timeLimitSeconds = 5, routeDeliveries = false });
        var summary = await Planner.GetJsonAsync($"/api/v1/rounds/{id}/logistics");
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("routing").ValueKind);
        var viaCentres = summary.GetProperty("kpis").GetProperty("kgViaDcs").GetInt64();
        Assert.True(viaCentres > 0, "the demo week sends goods through distribution centres");

        var page = await dashboard.SignedInAsync(DashboardFixture.Planner, "en");
        await page.GotoAsync($"/#/rounds/{id}");
        await page.GetByTestId("logistics-cards").WaitForAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("routes-none"))
            .ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"{viaCentres:#,0} kg leave the distribution centres without a planned route"));
        await Assertions.Expect(page.GetByTestId("unrouted")).ToHaveCountAsync(0);
        Assert.DoesNotContain("is on a route", await page.GetByTestId("logistics").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(page.GetByTestId("routes-none")).ToContainTextAsync("未规划城市配送路线");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_buyer_sees_its_expected_arrivals_and_a_base_its_pickup_schedule_of_a_published_round_with_logistics()
    {
        var round = await Rounds.PublishedAsync(Planner, logistics: new { enabled = true, timeLimitSeconds = 10 });
        var arrivals = await dashboard.Host.Api(DashboardFixture.Buyer).GetJsonAsync($"/api/v1/my/logistics/deliveries?roundId={round}");
        var deliveries = arrivals.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.NotEmpty(deliveries);
        var buyer = await dashboard.SignedInAsync(DashboardFixture.Buyer);
        await buyer.GotoAsync("/#/deliveries");
        var rows = buyer.GetByTestId("arrivals-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(deliveries.Count);
        Assert.Equal(deliveries.Sum(d => d.GetProperty("kg").GetInt64()), await SumKgAsync(buyer.GetByTestId("arrivals-table")));
        var withEta = deliveries.Count(d => d.GetProperty("etaUtc").ValueKind == JsonValueKind.String);
        Assert.Equal(withEta, await buyer.GetByTestId("arrivals-table").Locator("[data-eta]:not([data-eta=''])").CountAsync());
        if (withEta > 0)
        {
            await Assertions.Expect(buyer.GetByTestId("arrivals-table").Locator("[data-eta]:not([data-eta=''])").First).ToContainTextAsync("CST");
        }

        await Screens.ShotAsync(buyer, "buyer-arrivals");
        await buyer.Context.CloseAsync();

        var schedule = await dashboard.Host.Api(DashboardFixture.Base).GetJsonAsync($"/api/v1/my/logistics/pickups?roundId={round}");
        var pickups = schedule.GetProperty("pickups").EnumerateArray().ToList();
        var site = await dashboard.SignedInAsync(DashboardFixture.Base, "zh");
        await site.GotoAsync("/#/pickups");
        await Assertions.Expect(site.GetByTestId("pickup-schedule-table").Locator("tbody tr")).ToHaveCountAsync(pickups.Count);
        Assert.Equal(schedule.GetProperty("kg").GetInt64(), await SumKgAsync(site.GetByTestId("pickup-schedule-table")));
        if (pickups.Count > 0)
        {
            await Assertions.Expect(site.GetByTestId("pickup-schedule")).ToContainTextAsync("北京时间");
        }

        // Each pickup goes to a place named in Chinese: a hub, a centre or (a truck straight to it) a buyer of the base's sales.
        var destinations = await site.GetByTestId("pickup-schedule-table").Locator("[data-to]")
            .EvaluateAllAsync<string[][]>("els => els.map(e => [e.dataset.to, e.textContent])");
        Assert.Equal(pickups.Count, destinations.Length);
        Assert.All(destinations, d => Assert.NotEqual(d[0], d[1]));
        Assert.All(destinations, d => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", d[1]));

        await site.Context.CloseAsync();
    }

    private static async Task<long> SumKgAsync(ILocator table) =>
        (await table.Locator("[data-kg]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.kg)")).Sum(k => long.Parse(k, CultureInfo.InvariantCulture));

    private static async Task<string> CreateLogisticsRoundInFormAsync(IPage page)
    {
        await page.GotoAsync("/#/rounds");
        await page.GetByTestId("new-round").Locator("summary").ClickAsync();
        await page.Locator("input[name=horizonFrom]").FillAsync(Rounds.DemoFrom);
        await page.Locator("input[name=horizonTo]").FillAsync(Rounds.DemoTo);
        await page.Locator("input[name=timeLimitSeconds]").FillAsync("30");
        await page.GetByTestId("plan-logistics").CheckAsync();
        await page.Locator("input[name=logisticsTimeLimitSeconds]").FillAsync("10");
        await page.GetByTestId("create-round-submit").ClickAsync();
        await page.WaitForURLAsync(RoundUrl());
        return RoundUrl().Match(page.Url).Groups[1].Value;
    }

    private static async Task AssertLogisticsCardsAsync(IPage page, JsonElement summary)
    {
        var kpis = summary.GetProperty("kpis");
        var statistics = summary.GetProperty("statistics");
        await AssertCardAsync(page, "lkpi-trucks", kpis.GetProperty("trucks").GetDouble(), decimals: 0);
        await AssertCardAsync(page, "lkpi-fill", kpis.GetProperty("averageFillPercent").GetDouble(), decimals: 1);
        await AssertCardAsync(page, "lkpi-km", kpis.GetProperty("truckKm").GetDouble(), decimals: 0);
        await AssertCardAsync(page, "lkpi-cost-per-kg", kpis.GetProperty("costPerKgCny").GetDouble(), decimals: 2);
        await AssertCardAsync(page, "lkpi-co2", kpis.GetProperty("co2Kg").GetDouble(), decimals: 1, scale: 0.001);
        await AssertCardAsync(page, "lkpi-gap", statistics.GetProperty("gapPercent").GetDouble(), decimals: 2);
        var bound = statistics.GetProperty("bestBoundCny").GetDecimal();
        await Assertions.Expect(page.GetByTestId("lkpi-gap")).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"bound CN¥{bound:#,0}"));
        Assert.True(kpis.GetProperty("trucks").GetInt32() > 0, "the demo week needs trucks");
    }

    /// <summary>The first page of shipments: the API's total, and each row's lane, named from the reference data.</summary>
    private async Task AssertFirstShipmentsPageAsync(IPage page, string id)
    {
        var apiPage = await Planner.GetJsonAsync($"/api/v1/rounds/{id}/shipments?offset=0&limit={ShipmentsPage}");
        var total = apiPage.GetProperty("total").GetInt32();
        var names = await NamesAsync("nameEn");
        await Assertions.Expect(page.GetByTestId("shipments-count")).ToHaveAttributeAsync("data-total", total.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("shipments-count")).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"of {total:#,0}"));
        var rows = page.GetByTestId("shipments-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(ShipmentsPage, total));
        var lanes = page.GetByTestId("shipments-table").Locator("[data-origin]");
        var items = apiPage.GetProperty("items").EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var origin = items[i].GetProperty("originId").GetString()!;
            var destination = items[i].GetProperty("destinationId").GetString()!;
            Assert.Equal(origin, await lanes.Nth(i).GetAttributeAsync("data-origin"));
            Assert.Equal($"{names[origin]} → {names[destination]}", await lanes.Nth(i).InnerTextAsync());
        }

        if (total > ShipmentsPage)
        {
            await page.GetByTestId("shipments-next").ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(ShipmentsPage, total - ShipmentsPage));
            await Assertions.Expect(page.GetByTestId("shipments-count")).ToContainTextAsync("Trucks 26–");
            await page.GetByTestId("shipments-previous").ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(ShipmentsPage);
        }
    }

    /// <summary>The routes of the first (distribution centre, day) shown: one row per API route, stops in the API's order.</summary>
    private async Task AssertRoutesAsync(IPage page, string id)
    {
        var routes = await Rounds.AllAsync(Planner, $"/api/v1/rounds/{id}/routes");
        await page.GetByTestId("routes").WaitForAsync();
        if (routes.Count == 0)
        {
            await Assertions.Expect(page.GetByTestId("routes-none")).ToBeVisibleAsync();
            return;
        }

        var run = (await page.GetByTestId("routes-run").InputValueAsync()).Split('|');
        var shown = routes.Where(r => r.GetProperty("dcId").GetString() == run[0] && r.GetProperty("day").GetString() == run[1]).ToList();
        Assert.NotEmpty(shown);
        var rows = page.GetByTestId("routes-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(shown.Count);
        foreach (var route in shown)
        {
            var row = page.GetByTestId("routes-table").Locator("tr", new() { Has = page.Locator($"[data-route='{route.GetProperty("id").GetString()}']") });
            var buyers = await row.Locator("li[data-buyer]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.buyer)");
            var expected = route.GetProperty("stops").EnumerateArray().OrderBy(s => s.GetProperty("sequence").GetInt32()).Select(s => s.GetProperty("buyerId").GetString()!);
            Assert.Equal(expected, buyers);
            await Assertions.Expect(row).ToContainTextAsync("CST");
        }

        Assert.True(await page.GetByTestId("routes-map").Locator("svg path").CountAsync() >= shown.Count, "each route is drawn");
    }

    /// <summary>Names of every lane end the dashboard can show: bases, hubs, buyers and cities, in one language.</summary>
    private async Task<Dictionary<string, string>> NamesAsync(string property)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in new[] { "/api/v1/cities", "/api/v1/buyers", "/api/v1/hubs", "/api/v1/bases" })
        {
            foreach (var item in (await Planner.GetJsonAsync(path)).EnumerateArray())
            {
                names[item.GetProperty(item.TryGetProperty("id", out _) ? "id" : "code").GetString()!] = item.GetProperty(property).GetString()!;
            }
        }

        return names;
    }

    private static async Task AssertCardAsync(IPage page, string testId, double api, int decimals, double scale = 1)
    {
        Assert.Equal(api, double.Parse((await page.GetByTestId(testId).GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture));
        Screens.AssertShows(await page.GetByTestId($"{testId}-value").InnerTextAsync(), api, decimals, scale);
    }

    [GeneratedRegex("#/rounds/([0-9a-f-]{36})$")]
    private static partial Regex RoundUrl();
}
