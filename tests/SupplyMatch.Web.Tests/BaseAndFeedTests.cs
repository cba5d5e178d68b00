using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SupplyMatch.Web.Tests.Infrastructure;

namespace SupplyMatch.Web.Tests;

/// <summary>A base's lots, sales and pickups; the planner's feeds screen and an owner's own feeds.</summary>
[Collection(DashboardCollection.Name)]
public sealed class BaseAndFeedTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task A_base_posts_a_lot_and_revises_its_price()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.Base);
        await page.GetByTestId("post-lot").Locator("xpath=..").Locator("summary").ClickAsync();
        var form = page.GetByTestId("post-lot");
        await form.Locator("select[name=productCode]").SelectOptionAsync("P-TOMATO");
        await form.Locator("input[name=quantityKg]").FillAsync("7321");
        await form.Locator("input[name=priceCnyPerKg]").FillAsync("3.45");
        await page.GetByTestId("post-lot-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("posted");
        var lotId = (await page.GetByTestId("notice").InnerTextAsync()).Split(' ')[1];

        var revise = page.GetByTestId($"revise-{lotId}");
        await AssertInViewAsync(page.GetByTestId("lots"));
        await revise.Locator("input[name=priceCnyPerKg]").FillAsync("3.15");
        await revise.Locator("button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync($"Lot {lotId} revised (revision 2).");

        var lot = await dashboard.Host.Api(DashboardFixture.Base).GetJsonAsync($"/api/v1/lots/{lotId}");
        Assert.Equal(3.15m, lot.GetProperty("priceCnyPerKg").GetDecimal());
        Assert.Equal(7321, lot.GetProperty("quantityKg").GetInt32());
        Assert.Equal(2, lot.GetProperty("revision").GetInt32());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_base_sees_its_sales_and_pickup_schedule_of_the_published_round()
    {
        var round = await Rounds.PublishedAsync(dashboard.Host.Api(DashboardFixture.Planner));
        var plan = await dashboard.Host.Api(DashboardFixture.Base).GetJsonAsync($"/api/v1/my/pickups?roundId={round}");
        var page = await dashboard.SignedInAsync(DashboardFixture.Base, "zh");
        await page.GotoAsync("/#/pickups");
        await Assertions.Expect(page.GetByTestId("pickups-table").Locator("tbody tr")).ToHaveCountAsync(plan.GetProperty("pickups").GetArrayLength());
        foreach (var buyer in plan.GetProperty("pickups").EnumerateArray().DistinctBy(p => p.GetProperty("buyerId").GetString()))
        {
            // A base does not read the buyers' reference data: the buyer is named in Chinese from its own plan, not shown as an id.
            await Assertions.Expect(page.GetByTestId("pickups-table").Locator($"[data-buyer='{buyer.GetProperty("buyerId").GetString()}']").First)
                .ToHaveTextAsync(buyer.GetProperty("buyerNameZh").GetString()!);
        }

        Assert.Equal(plan.GetProperty("soldKg").GetInt64().ToString(CultureInfo.InvariantCulture), await page.GetByTestId("sold-kg").GetAttributeAsync("data-value"));
        Assert.Equal(plan.GetProperty("basis").GetString(), await page.GetByTestId("plan-basis").GetAttributeAsync("data-basis"));
        await Assertions.Expect(page.GetByTestId("plan-basis")).ToContainTextAsync(plan.GetProperty("basis").GetString() == "logistics" ? "整车物流计划" : "按公斤分配方案");
        var sales = await page.GetByTestId("sales-cny").Locator(".kpi-value").InnerTextAsync();
        Assert.StartsWith("¥", sales, StringComparison.Ordinal);
        Screens.AssertShows(sales, plan.GetProperty("salesCny").GetDouble(), 2);
        await Assertions.Expect(page.GetByTestId("sold-kg")).ToContainTextAsync("公斤");
        await Screens.ShotAsync(page, "base-pickups-zh");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_planner_pulls_feeds_now_and_sees_the_apis_run_counts_the_error_of_a_failed_run_and_the_rejected_row_with_its_csv()
    {
        var planner = dashboard.Host.Api(DashboardFixture.Planner);
        var (sampleBuyer, ordersBuyer) = await TwoBuyersWithoutFeedsAsync(planner);
        await using var files = await FileServer.StartAsync();
        var product = (await planner.GetJsonAsync("/api/v1/products"))[0].GetProperty("code").GetString();
        var (from, to) = (Day(20), Day(22));
        var orders = files.Publish("orders.csv", "id,buyer_id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct,partial_allowed,priority\n"
            + $"WEB-1,,{product},first,1200,{from},{to},9.50,50,true,2\nWEB-2,,P-NOPE,first,800,{from},{to},9.50,50,true,2\n");
        var sampleUrl = new Uri(dashboard.Host.Address, $"samples/buyers/{sampleBuyer}/lines.csv");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var sample = await RegisterFeedAsync(planner, $"web-sample-{suffix}", sampleBuyer, sampleUrl.ToString());
        var bad = await RegisterFeedAsync(planner, $"web-orders-{suffix}", ordersBuyer, orders);
        var gone = await RegisterFeedAsync(planner, $"web-gone-{suffix}", ordersBuyer, $"{files.BaseUrl}/gone.csv");
        var refused = await RegisterFeedAsync(planner, $"web-refused-{suffix}", ordersBuyer, $"http://127.0.0.1:{SupplyMatch.Api.Tests.Infrastructure.Ports.Closed()}/orders.csv");

        var page = await dashboard.SignedInAsync(DashboardFixture.Planner);
        await page.GotoAsync("/#/feeds");
        await page.GetByTestId($"pull-{sample}").ClickAsync();
        await page.GetByTestId($"pull-{bad}").ClickAsync();
        await page.GetByTestId($"pull-{gone}").ClickAsync();
        await page.GetByTestId($"pull-{refused}").ClickAsync();
        foreach (var (feed, status) in new[] { (sample, "Succeeded"), (bad, "Succeeded"), (gone, "Failed"), (refused, "Failed") })
        {
            await Assertions.Expect(page.GetByTestId($"pull-status-{feed}")).ToContainTextAsync($"Pulled: {status}", new() { Timeout = 120_000 });
        }

        var failed = await ShowsTheApisLatestRunAsync(page, planner, gone);
        Assert.Equal(("failed", 404), (failed.GetProperty("status").GetString(), failed.GetProperty("httpStatus").GetInt32()));
        await Assertions.Expect(page.GetByTestId("run-error")).ToHaveTextAsync(failed.GetProperty("error").GetString()!);
        var unreached = await ShowsTheApisLatestRunAsync(page, planner, refused);
        var attempts = unreached.GetProperty("attempts").GetInt32();
        var tries = attempts > 1 ? $" ({attempts} attempts)" : "";
        Assert.Equal(("request_failed", "connection"), (unreached.GetProperty("errorCode").GetString(), unreached.GetProperty("errorParams").GetProperty("cause").GetString()));
        await Assertions.Expect(page.GetByTestId("run-error")).ToHaveTextAsync("The file could not be fetched: no connection could be made to the feed server "
            + $"(refused or unreachable): check the host and port in the URL and that the server is up{tries}; nothing was changed.");
        await Assertions.Expect(page.GetByTestId("run-error")).ToHaveAttributeAsync("title", unreached.GetProperty("error").GetString()!);

        var sampleRows = (await planner.GetStringAsync(sampleUrl)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var sampleRun = await ShowsTheApisLatestRunAsync(page, planner, sample);
        Assert.Equal(("succeeded", sampleRows, sampleRows, 0), (sampleRun.GetProperty("status").GetString(),
            Count(sampleRun, "read"), Count(sampleRun, "created"), Count(sampleRun, "rejected")));
        var badRun = await ShowsTheApisLatestRunAsync(page, planner, bad);
        Assert.Equal((2, 1, 1), (Count(badRun, "read"), Count(badRun, "created"), Count(badRun, "rejected")));

        var runId = badRun.GetProperty("id").GetString()!;
        var rejected = Assert.Single((await planner.GetJsonAsync($"/api/v1/feeds/{bad}/runs/{runId}/rejections")).EnumerateArray());
        Assert.Equal((3, "WEB-2", "product_code"), (rejected.GetProperty("row").GetInt32(), rejected.GetProperty("externalId").GetString(), rejected.GetProperty("column").GetString()));
        await page.GetByTestId($"show-rejected-{runId}").ClickAsync();
        var shown = page.GetByTestId("feed-rejected").Locator("tbody tr");
        await Assertions.Expect(shown).ToHaveCountAsync(1);
        var cells = await shown.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["3", "WEB-2", "product_code"], cells.Take(3).Select(c => c.Trim()).ToList());
        await Assertions.Expect(shown.GetByTestId("row-reason")).ToHaveTextAsync(rejected.GetProperty("message").GetString()!);
        await Assertions.Expect(shown.GetByTestId("row-reason")).ToHaveAttributeAsync("title", rejected.GetProperty("reasonZh").GetString()!);
        await Assertions.Expect(shown.GetByTestId("row-code")).ToHaveTextAsync("unknown_product");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-rejected").ClickAsync());
        Assert.Equal($"feed-{bad}-run-{runId}-rejected.csv", download.SuggestedFilename);
        var csv = await planner.GetStringAsync($"/api/v1/feeds/{bad}/runs/{runId}/rejected-rows");
        Assert.Equal(csv, await File.ReadAllTextAsync((await download.PathAsync())!));
        await Screens.ShotAsync(page, "feeds");

        await page.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"pull-{bad}")).ToHaveTextAsync("立即拉取");
        await Assertions.Expect(page.GetByTestId($"last-run-{bad}")).ToContainTextAsync("成功");
        await page.GetByTestId($"feed-{refused}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-error")).ToHaveTextAsync("无法获取文件：无法连接数据源服务器（连接被拒绝或不可达），请检查网址中的主机和端口以及服务器是否在运行"
            + (attempts > 1 ? $"（共尝试 {attempts} 次）" : "") + "；未做任何更改。");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_buyer_sees_the_feeds_that_pull_its_lines_read_only_with_the_error_of_a_failed_pull_and_its_rejected_row()
    {
        var planner = dashboard.Host.Api(DashboardFixture.Planner);
        var buyer = dashboard.Host.Api(DashboardFixture.Buyer);
        var me = (await buyer.GetJsonAsync("/api/v1/me")).GetProperty("ownerId").GetString()!;
        var other = (await planner.GetJsonAsync("/api/v1/buyers")).EnumerateArray().Select(b => b.GetProperty("id").GetString()!).First(id => id != me);
        await using var files = await FileServer.StartAsync();
        var product = (await planner.GetJsonAsync("/api/v1/products"))[0].GetProperty("code").GetString();
        var orders = files.Publish("own-orders.csv", "id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct\n"
            + $"OWN-1,{product},first,0,{Day(20)},{Day(22)},9.50,50\n");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (rejecting, failing, theirs) = ($"own-orders-{suffix}", $"own-gone-{suffix}", $"their-orders-{suffix}");
        await RegisterFeedAsync(planner, rejecting, me, orders);
        await RegisterFeedAsync(planner, failing, me, $"{files.BaseUrl}/gone.csv");
        await RegisterFeedAsync(planner, theirs, other, orders);
        var rejected = await PulledAsync(planner, rejecting);
        var failed = await PulledAsync(planner, failing);
        Assert.Equal(("succeeded", 1, "failed"), (rejected.GetProperty("status").GetString(), Count(rejected, "rejected"), failed.GetProperty("status").GetString()));

        var page = await dashboard.SignedInAsync(DashboardFixture.Buyer);
        await page.GetByTestId("nav-feeds").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("My feeds");
        var own = (await buyer.GetJsonAsync("/api/v1/feeds")).EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
        Assert.Contains(rejecting, own);
        Assert.DoesNotContain(theirs, own);
        await Assertions.Expect(page.GetByTestId("feeds-table").Locator("tbody tr")).ToHaveCountAsync(own.Count);
        await Assertions.Expect(page.GetByTestId($"feed-{theirs}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId($"pull-{rejecting}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId($"last-run-{failing}")).ToContainTextAsync("Failed");

        await ShowsTheApisLatestRunAsync(page, buyer, failing);
        await Assertions.Expect(page.GetByTestId("run-error")).ToHaveTextAsync(failed.GetProperty("error").GetString()!);
        await Assertions.Expect(page.GetByTestId("run-error")).ToHaveAttributeAsync("data-code", "http_error");
        var run = await ShowsTheApisLatestRunAsync(page, buyer, rejecting);
        await page.GetByTestId($"show-rejected-{run.GetProperty("id").GetString()}").ClickAsync();
        var shown = page.GetByTestId("feed-rejected").Locator("tbody tr");
        await Assertions.Expect(shown).ToHaveCountAsync(1);
        Assert.Equal(["2", "OWN-1", "quantity_kg"], (await shown.Locator("td").AllInnerTextsAsync()).Take(3).Select(c => c.Trim()).ToList());
        await Assertions.Expect(shown.GetByTestId("row-code")).ToHaveTextAsync("quantity_not_positive");

        await page.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(page.GetByTestId("nav-feeds")).ToHaveTextAsync("我的数据源");
        await Assertions.Expect(page.GetByTestId($"last-run-{failing}")).ToContainTextAsync("失败");
        await page.GetByTestId($"feed-{failing}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-error")).ToHaveTextAsync("无法获取文件：数据源服务器返回 404 Not Found；未做任何更改。");
        await Assertions.Expect(page.GetByTestId("run-error")).ToHaveAttributeAsync("title", failed.GetProperty("error").GetString()!);
        // Every column is named in Chinese (the id column too).
        await Assertions.Expect(page.GetByTestId("feeds-table").Locator("thead th").First).ToHaveTextAsync("编号");
        Assert.DoesNotMatch("[A-Za-z]", await page.GetByTestId("feeds-table").Locator("thead").InnerTextAsync());
        await page.GetByTestId($"feed-{rejecting}").ClickAsync();
        await page.GetByTestId($"show-rejected-{run.GetProperty("id").GetString()}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("feed-rejected").Locator("thead")).ToContainTextAsync("编号");
        Assert.DoesNotMatch("[A-Za-z]", await page.GetByTestId("feed-rejected").Locator("thead").InnerTextAsync());
        await page.Context.CloseAsync();

        var basePage = await dashboard.SignedInAsync(DashboardFixture.Base);
        await basePage.GetByTestId("nav-feeds").ClickAsync();
        await Assertions.Expect(basePage.Locator("h1")).ToHaveTextAsync("My feeds");
        await Assertions.Expect(basePage.GetByTestId($"feed-{rejecting}")).ToHaveCountAsync(0);
        await basePage.Context.CloseAsync();
    }

    [Fact]
    public async Task A_base_revises_a_forecast_below_its_firm_quantity_by_lowering_the_firm_quantity_in_the_same_form()
    {
        var baseApi = dashboard.Host.Api(DashboardFixture.Base);
        using var posted = await baseApi.PostAsJsonAsync("/api/v1/lots", new
        {
            productCode = "P-NAPA", grade = "first", harvestDate = Day(4), availableFrom = Day(4), availableTo = Day(6), quantityKg = 12_000, firmKg = 8_000, priceCnyPerKg = 2.10m,
        });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var lotId = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var page = await dashboard.SignedInAsync(DashboardFixture.Base, "zh");
        await page.GotoAsync("/#/lots");
        var revise = page.GetByTestId($"revise-{lotId}");
        var row = page.GetByTestId("lots-table").Locator("tr", new() { Has = revise });
        await Assertions.Expect(row.Locator("[data-firm-kg]")).ToHaveTextAsync("确定 8,000");
        await Assertions.Expect(revise.Locator("input[name=firmKg]")).ToHaveValueAsync("8000");
        await AssertInViewAsync(page.GetByTestId("lots"));

        // A harvest smaller than the firm quantity: refused, and the refusal says so under the form, naming the firm quantity.
        await revise.Locator("input[name=quantityKg]").FillAsync("7000");
        await revise.Locator("button").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"revise-error-{lotId}")).ToContainTextAsync("确定数量: 超出允许范围");
        var unchanged = await baseApi.GetJsonAsync($"/api/v1/lots/{lotId}");
        Assert.Equal((12_000, 8_000, 1), (unchanged.GetProperty("quantityKg").GetInt32(), unchanged.GetProperty("firmKg").GetInt32(), unchanged.GetProperty("revision").GetInt32()));

        await revise.Locator("input[name=firmKg]").FillAsync("5000");
        await revise.Locator("button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync($"批次 {lotId} 已修改（第 2 版）。");
        var lot = await baseApi.GetJsonAsync($"/api/v1/lots/{lotId}");
        Assert.Equal((7_000, 5_000, 2.10m), (lot.GetProperty("quantityKg").GetInt32(), lot.GetProperty("firmKg").GetInt32(), lot.GetProperty("priceCnyPerKg").GetDecimal()));
        await Assertions.Expect(page.GetByTestId("lots-table").Locator("tr", new() { Has = page.GetByTestId($"revise-{lotId}") }).Locator("[data-firm-kg]"))
            .ToHaveTextAsync("确定 5,000");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_base_sees_its_open_lots_and_on_request_a_lot_its_snapshot_feed_cancelled_without_a_revise_form()
    {
        var planner = dashboard.Host.Api(DashboardFixture.Planner);
        var baseApi = dashboard.Host.Api(DashboardFixture.Base);
        var me = (await baseApi.GetJsonAsync("/api/v1/me")).GetProperty("ownerId").GetString()!;
        var product = (await planner.GetJsonAsync("/api/v1/products"))[0].GetProperty("code").GetString();
        await using var files = await FileServer.StartAsync();
        const string header = "id,product_code,grade,harvest_date,available_from,available_to,quantity_kg,price_cny_per_kg\n";
        var url = files.Publish("harvest.csv", header + $"CX-1,{product},first,{Day(20)},{Day(20)},{Day(22)},7777,3.33\nCX-2,{product},first,{Day(20)},{Day(20)},{Day(22)},7778,3.34\n");
        var feed = $"web-harvest-{Guid.NewGuid().ToString("N")[..8]}";
        using (var response = await planner.PostAsJsonAsync("/api/v1/feeds", new { id = feed, kind = "forecast", ownerId = me, url, format = "csv", cron = "0 3 * * *", mode = "snapshot" }))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(2, Count(await PulledAsync(planner, feed), "created"));
        files.Publish("harvest.csv", header + $"CX-2,{product},first,{Day(20)},{Day(20)},{Day(22)},7778,3.34\n");
        Assert.Equal(1, Count(await PulledAsync(planner, feed), "cancelled"));
        var lots = (await baseApi.GetJsonAsync("/api/v1/lots?limit=1000")).GetProperty("items").EnumerateArray().Where(l => l.GetProperty("quantityKg").GetInt32() is 7777 or 7778)
            .ToDictionary(l => l.GetProperty("quantityKg").GetInt32(), l => (Id: l.GetProperty("id").GetString()!, Status: l.GetProperty("status").GetString()));
        Assert.Equal(("cancelled", "open"), (lots[7777].Status, lots[7778].Status));

        var page = await dashboard.SignedInAsync(DashboardFixture.Base);
        await page.GotoAsync("/#/lots");
        await Assertions.Expect(page.GetByTestId($"lot-status-{lots[7778].Id}")).ToHaveTextAsync("Open");
        await Assertions.Expect(page.GetByTestId($"revise-{lots[7778].Id}")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId($"lot-status-{lots[7777].Id}")).ToHaveCountAsync(0);

        await page.GetByTestId("lots-status").SelectOptionAsync("cancelled");
        await Assertions.Expect(page.GetByTestId($"lot-status-{lots[7777].Id}")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.GetByTestId($"revise-{lots[7777].Id}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId($"lot-status-{lots[7778].Id}")).ToHaveCountAsync(0);
        var cancelledLots = (await baseApi.GetJsonAsync("/api/v1/lots?status=cancelled&limit=1000")).GetProperty("items");
        Assert.All(cancelledLots.EnumerateArray(), l => Assert.Equal("cancelled", l.GetProperty("status").GetString()));
        await Assertions.Expect(page.GetByTestId("lots-table").Locator("tbody tr")).ToHaveCountAsync(cancelledLots.GetArrayLength());
        await page.GetByTestId("lang-zh").ClickAsync();
        await page.GetByTestId("lots-status").SelectOptionAsync("");
        await Assertions.Expect(page.GetByTestId($"lot-status-{lots[7777].Id}")).ToHaveTextAsync("已取消");
        await page.Context.CloseAsync();
    }

    /// <summary>The whole table is in view, the revise forms included: the section does not have to be scrolled sideways.</summary>
    private static async Task AssertInViewAsync(ILocator section)
    {
        var widths = await section.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the table is {widths[0]} px wide in a section of {widths[1]} px");
    }

    /// <summary>Pulls a feed now through the API and waits for the new run to finish.</summary>
    private static async Task<JsonElement> PulledAsync(HttpClient planner, string feed)
    {
        var before = (await planner.GetJsonAsync($"/api/v1/feeds/{feed}/runs")).GetArrayLength();
        using var response = await planner.PostAsync($"/api/v1/feeds/{feed}/pull", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var runs = await Rounds.EventuallyAsync(() => planner.GetJsonAsync($"/api/v1/feeds/{feed}/runs"),
            r => r.GetArrayLength() > before && r[0].GetProperty("status").GetString() != "running");
        return runs[0];
    }

    private static string Day(int offset) => DateTime.UtcNow.AddHours(8).Date.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Count(JsonElement run, string name) => run.GetProperty("counts").GetProperty(name).GetInt32();

    /// <summary>Opens the feed's runs on the screen and checks that its latest run shows the API's status and counts.</summary>
    private static async Task<JsonElement> ShowsTheApisLatestRunAsync(IPage page, HttpClient planner, string feed)
    {
        var run = (await planner.GetJsonAsync($"/api/v1/feeds/{feed}/runs"))[0];
        await page.GetByTestId($"feed-{feed}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("feed-runs")).ToContainTextAsync(feed);
        var row = page.GetByTestId("feed-runs-table").Locator($"tbody tr:has([data-run='{run.GetProperty("id").GetString()}'])");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        Assert.Equal(run.GetProperty("status").GetString(), await row.Locator("[data-status]").GetAttributeAsync("data-status"));
        foreach (var name in new[] { "read", "created", "updated", "unchanged", "cancelled", "kept", "rejected" })
        {
            Assert.Equal(Count(run, name), (int)Screens.NumberIn(await row.Locator($"[data-count={name}]").InnerTextAsync()));
        }

        return run;
    }

    /// <summary>Two buyers other than the demo key's, neither owning a feed yet, whose sample feeds hold lines.</summary>
    private async Task<(string Sample, string Orders)> TwoBuyersWithoutFeedsAsync(HttpClient planner)
    {
        var me = (await dashboard.Host.Api(DashboardFixture.Buyer).GetJsonAsync("/api/v1/me")).GetProperty("ownerId").GetString();
        var owners = (await planner.GetJsonAsync("/api/v1/feeds")).EnumerateArray().Select(f => f.GetProperty("ownerId").GetString()).ToHashSet();
        var buyers = (await planner.GetJsonAsync("/api/v1/buyers")).EnumerateArray().Select(b => b.GetProperty("id").GetString()!)
            .Where(id => id != me && !owners.Contains(id)).ToList();
        foreach (var id in buyers)
        {
            if ((await planner.GetStringAsync($"/samples/buyers/{id}/lines.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1)
            {
                return (id, buyers.First(other => other != id));
            }
        }

        throw new InvalidOperationException("No buyer has sample lines.");
    }

    private static async Task<string> RegisterFeedAsync(HttpClient planner, string id, string buyer, string url)
    {
        using var response = await planner.PostAsJsonAsync("/api/v1/feeds", new
        {
            id, kind = "demand", ownerId = buyer, url, format = "csv", cron = "0 3 * * *", mode = "snapshot",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return id;
    }
}
