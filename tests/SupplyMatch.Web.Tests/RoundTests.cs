using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupplyMatch.Web.Tests.Infrastructure;

namespace SupplyMatch.Web.Tests;

/// <summary>A planner runs, watches, reads and publishes a round of the demo week in the browser.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class RoundTests(DashboardFixture dashboard)
{
    private HttpClient Planner => dashboard.Host.Api(DashboardFixture.Planner);

    [Fact]
    public async Task A_planner_runs_a_round_on_the_demo_week_and_the_kpi_cards_show_the_apis_numbers()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
        var id = await CreateRoundInFormAsync(page);

        // The page watches the round by itself (no reload) until it is solved.
        await Assertions.Expect(page.GetByTestId("round-head")).ToHaveAttributeAsync("data-status", "solved", new() { Timeout = 120_000 });
        await page.GetByTestId("kpi-cards").WaitForAsync();
        var kpis = (await Planner.GetJsonAsync($"/api/v1/rounds/{id}/kpis")).GetProperty("kpis");

        await AssertCardAsync(page, "kpi-fill-rate", kpis.GetProperty("fillRateKg").GetDouble(), decimals: 1, scale: 100);
        await AssertCardAsync(page, "kpi-lines", kpis.GetProperty("fillRateLines").GetDouble(), decimals: 1, scale: 100);
        await AssertCardAsync(page, "kpi-landed", kpis.GetProperty("landedCnyPerKg").GetDouble(), decimals: 2);
        await AssertCardAsync(page, "kpi-transport", kpis.GetProperty("transportCostCny").GetDouble(), decimals: 0);
        await AssertCardAsync(page, "kpi-tonkm", kpis.GetProperty("tonKm").GetDouble(), decimals: 0);
        await AssertCardAsync(page, "kpi-poverty", kpis.GetProperty("povertyLinkedCny").GetDouble(), decimals: 0);
        Assert.StartsWith("CN¥", await page.GetByTestId("kpi-landed-value").InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith("/kg", await page.GetByTestId("kpi-landed-value").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"{kpis.GetProperty("householdsReached").GetInt32():#,0} households", await page.GetByTestId("kpi-poverty").InnerTextAsync(), StringComparison.Ordinal);
        await Screens.ShotAsync(page, "round-detail-en", maxHeight: 2000);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sankey_draws_every_province_to_city_flow_of_the_round_in_kg()
    {
        var id = await Rounds.SolvedAsync(Planner);
        var expected = await FlowsFromApiAsync(id);
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
        await page.GotoAsync($"/#/rounds/{id}");
        await page.GetByTestId("kpi-cards").WaitForAsync();

        var shown = await ShownFlowsAsync(page);

        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), shown.OrderBy(p => p.Key, StringComparer.Ordinal));
        var kpis = (await Planner.GetJsonAsync($"/api/v1/rounds/{id}/kpis")).GetProperty("kpis");
        Assert.Equal(kpis.GetProperty("allocatedKg").GetInt64().ToString(CultureInfo.InvariantCulture), await page.GetByTestId("flows-total").GetAttributeAsync("data-kg"));

        var labels = await page.GetByTestId("sankey").Locator("svg text").AllTextContentsAsync();
        var cities = (await Planner.GetJsonAsync("/api/v1/cities")).EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("nameEn").GetString()!);
        foreach (var (province, city) in expected.Keys.Select(k => k.Split('|')).Select(p => (p[0], p[1])))
        {
            Assert.True(labels.Contains(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(province)), $"{province} not in {string.Join(", ", labels)}");
            Assert.True(labels.Contains(cities[city]), $"{cities[city]} not in {string.Join(", ", labels)}");
        }

        Assert.True(await page.GetByTestId("flow-map").Locator("svg path").CountAsync() > expected.Count, "the map draws bases, buyers and flow lines");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_base_moved_to_another_province_after_a_round_leaves_the_rounds_flows_as_planned()
    {
        var id = await Rounds.SolvedAsync(Planner);
        var planned = await FlowsFromApiAsync(id);
        var allocations = await Rounds.AllAsync(Planner, $"/api/v1/rounds/{id}/allocations");
        var baseId = allocations.GroupBy(a => a.GetProperty("baseId").GetString()!).OrderByDescending(g => g.Sum(a => a.GetProperty("kg").GetInt32())).First().Key;
        var original = await Planner.GetJsonAsync($"/api/v1/bases/{baseId}");
        var moved = System.Text.Json.Nodes.JsonNode.Parse(original.GetRawText())!.AsObject();
        moved["province"] = original.GetProperty("province").GetString() == "sichuan" ? "guangxi" : "sichuan";
        await PutAsync($"/api/v1/bases/{baseId}", moved.ToJsonString());
        try
        {
            // Today's reference data would move the base's kg to the other province; the round keeps them where it planned them.
            Assert.NotEqual(planned.OrderBy(p => p.Key, StringComparer.Ordinal), (await FlowsFromApiAsync(id, today: true)).OrderBy(p => p.Key, StringComparer.Ordinal));
            var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
            await page.GotoAsync($"/#/rounds/{id}");
            await page.GetByTestId("kpi-cards").WaitForAsync();
            var shown = await ShownFlowsAsync(page);

            Assert.Equal(planned.OrderBy(p => p.Key, StringComparer.Ordinal), shown.OrderBy(p => p.Key, StringComparer.Ordinal));
            await page.Context.CloseAsync();
        }
        finally
        {
            await PutAsync($"/api/v1/bases/{baseId}", original.GetRawText());
        }
    }

    /// <summary>kg by "province|city" as the page's flows table shows them.</summary>
    private static async Task<Dictionary<string, long>> ShownFlowsAsync(IPage page)
    {
        var shown = new Dictionary<string, long>();
        foreach (var cell in await page.Locator("[data-testid=flows-table] tbody [data-kg]").AllAsync())
        {
            shown[$"{await cell.GetAttributeAsync("data-province")}|{await cell.GetAttributeAsync("data-city")}"] =
                long.Parse((await cell.GetAttributeAsync("data-kg"))!, CultureInfo.InvariantCulture);
        }

        return shown;
    }

    private async Task PutAsync(string url, string json)
    {
        using var response = await Planner.PutAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Switching_language_relabels_the_round_and_reformats_its_numbers_and_dates()
    {
        var id = await Rounds.SolvedAsync(Planner);
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner, "en");
        await page.GotoAsync($"/#/rounds/{id}");
        await page.GetByTestId("kpi-cards").WaitForAsync();
        var landedEn = await page.GetByTestId("kpi-landed-value").InnerTextAsync();
        Assert.Contains("Landed cost per kg", await page.GetByTestId("kpi-landed").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Mon, 7 Dec 2026", await page.GetByTestId("round-head").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Yunnan", await page.GetByTestId("sankey").Locator("svg text").AllTextContentsAsync());

        await page.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(page.GetByTestId("kpi-landed")).ToContainTextAsync("每公斤到岸成本");
        var landedZh = await page.GetByTestId("kpi-landed-value").InnerTextAsync();
        Assert.StartsWith("¥", landedZh, StringComparison.Ordinal);
        Assert.EndsWith("/公斤", landedZh, StringComparison.Ordinal);
        Assert.StartsWith("CN¥", landedEn, StringComparison.Ordinal);
        Assert.Equal(Screens.NumberIn(landedEn), Screens.NumberIn(landedZh));
        Assert.Contains("2026年12月7日", await page.GetByTestId("round-head").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("北京时间", await page.GetByTestId("round-head").InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("sankey").Locator("svg text", new() { HasTextString = "云南" }).First).ToBeVisibleAsync();
        Assert.Contains("广州", await page.GetByTestId("sankey").Locator("svg text").AllTextContentsAsync());
        Assert.Contains("公斤", await page.GetByTestId("kpi-fill-rate").InnerTextAsync(), StringComparison.Ordinal);

        var unmet = (await Planner.GetJsonAsync($"/api/v1/rounds/{id}/unmet?limit=1")).GetProperty("items")[0];
        var firstRow = page.GetByTestId("unmet-table").Locator("tbody tr").First;
        await Assertions.Expect(firstRow).ToContainTextAsync(unmet.GetProperty("explanation").GetProperty("messageZh").GetString()!);
        await Screens.ShotAsync(page, "round-detail-zh", maxHeight: 2000);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Unmet_lines_filter_by_reason_and_explain_themselves()
    {
        var id = await Rounds.SolvedAsync(Planner);
        var tooExpensive = await Rounds.AllAsync(Planner, $"/api/v1/rounds/{id}/unmet?reason=TooExpensive");
        var all = await Rounds.AllAsync(Planner, $"/api/v1/rounds/{id}/unmet");
        Assert.NotEmpty(tooExpensive);
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
        await page.GotoAsync($"/#/rounds/{id}");
        await Assertions.Expect(page.GetByTestId("unmet-table").Locator("tbody tr")).ToHaveCountAsync(Math.Min(50, all.Count));
        await Assertions.Expect(page.GetByTestId("unmet-count")).ToContainTextAsync($"Showing {Math.Min(50, all.Count)} of {all.Count:#,0}");
        if (all.Count > 50)
        {
            await page.GetByTestId("unmet-more").ClickAsync();
            await Assertions.Expect(page.GetByTestId("unmet-table").Locator("tbody tr")).ToHaveCountAsync(Math.Min(100, all.Count));
        }

        await page.GetByTestId("unmet-filter").SelectOptionAsync("tooExpensive");
        var rows = page.GetByTestId("unmet-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(tooExpensive.Count);
        foreach (var reason in await page.GetByTestId("unmet-table").Locator("[data-reason]").AllAsync())
        {
            Assert.Equal("tooExpensive", await reason.GetAttributeAsync("data-reason"));
        }
        await Assertions.Expect(rows.First).ToContainTextAsync("Too expensive");
        await Assertions.Expect(rows.First).ToContainTextAsync(tooExpensive[0].GetProperty("explanation").GetProperty("message").GetString()!);

        var shadow = (await Planner.GetJsonAsync($"/api/v1/rounds/{id}/shadow-prices")).GetProperty("lots").EnumerateArray()
            .Where(l => l.GetProperty("cnyPerKg").GetDecimal() > 0).OrderByDescending(l => l.GetProperty("cnyPerKg").GetDecimal()).ToList();
        if (shadow.Count > 0)
        {
            await Assertions.Expect(page.GetByTestId("shadow-table").Locator("tbody tr").First).ToContainTextAsync(shadow[0].GetProperty("lotId").GetString()!);
        }
        else
        {
            await Assertions.Expect(page.GetByTestId("shadow")).ToContainTextAsync("No lot is scarce");
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_rounds_list_shows_status_horizon_and_fill_rate_at_a_glance_and_publishing_freezes_a_round()
    {
        var id = await Rounds.SolvedAsync(Planner);
        var round = await Planner.GetJsonAsync($"/api/v1/rounds/{id}");
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
        var row = page.GetByTestId("rounds-table").Locator("tr", new() { Has = page.GetByTestId($"round-link-{id}") });
        await Assertions.Expect(row).ToContainTextAsync("Solved");
        await Assertions.Expect(row).ToContainTextAsync("Mon, 7 Dec 2026 – Sun, 13 Dec 2026");
        Screens.AssertShows(await row.Locator("td").Nth(4).InnerTextAsync(), round.GetProperty("kpis").GetProperty("fillRateKg").GetDouble(), 1, 100);
        await Screens.ShotAsync(page, "rounds-list");

        await page.GetByTestId($"round-link-{id}").ClickAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("round-head")).ToHaveAttributeAsync("data-status", "published");
        Assert.Equal("published", (await Planner.GetJsonAsync($"/api/v1/rounds/{id}")).GetProperty("status").GetString());
        Assert.Equal(0, await page.GetByTestId("publish").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_planner_watches_a_queued_round_and_cancels_it()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner, "en", dashboard.Held);
        var id = await CreateRoundInFormAsync(page);
        await Assertions.Expect(page.GetByTestId("watching")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("round-head")).ToHaveAttributeAsync("data-status", "queued");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByTestId("cancel-round").ClickAsync();
        await Assertions.Expect(page.GetByTestId("round-head")).ToHaveAttributeAsync("data-status", "cancelled");
        Assert.Equal("cancelled", (await dashboard.Held.Api(DashboardFixture.Planner).GetJsonAsync($"/api/v1/rounds/{id}")).GetProperty("status").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_planner_withdraws_a_solved_round_that_is_not_to_be_published()
    {
        var id = await Rounds.SolvedAsync(Planner, povertyBonus: 0.20m);
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
        await page.GotoAsync($"/#/rounds/{id}");
        await Assertions.Expect(page.GetByTestId("round-head")).ToHaveAttributeAsync("data-status", "solved");
        Assert.Equal(0, await page.GetByTestId("cancel-round").CountAsync());

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByTestId("withdraw-round").ClickAsync();
        await Assertions.Expect(page.GetByTestId("round-head")).ToHaveAttributeAsync("data-status", "cancelled");
        await Assertions.Expect(page.GetByTestId("round-cancelled")).ToContainTextAsync("withdrawn after it was solved");
        Assert.Equal("cancelled", (await Planner.GetJsonAsync($"/api/v1/rounds/{id}")).GetProperty("status").GetString());
        Assert.Equal(0, await page.GetByTestId("withdraw-round").CountAsync() + await page.GetByTestId("publish").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Comparing_two_rounds_shows_the_kpi_deltas_and_changed_allocations_of_the_api()
    {
        var first = await Rounds.SolvedAsync(Planner, povertyBonus: 0.10m);
        var second = await Rounds.SolvedAsync(Planner, povertyBonus: 1.50m);
        var comparison = await Planner.GetJsonAsync($"/api/v1/rounds/compare?base={first}&other={second}&limit=200");
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
        await page.GotoAsync($"/#/compare?base={first}&other={second}");
        var table = page.GetByTestId("kpi-delta-table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(comparison.GetProperty("kpis").GetArrayLength());
        foreach (var (kpi, label, decimals) in new[] { ("allocatedKg", "Allocated (kg)", 0), ("landedCnyPerKg", "Landed cost per kg", 2), ("povertyLinkedKg", "Poverty-linked purchases (kg)", 0) })
        {
            var delta = comparison.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("kpi").GetString() == kpi);
            var cells = await table.Locator("tr", new() { HasTextString = label }).First.Locator("td").AllInnerTextsAsync();
            Screens.AssertShows(cells[1], delta.GetProperty("base").GetDouble(), decimals);
            Screens.AssertShows(cells[2], delta.GetProperty("other").GetDouble(), decimals);
            Screens.AssertShows(cells[3], delta.GetProperty("delta").GetDouble(), decimals);
        }

        var count = comparison.GetProperty("changedAllocationCount").GetInt32();
        await Assertions.Expect(page.GetByTestId("changed")).ToContainTextAsync($"Changed allocations ({count:#,0})");
        await Screens.ShotAsync(page, "compare", maxHeight: 900);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_round_created_with_a_first_ship_day_keeps_it_and_its_page_shows_it()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
        var id = await CreateRoundInFormAsync(page, earliestShipDay: "2026-12-08");

        var round = await Planner.GetJsonAsync($"/api/v1/rounds/{id}");
        Assert.Equal("2026-12-08", round.GetProperty("earliestShipDay").GetString());
        var shown = page.GetByTestId("earliest-ship-day");
        await Assertions.Expect(shown).ToHaveAttributeAsync("data-day", "2026-12-08");
        await Assertions.Expect(shown).ToContainTextAsync("Dec");
        await Assertions.Expect(shown).ToContainTextAsync("8");
        using var cancel = await Planner.PostAsync($"/api/v1/rounds/{id}/cancel", null);
        await page.Context.CloseAsync();
    }

    private static async Task<string> CreateRoundInFormAsync(IPage page, string? earliestShipDay = null)
    {
        await page.GotoAsync("/#/rounds");
        await page.GetByTestId("new-round").Locator("summary").ClickAsync();
        await page.Locator("input[name=horizonFrom]").FillAsync(Rounds.DemoFrom);
        await page.Locator("input[name=horizonTo]").FillAsync(Rounds.DemoTo);
        if (earliestShipDay is not null)
        {
            await page.Locator("input[name=earliestShipDay]").FillAsync(earliestShipDay);
        }

        await page.Locator("input[name=timeLimitSeconds]").FillAsync("30");
        await page.GetByTestId("create-round-submit").ClickAsync();
        await page.WaitForURLAsync(RoundUrl());
        return RoundUrl().Match(page.Url).Groups[1].Value;
    }

    private static async Task AssertCardAsync(IPage page, string testId, double api, int decimals, double scale = 1)
    {
        var card = page.GetByTestId(testId);
        Assert.Equal(api, double.Parse((await card.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture));
        Screens.AssertShows(await page.GetByTestId($"{testId}-value").InnerTextAsync(), api, decimals, scale);
    }

    /// <summary>kg per (province of the base, city of the buyer), recomputed from the API's allocations and reference data.</summary>
    /// <summary>kg by (province, city) of a round's allocations, placed with the reference data the round planned with (or today's).</summary>
    private async Task<Dictionary<string, long>> FlowsFromApiAsync(string roundId, bool today = false)
    {
        var planned = today ? default : await Planner.GetJsonAsync($"/api/v1/rounds/{roundId}/reference");
        var bases = today ? await Planner.GetJsonAsync("/api/v1/bases") : planned.GetProperty("bases");
        var buyers = today ? await Planner.GetJsonAsync("/api/v1/buyers") : planned.GetProperty("buyers");
        var provinceOf = bases.EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!, b => b.GetProperty("province").GetString()!);
        var cityOf = buyers.EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!, b => b.GetProperty("cityId").GetString()!);
        return (await Rounds.AllAsync(Planner, $"/api/v1/rounds/{roundId}/allocations"))
            .GroupBy(a => $"{provinceOf[a.GetProperty("baseId").GetString()!]}|{cityOf[a.GetProperty("buyerId").GetString()!]}")
            .ToDictionary(g => g.Key, g => g.Sum(a => (long)a.GetProperty("kg").GetInt32()));
    }

    [GeneratedRegex("#/rounds/([0-9a-f-]{36})$")]
    private static partial Regex RoundUrl();
}
